import { Citation } from '../events/catalogue';
import {
  LimitClass,
  MatrixEntry,
  ResponsibleUnit,
  TimeLimits,
  TOWNSHIP_OF_CASE,
} from './matrix-entry';
import { DEFAULT_LIMITS, URGENCY_OF_CLASS } from './time-limits';

export const LINKAGE_DOCUMENT = '兖州区建立健全物业管理执法联动机制的意见';
export const QUALITY_STANDARD_DOCUMENT =
  '济宁市兖州区城区物业管理监督考核暂行办法 附件1—3 物业项目服务质量考评标准';

/** 二、联动职责分工: one numbered duty. */
function duty(item: string, text: string): Citation {
  return { document: LINKAGE_DOCUMENT, section: '二', item, text };
}

/** 三(二) 快速反应机制: property-service matters go to the company first. */
const QUICK_RESPONSE: Citation = {
  document: LINKAGE_DOCUMENT,
  section: '三',
  item: '(二)',
  text: '属于物业管理范围的，物业服务企业要及时解决',
};

function standard(item: string, text: string): Citation {
  return { document: QUALITY_STANDARD_DOCUMENT, section: '附件1—3', item, text };
}

function lead(unit: string, clause: Citation): ResponsibleUnit {
  return { unit, role: 'lead', clause };
}

function assist(unit: string, clause: Citation): ResponsibleUnit {
  return { unit, role: 'assist', clause };
}

interface EntryOptions {
  limits?: Partial<TimeLimits>;
  selectableOnly?: boolean;
}

function entry(
  code: string,
  label: string,
  limitClass: LimitClass,
  responsible: ResponsibleUnit[],
  options: EntryOptions = {},
): MatrixEntry {
  return {
    code,
    label,
    citation: responsible[0].clause,
    responsible,
    urgency: URGENCY_OF_CLASS[limitClass],
    limitClass,
    limits: { ...DEFAULT_LIMITS[limitClass], ...options.limits },
    ...(options.selectableOnly ? { selectableOnly: true } : {}),
  };
}

/** Each unit's last duty: 调解处理因上述问题引起的矛盾纠纷. */
function mediation(unit: string, item: string, unitLabel: string): MatrixEntry {
  return entry(
    `${unit}.related-dispute`,
    `${unitLabel}职责范围内引起的矛盾纠纷调解`,
    'general',
    [lead(unit, duty(item, '调解处理因上述问题引起的矛盾纠纷'))],
  );
}

const TOWNSHIP = TOWNSHIP_OF_CASE;

export const MATRIX_ENTRIES: readonly MatrixEntry[] = [
  // (一) 镇街
  entry('township.owners-decision-correction', '纠正或撤销业主大会、业主委员会违法决定', 'complex', [
    lead(TOWNSHIP, duty('(一)1', '纠正或撤销业主大会、业主委员会作出的违反法律法规的决定，并通告全体业主')),
  ]),
  entry('township.committee-handover', '督促业主委员会移交印章、档案资料和共有财物', 'general', [
    lead(TOWNSHIP, duty('(一)2', '督促业主委员会及时移交业主委员会印章、档案资料以及属于全体业主的财物')),
  ]),
  entry('township.owners-assembly', '业主大会成立、业主委员会换届与联席会议', 'complex', [
    lead(TOWNSHIP, duty('(一)3', '积极推进“四位一体”物业管理体系建设，召集物业管理联席会议并督促具体事项的办理落实')),
  ]),
  entry('township.dispute-mediation', '物业管理矛盾纠纷调解', 'general', [
    lead(TOWNSHIP, duty('(一)4', '对辖区内的各类物业管理矛盾纠纷进行调解处理')),
  ]),

  // (二) 区住建局
  entry('zhujian.renovation-encroachment', '装修侵占公共空间、损坏公共设施', 'general', [
    lead('zhujian', duty('(二)1', '对室内装饰装修活动侵占公共空间及对公共设施造成损害的行为进行制止和查处')),
  ]),
  entry('zhujian.wet-room-conversion', '阳台、无防水房间改卫生间厨房或拆除阳台墙体', 'general', [
    lead('zhujian', duty('(二)2', '制止和查处将没有防水要求的房间、阳台改为卫生间、厨房，或者拆除连接阳台的砖、混凝土墙体的行为')),
  ]),
  entry('zhujian.utility-installation-tampering', '擅自拆改供暖供气管道、损坏节能设施、盗用水暖气', 'general', [
    lead('zhujian', duty('(二)3', '制止和查处损坏房屋原有节能设施、擅自拆改供暖、供气管道和设施，擅自改动、破坏供水、供热、供气设施设备，增设散热器，盗用城市供水、供热、供气的行为')),
  ]),
  entry('zhujian.delivery-without-acceptance', '未经竣工验收擅自交付房屋', 'complex', [
    lead('zhujian', duty('(二)4', '对开发建设单位未组织工程竣工验收或者验收不合格，擅自将房屋交付购房人使用的行为进行查处')),
  ]),
  entry('zhujian.warranty-refusal', '施工单位不履行或拖延保修义务', 'general', [
    lead('zhujian', duty('(二)5', '对施工单位不履行保修义务或者拖延履行保修义务的行为进行查处')),
  ]),
  entry('zhujian.gas-misuse', '违规使用燃气、违规钢瓶充装燃气', 'emergency', [
    lead('zhujian', duty('(二)6', '对物业管理区域内违规使用燃气、违规从事钢瓶充装燃气的行为进行查处')),
  ]),
  mediation('zhujian', '(二)7', '区住建局'),

  // (三) 区城管执法局
  entry('chengguan.rooftop-construction', '楼顶、底层或退层平台擅自建设', 'complex', [
    lead('chengguan', duty('(三)1', '擅自在建筑物顶部、底层或者退层平台进行建设的行为进行查处')),
  ]),
  entry('chengguan.shared-space-construction', '占用业主共有道路或场地进行建设', 'complex', [
    lead('chengguan', duty('(三)1', '对擅自占用物业管理区域内业主共有的道路、绿地或者其他场地进行建设的行为进行查处')),
  ]),
  entry('chengguan.illegal-structure', '违章搭建建筑物、构筑物', 'complex', [
    lead('chengguan', duty('(三)2', '对违章搭建建筑物、构筑物的行为进行查处')),
  ]),
  entry('chengguan.facade-alteration', '擅自改变住宅立面、外墙开门开窗', 'general', [
    lead('chengguan', duty('(三)2', '擅自改变住宅立面、在非承重外墙开门、开窗的行为进行查处')),
  ]),
  entry('chengguan.outdoor-advertising', '擅自悬挂宣传品、设置大型户外广告', 'general', [
    lead('chengguan', duty('(三)3', '利用实物造型、悬挂物、充气装置等载体设置宣传品，擅自设置大型户外广告等影响城市容貌的行为进行查处')),
  ]),
  entry('chengguan.change-of-use', '擅自改变建筑物使用性质', 'complex', [
    lead('chengguan', duty('(三)4', '对擅自改变已经建成并投入使用的建筑物、构筑物使用性质的行为进行查处')),
  ]),
  entry('chengguan.other-city-management', '其他违反城市管理法规的行为（占道经营、露天烧烤等）', 'general', [
    lead('chengguan', duty('(三)6', '对物业管理区域内其他违反城市管理法规的行为进行查处')),
  ]),
  mediation('chengguan', '(三)7', '区城管执法局'),

  // Overlaps the gazette made on purpose: joint cases, coordinated by the township.
  entry('joint.green-space-construction', '占用绿地进行建设（联合执法）', 'complex', [
    lead('chengguan', duty('(三)1', '对擅自占用物业管理区域内业主共有的道路、绿地或者其他场地进行建设的行为进行查处')),
    lead('yuanlin', duty('(十二)1', '对物业管理区域内擅自占用、破坏绿化用地和设施建造车位或其他设施的行为进行查处')),
  ]),
  entry('joint.posters-graffiti', '乱贴乱画、张贴小广告（联合执法）', 'general', [
    lead('chengguan', duty('(三)3', '对在建筑物、构筑物的外墙或者公共设施、路面、线杆、树木等处进行张贴、涂写、刻画、张挂宣传品的行为进行查处')),
    lead('huanwei', duty('(十一)1', '对乱贴乱画等破坏环境卫生的行为进行制止和查处')),
  ]),
  entry('joint.civil-defence-encroachment', '侵占人民防空工程（联合执法）', 'complex', [
    lead('chengguan', duty('(三)5', '对物业管理区域内侵占人民防空工程的行为进行查处')),
    lead('renfang', duty('(十三)1', '对侵占人民防空工程的行为进行制止和查处')),
  ]),
  // (七)2 reads 配合区公安局: 公安 leads, 物价 assists; two enforcement units.
  entry('joint.forced-fee-collection', '强行收取费用（公安牵头、物价配合）', 'emergency', [
    lead('gongan', duty('(七)2', '对物业服务企业或其他单位强行收取费用的行为进行查处（区公安局牵头，区物价局配合）')),
    assist('wujia', duty('(七)2', '配合区公安局对物业服务企业或其他单位强行收取费用的行为进行查处')),
  ], { limits: { resolveHours: 24 } }),

  // (四) 区公安局
  entry('gongan.large-vehicle-parking', '违章停放大型客车、货车、油罐车', 'general', [
    lead('gongan', duty('(四)1', '对物业管理区域内违章停放的大型客车、货车和油罐车(危化品车)及时予以拖离和查处')),
  ]),
  entry('gongan.fire-lane-blocking', '占用、堵塞消防车通道', 'emergency', [
    lead('gongan', duty('(四)2', '对占用、堵塞、封闭消防车通道，妨碍消防车通行的行为进行制止和查处')),
  ]),
  entry('gongan.fire-safety', '损坏消防设施、堵塞疏散通道和安全出口', 'emergency', [
    lead('gongan', duty('(四)2', '对损坏、挪用或者擅自拆除、停用消防设施、器材；占用、堵塞、封闭疏散通道、安全出口；埋压、圈占、遮挡消防栓的行为进行制止和查处')),
  ]),
  entry('gongan.coercive-trading', '强买强卖、强迫提供或接受服务', 'general', [
    lead('gongan', duty('(四)3', '对强买强卖商品，强迫他人提供服务或者强迫他人接受服务的行为进行制止和处理')),
  ]),
  entry('gongan.dog-keeping', '违规养犬', 'general', [
    lead('gongan', duty('(四)4', '对擅自饲养犬类的行为进行制止和查处')),
  ]),
  entry('gongan.noise-nuisance', '生活噪声扰民', 'general', [
    lead('gongan', duty('(四)5', '对家庭娱乐、身体锻炼以及饲养动物产生噪声干扰他人正常休息生活，或者从事产生噪声污染的装饰装修、货物装卸、生产加工等活动，在夜间和午间高声喊叫的行为进行制止和查处')),
  ], { limits: { resolveHours: 24 } }),
  entry('gongan.property-damage', '破坏共有部位、共用设施和公私财物', 'general', [
    lead('gongan', duty('(四)6', '对破坏业主共有部位、共用设施、设备及其他公私财物的行为进行查处')),
  ]),
  entry('gongan.hazardous-storage', '违规存放有毒、易燃易爆物品', 'emergency', [
    lead('gongan', duty('(四)7', '对物业管理区域内违规存放有毒、易燃易爆物品的行为进行查处')),
  ]),
  entry('gongan.fireworks', '违规燃放烟花爆竹', 'general', [
    lead('gongan', duty('(四)8', '对物业管理区域内违规燃放烟花、爆竹的行为进行制止和查处')),
  ], { limits: { resolveHours: 24 } }),
  entry('gongan.crime', '打架斗殴、赌博、涉毒涉黄、盗窃抢劫、传销等违法犯罪', 'emergency', [
    lead('gongan', duty('(四)9', '对打架斗殴、聚众赌博、涉毒、涉黄、恐吓、盗窃、抢劫、传销等违法犯罪行为进行制止和查处')),
  ]),
  mediation('gongan', '(四)10', '区公安局'),

  // (五) 区规划局
  entry('guihua.construction-violation', '竣工规划验收前建设项目违法违规', 'complex', [
    lead('guihua', duty('(五)1', '对物业管理区域内审批后、竣工规划验收前的建设项目(工程)违法违规进行处罚')),
  ]),
  mediation('guihua', '(五)2', '区规划局'),

  // (六) 区环保局
  entry('huanbao.industrial-pollution', '小区周边企业粉尘、恶臭污染', 'general', [
    lead('huanbao', duty('(六)1', '对小区周边产生粉尘、恶臭气体的企业污染环境行为进行制止和查处')),
  ]),
  entry('huanbao.radiation', '擅自架设大功率电力、发射装置造成辐射污染', 'complex', [
    lead('huanbao', duty('(六)2', '对未经相关部门批准在物业管理区域内架设大功率电力设施、大功率发射装置以及安装其他辐射、放射源等造成辐射污染的行为进行制止和查处')),
  ]),
  entry('huanbao.ecological-damage', '破坏生态环境', 'general', [
    lead('huanbao', duty('(六)3', '对破坏生态环境的行为进行制止和查处')),
  ]),
  mediation('huanbao', '(六)4', '区环保局'),

  // (七) 区物价局
  entry('wujia.fee-disclosure', '物业服务收费未公示', 'general', [
    lead('wujia', duty('(七)1', '对未按规定进行物业服务收费公示的行为进行查处')),
  ]),
  entry('wujia.overcharging', '物业服务企业及其他单位乱收费', 'general', [
    lead('wujia', duty('(七)2', '对物业服务企业及其他单位的乱收费行为进行查处')),
  ]),
  mediation('wujia', '(七)3', '区物价局'),

  // (八) 区质监局
  entry('zhijian.metering-installation', '锅炉、压力容器、电梯、水电表及计量装置违规安装使用', 'general', [
    lead('zhijian', duty('(八)1', '对不按规定安装使用锅炉、压力容器、电梯、电表、水表及各类计量装置的违法违规行为进行查处')),
  ]),
  entry('zhijian.elevator-inspection', '电梯超期检验、不按规定维保或无资质维保', 'general', [
    lead('zhijian', duty('(八)2', '对电梯超期检验、不按规定维保和自行检查的行为，电梯维保、维修单位超资质或无资质维保、维修行为进行查处')),
  ]),
  entry('zhijian.elevator-accident', '电梯关人、夹人、坠落等事故', 'emergency', [
    lead('zhijian', duty('(八)3', '出现电梯损坏、停运、关人、夹人、坠落等事故后，会同电梯维保单位、电梯生产厂家、物业服务企业等责任单位对问题原因及责任进行认定')),
    assist('property-company', duty('(八)3', '会同电梯维保单位、电梯生产厂家、物业服务企业等责任单位对问题原因及责任进行认定')),
  ], { limits: { onSiteHours: 0.5 } }),
  entry('zhijian.unsafe-elevator', '使用不符合安全技术规范的电梯', 'general', [
    lead('zhijian', duty('(八)4', '对使用不符合安全技术规范电梯的行为进行查处')),
  ]),
  entry('zhijian.elevator-rescue-failure', '电梯维保单位未及时救援、故障未排除继续使用', 'emergency', [
    lead('zhijian', duty('(八)5', '对电梯维保单位接到故障通知后未及时采取必要应急救援措施，出现故障未消除事故隐患继续使用的行为进行查处')),
  ]),
  mediation('zhijian', '(八)6', '区质监局'),

  // (九) 区工商局
  entry('gongshang.residential-business', '擅自改变房屋用途从事生产经营', 'general', [
    lead('gongshang', duty('(九)1', '对违反法律、法规及管理规约，未经利害关系业主同意，擅自改变房屋用途从事生产、经营活动的单位和个人，不予注册登记')),
  ]),
  entry('gongshang.unlicensed-property-management', '未取得营业执照从事物业管理', 'general', [
    lead('gongshang', duty('(九)2', '对未取得营业证从事物业管理经营活动的单位和个人进行查处')),
  ]),
  entry('gongshang.unlicensed-business', '无证经营', 'general', [
    lead('gongshang', duty('(九)3', '对无证从事经营活动的单位和个人进行查处')),
  ]),
  entry('gongshang.false-advertising', '虚假广告、假冒伪劣商品', 'general', [
    lead('gongshang', duty('(九)4', '对各类虚假广告，收售假冒、伪劣商品等违法行为进行查处')),
  ]),
  mediation('gongshang', '(九)5', '区工商局'),

  // (十) 区小区办
  entry('xiaoquban.unqualified-company', '无物业服务企业资质从事物业管理', 'general', [
    lead('xiaoquban', duty('(十)1', '对未取得物业服务企业资质证书从事物业管理的行为进行查处')),
  ]),
  entry('xiaoquban.company-withdrawal', '物业企业擅自撤离、停止服务', 'emergency', [
    lead('xiaoquban', duty('(十)2', '对物业企业擅自撤离物业管理区域、停止物业服务或未办理退出手续、履行相应义务的行为进行查处')),
  ], { limits: { resolveHours: 72 } }),
  entry('xiaoquban.maintenance-fund', '未缴存保修金、挪用专项维修资金', 'complex', [
    lead('xiaoquban', duty('(十)3', '对未按规定缴存物业质量保修金、挪用专项维修资金的行为进行查处')),
  ]),
  entry('xiaoquban.tendering', '未经招投标选聘物业服务企业', 'complex', [
    lead('xiaoquban', duty('(十)4', '对未通过招投标的方式选聘物业服务企业或者未经批准，擅自采用协议方式选聘物业服务企业的行为进行查处')),
  ]),
  entry('xiaoquban.common-property-disposal', '擅自处分业主共用部位、共用设施设备', 'complex', [
    lead('xiaoquban', duty('(十)5', '对擅自处理属于业主的共用部位、共用设施设备所有权或者使用权的行为进行查处')),
  ]),
  mediation('xiaoquban', '(十)6', '区小区办'),

  // (十一) 区环卫局
  entry('huanwei.littering', '随地吐痰便溺、乱扔废弃物', 'general', [
    lead('huanwei', duty('(十一)1', '对随地吐痰、便溺，乱扔果皮、纸屑、烟头等废弃物等破坏环境卫生的行为进行制止和查处')),
  ]),
  entry('huanwei.recycling-and-burning', '废品乱堆乱放、焚烧垃圾枝叶', 'general', [
    lead('huanwei', duty('(十一)2', '对再生资源回收企业、个体经营者乱堆乱放或者焚烧废旧物品，在露天场所、垃圾收集容器内焚烧枝叶、垃圾或者其他废弃物的行为进行查处')),
  ]),
  entry('huanwei.livestock', '擅自饲养家禽家畜和食用鸽', 'general', [
    lead('huanwei', duty('(十一)3', '对物业管理区域内擅自饲养鸡、鸭、鹅、兔、羊、猪等家禽家畜和食用鸽的行为进行制止和查处')),
  ]),
  mediation('huanwei', '(十一)4', '区环卫局'),

  // (十二) 区园林局
  entry('yuanlin.green-space-occupation', '占用、破坏绿地建车位或停车', 'general', [
    lead('yuanlin', duty('(十二)1', '对物业管理区域内擅自占用、破坏绿化用地和设施建造车位或其他设施的行为进行查处')),
  ]),
  entry('yuanlin.tree-damage', '损坏、砍伐花草树木，改变绿化用途', 'general', [
    lead('yuanlin', duty('(十二)2', '对擅自损坏、修剪、砍伐花草树木或破坏、改变绿化用途、绿化设施的行为进行制止和查处')),
  ]),
  mediation('yuanlin', '(十二)3', '区园林局'),

  // (十三) 区人防办
  entry('renfang.structure-damage', '改变人防工程主体结构、拆除人防设施', 'complex', [
    lead('renfang', duty('(十三)1', '对改变人民防空工程主体结构、拆除人民防空工程设施设备，或者采用其他方法危害人民防空工程安全和使用效能的行为进行制止和查处')),
  ]),
  entry('renfang.discharge', '向人防工程排放废水废气、倾倒废弃物', 'general', [
    lead('renfang', duty('(十三)2', '对向人民防空工程内排入废水、废气或者倾倒废弃物的行为进行制止和查处')),
  ]),
  mediation('renfang', '(十三)3', '区人防办'),

  // (十四) 专业经营单位
  entry('power.supply-repair', '供电设施报修、停电', 'utility', [
    lead('power', duty('(十四)', '承担物业管理区域内供电专业经营设施设备的维修、养护、更新，受理报修和停供信息查询')),
  ]),
  entry('water.supply-repair', '供水设施报修、停水、二次供水', 'utility', [
    lead('water', duty('(十四)', '承担物业管理区域内供水（含二次供水）专业经营设施设备的维修、养护、更新，受理报修和停供信息查询')),
  ]),
  entry('heating.supply-repair', '供热设施报修、暖气不热', 'utility', [
    lead('heating', duty('(十四)', '承担物业管理区域内供热（含换热）专业经营设施设备的维修、养护、更新，受理报修和停供信息查询')),
  ]),
  entry('gas.supply-repair', '燃气设施报修、停气', 'utility', [
    lead('gas', duty('(十四)', '承担物业管理区域内供气（含燃气调压）专业经营设施设备的维修、养护、更新，受理报修和停供信息查询')),
  ]),
  entry('gas.leak', '燃气泄漏', 'emergency', [
    lead('gas', duty('(十四)', '承担物业管理区域内供气专业经营设施设备的维修、养护，受理报修')),
  ]),
  entry('telecom.service-repair', '通信线路、宽带报修', 'utility', [
    lead('telecom', duty('(十四)', '承担物业管理区域内通信专业经营设施设备及相关管线的维修、养护、更新')),
  ]),
  entry('cable-tv.service-repair', '有线电视报修', 'utility', [
    lead('cable-tv', duty('(十四)', '承担物业管理区域内有线电视专业经营设施设备及相关管线的维修、养护、更新')),
  ]),
  entry('utility.billing', '水电暖气收费、抄表与停供信息', 'general', [
    lead('power', duty('(十四)', '抄表收费到最终用户，提供收费、停供信息查询')),
  ], { selectableOnly: true }),
  entry('power.billing', '电费、电表抄表查询', 'general', [
    lead('power', duty('(十四)', '抄表收费到最终用户，提供收费、停供信息查询')),
  ]),
  entry('water.billing', '水费、水表抄表查询', 'general', [
    lead('water', duty('(十四)', '抄表收费到最终用户，提供收费、停供信息查询')),
  ]),
  entry('heating.billing', '暖气费查询', 'general', [
    lead('heating', duty('(十四)', '抄表收费到最终用户，提供收费、停供信息查询')),
  ]),
  entry('gas.billing', '燃气费、气表抄表查询', 'general', [
    lead('gas', duty('(十四)', '抄表收费到最终用户，提供收费、停供信息查询')),
  ]),

  // 物业服务企业 first (三(二) 快速反应机制; 附件1—3 物业项目服务质量考评标准)
  entry('property.cleaning', '小区保洁卫生', 'general', [
    lead('property-company', standard('一 保洁卫生服务', '楼道内无垃圾、无杂物堆放，垃圾无满溢、无散落，道路无积水、无垃圾、无卫生死角')),
  ], { limits: { resolveHours: 24 } }),
  entry('property.order-security', '小区秩序维护与安全防范', 'general', [
    lead('property-company', standard('二 秩序、安全维护服务', '有专职秩序维护人员，实行封闭式管理，安保巡逻，电子监控系统24小时开启')),
  ], { limits: { resolveHours: 24 } }),
  entry('property.greenery-upkeep', '小区绿化养护', 'general', [
    lead('property-company', standard('三 绿化养护服务', '按时对绿化进行养护，无枯死、倒伏树木，绿化带内无杂草')),
  ]),
  entry('property.facility-repair', '小区共用设施维修（路灯、单元门、井盖等）', 'general', [
    lead('property-company', standard('四 公共设施设备维护', '单元门、对讲系统、路灯楼道灯等公共照明、门窗配件、道板井盖完好')),
  ], { limits: { resolveHours: 72 } }),
  entry('property.elevator-running', '电梯日常运行与维护保养', 'utility', [
    lead('property-company', standard('四(三) 升降系统', '电梯由专业公司维护保养，电梯内灯具、按钮完好，求助电话24小时畅通')),
  ]),
  entry('property.parking-order', '小区内车辆停放秩序', 'general', [
    lead('property-company', standard('二7', '车辆划线定位，停放有序')),
  ], { limits: { resolveHours: 24 } }),
  entry('property.service-complaint', '物业服务质量投诉', 'general', [
    lead('property-company', QUICK_RESPONSE),
  ]),
];
