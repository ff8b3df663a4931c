import { DEFAULT_MATRIX } from '../matrix';
import { decideRouting } from './decide-routing';

const ADDRESS = '兖州区鼓楼街道某小区3号楼';

function unitsFor(description: string, address = ADDRESS): string[] {
  const decision = decideRouting({ description, address, matrix: DEFAULT_MATRIX });
  return decision.assignments.map((a) => a.unit).sort();
}

/** Each clause of 二、联动职责分工, worded as a resident would word it. */
const CLAUSE_CASES: [string, string, string[]][] = [
  ['(一)1', '业委会没经过业主同意就私自决定把小区广告收益给了物业，这个决定不合法', ['gulou']],
  ['(一)2', '新业委会选出来三个月了，老业委会还是不交公章和账本', ['gulou']],
  ['(一)3', '我们小区一直没有业主委员会，想成立业委会不知道找谁', ['gulou']],
  ['(一)4', '和物业因为车位的事发生纠纷，希望街道帮忙调解一下', ['gulou']],
  ['(二)1', '楼上邻居装修把楼道占了一半，还把公共走廊圈进自己家', ['zhujian']],
  ['(二)2', '对门住户把阳台改成卫生间了，楼下担心漏水', ['zhujian']],
  ['(二)3', '有住户私自加装暖气片，还偷接暖气管道', ['zhujian']],
  ['(二)4', '开发商房子没验收就让我们收房入住了', ['zhujian']],
  ['(二)5', '新房刚交房一年墙就裂缝了，开发商一直推诿不给修', ['zhujian']],
  ['(二)6', '楼下小饭店在地下室用好几个液化气罐做饭，很危险', ['zhujian']],
  ['(三)1', '顶楼那家在楼顶又搭了个棚子住人', ['chengguan']],
  ['(三)2', '一楼住户在自家院子里私搭乱建，盖了个彩钢房', ['chengguan']],
  ['(三)2', '一楼住户把外墙砸开开了个门，说是自家进出方便', ['chengguan']],
  ['(三)3', '小区门口有人挂了一个巨大的广告牌和横幅', ['chengguan']],
  ['(三)4', '地下车库有人住人，改成宿舍出租了', ['chengguan']],
  ['(三)6', '小区门口天天有小商贩占道经营摆摊卖菜', ['chengguan']],
  ['(四)1', '小区里天天停着几辆大货车，晚上还有油罐车', ['gongan']],
  ['(四)2', '消防通道被私家车堵死了，消防车根本进不来', ['gongan']],
  ['(四)2', '楼道里的灭火器被人拿走了，消防栓也被杂物挡住', ['gongan']],
  ['(四)3', '物业强迫我们装修必须用他们指定的装修队和材料', ['gongan']],
  ['(四)4', '邻居养了条大狗，遛狗从来不拴绳，吓到孩子', ['gongan']],
  ['(四)5', '楼下天天晚上跳广场舞，音响开得震天响', ['gongan']],
  ['(四)6', '有人故意把小区的门禁砸坏了', ['gongan']],
  ['(四)7', '有住户在地下室存放大量汽油和油漆', ['gongan']],
  ['(四)8', '小区里有人大半夜放鞭炮', ['gongan']],
  ['(四)9', '小区里有一户人家天天聚众赌博', ['gongan']],
  ['(五)1', '对面正在建的楼盘开发商擅自加层，和规划不符', ['guihua']],
  ['(六)1', '小区旁边的化工厂天天排放废气，臭味熏得人头疼', ['huanbao']],
  ['(六)2', '我们楼顶上装了个信号基站，担心辐射', ['huanbao']],
  ['(六)3', '小区旁边有人往河里偷排污水，河水都变黑了', ['huanbao']],
  ['(七)1', '物业收费从来不公示，收费标准也不公开', ['wujia']],
  ['(七)2', '物业乱收费，停车费一年涨了好几次', ['wujia']],
  ['(八)1', '家里的电表走得特别快，怀疑电表不准', ['zhijian']],
  ['(八)2', '电梯的检验合格证早就过期了，也没见有人保养', ['zhijian']],
  ['(八)4', '电梯运行的时候晃得厉害还有异响，有安全隐患', ['zhijian']],
  ['(八)5', '电梯坏了打维保电话半天没人来，现在还带病运行', ['zhijian']],
  ['(九)1', '居民楼里有人开了个加工作坊，机器天天响', ['gongshang']],
  ['(九)2', '我们小区的物业公司连营业执照都没有', ['gongshang']],
  ['(九)3', '小区里开了个小卖部，没有营业执照', ['gongshang']],
  ['(九)4', '小区门口的店卖假货，还做虚假宣传', ['gongshang']],
  ['(十)1', '我们小区的物业没有资质证书', ['xiaoquban']],
  ['(十)2', '物业公司突然撤走了，小区没人管了', ['xiaoquban']],
  ['(十)3', '物业挪用专项维修资金，业主不知道钱去哪了', ['xiaoquban']],
  ['(十)4', '开发商没有招标就直接指定了物业公司', ['xiaoquban']],
  ['(十)5', '物业把小区会所擅自出租给别人开饭店', ['xiaoquban']],
  ['(十一)1', '楼上总是往楼下乱扔垃圾烟头', ['huanwei']],
  ['(十一)2', '小区里有人收废品，破烂堆得到处都是，还烧垃圾', ['huanwei']],
  ['(十一)3', '一楼住户在院子里养鸡，公鸡天天打鸣', ['huanwei']],
  ['(十二)1', '有人把小区绿地铺了砖当停车位用', ['yuanlin']],
  ['(十二)2', '有人把小区里的大树砍了', ['yuanlin']],
  ['(十三)1', '人防地下室的防护门被拆除了', ['renfang']],
  ['(十三)2', '有人往人防工程里倒垃圾排污水', ['renfang']],
  ['(十四)', '我们楼已经停电一整天了', ['power']],
  ['(十四)', '高层二次供水水压太低，一到晚上就没水', ['water']],
  ['(十四)', '家里暖气一点都不热，室温才十几度', ['heating']],
  ['(十四)', '家里天然气停了三天还没通', ['gas']],
  ['(十四)', '楼道里一股很大的煤气味，怀疑漏气', ['gas']],
  ['(十四)', '家里的宽带断了好几天', ['telecom']],
  ['(十四)', '有线电视没信号好几天了', ['cable-tv']],
];

describe('decideRouting: every clause of 二、联动职责分工', () => {
  it.each(CLAUSE_CASES)(
    'routes a resident complaint under %s to the responsible unit: %s',
    (_item, text, units) => {
      expect(unitsFor(text)).toEqual([...units].sort());
    },
  );
});

describe('decideRouting: daily property service goes to the company first', () => {
  it.each([
    ['楼道好几天没人打扫，垃圾桶都满了'],
    ['小区保安不管事，外来人员随便进出'],
    ['小区草坪的草长得很高没人修剪'],
    ['楼道灯坏了一个月了没人修'],
    ['电梯坏了三天了也没人修'],
    ['小区里车辆乱停乱放，出门都难'],
  ])('sends "%s" to 物业服务企业', (text) => {
    expect(unitsFor(text)).toEqual(['property-company']);
  });
});

describe('decideRouting: overlapping clauses are joint cases', () => {
  it.each([
    ['侵占人防工程', '地下室人防被占了，物业拿来当仓库出租', ['chengguan', 'renfang']],
    ['building on green space', '有住户在楼下绿地上盖了个小房子', ['chengguan', 'yuanlin']],
    ['posters and graffiti', '单元门和墙上贴满了小广告', ['chengguan', 'huanwei']],
    ['forced fee collection', '物业说不交物业费就给我家停水停电', ['gongan', 'wujia']],
  ])('%s is joint, coordinated by the township', (_name, text, units) => {
    const decision = decideRouting({
      description: text,
      address: ADDRESS,
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.assignments.map((a) => a.unit).sort()).toEqual(units);
    expect(decision.joint).toBe(true);
    expect(decision.coordinator).toBe('gulou');
    expect(decision.manual).toBeNull();
  });

  it('forced fee collection has 公安 leading and 物价 assisting', () => {
    const decision = decideRouting({
      description: '物业强行收费，不交就不让进小区',
      address: ADDRESS,
      matrix: DEFAULT_MATRIX,
    });

    const roles = Object.fromEntries(
      decision.assignments.map((a) => [a.unit, a.role]),
    );
    expect(roles).toEqual({ gongan: 'lead', wujia: 'assist' });
  });

  it('queues a joint case for manual dispatch when the township is unknown', () => {
    const decision = decideRouting({
      description: '单元门和墙上贴满了小广告',
      address: '李村',
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.joint).toBe(true);
    expect(decision.coordinator).toBeNull();
    expect(decision.manual).toBe('ambiguous-township');
    expect(decision.townshipCandidates.sort()).toEqual(['caohe', 'daan', 'xinyi']);
  });
});

describe('decideRouting: rules of the decision', () => {
  it('gives one assignment per unit when one unit is responsible for several matters', () => {
    const decision = decideRouting({
      description: '楼顶有人加盖了房子；小区门口还有人占道经营摆摊',
      address: ADDRESS,
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.assignments.map((a) => a.unit)).toEqual(['chengguan']);
    expect(decision.joint).toBe(false);
  });

  it('routes every issue of a multi-issue complaint', () => {
    const units = unitsFor('邻居遛狗不拴绳。楼下晚上跳广场舞太吵。楼顶还有人搭棚子。');
    expect(units).toEqual(['chengguan', 'gongan']);
  });

  it('keeps lead over assist when one unit is both', () => {
    const decision = decideRouting({
      description: '电梯关人了；小区里车辆乱停乱放',
      address: ADDRESS,
      matrix: DEFAULT_MATRIX,
      category: 'zhijian.elevator-accident',
    });
    const company = decision.assignments.find((a) => a.unit === 'property-company');
    expect(company?.role).toBe('assist');
  });

  it('lets the operator category win over the text', () => {
    const decision = decideRouting({
      description: '楼下天天晚上跳广场舞，音响开得震天响',
      address: ADDRESS,
      matrix: DEFAULT_MATRIX,
      category: 'yuanlin.tree-damage',
    });

    expect(decision.assignments.map((a) => a.unit)).toEqual(['yuanlin']);
    expect(decision.matterTypes[0].matterType).toBe('yuanlin.tree-damage');
  });

  it('resolves a township duty to the township of the case', () => {
    const decision = decideRouting({
      description: '老业委会不交公章',
      address: '新驿镇高四村',
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.assignments.map((a) => a.unit)).toEqual(['xinyi']);
    expect(decision.assignments[0].unitName).toBe('新驿镇');
  });

  it('queues a township duty when the village stands under several townships', () => {
    const decision = decideRouting({
      description: '老业委会不交公章',
      address: '马楼村',
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.manual).toBe('ambiguous-township');
    expect(decision.township).toBeNull();
    expect(decision.townshipCandidates.sort()).toEqual(['xinyi', 'yandian']);
  });

  it('queues even a one-department matter when the village stands under several townships', () => {
    const decision = decideRouting({
      description: '楼顶上有人又盖了一层',
      address: '王庄村',
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.manual).toBe('ambiguous-township');
    expect(decision.assignments.map((a) => a.unit)).toEqual(['chengguan']);
  });

  it('takes the township the resident names in the text when the address leaves a choice', () => {
    const decision = decideRouting({
      description: '俺是新兖镇王庄村的，楼顶上有人又盖了一层',
      address: '王庄村',
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.manual).toBeNull();
    expect(decision.township).toBe('xinyan');
    expect(decision.assignments.map((a) => a.unit)).toEqual(['chengguan']);
  });

  it('keeps the choice when the township named in the text is none of the candidates', () => {
    const decision = decideRouting({
      description: '上回在颜店镇也见过，楼顶上有人又盖了一层',
      address: '王庄村',
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.manual).toBe('ambiguous-township');
    expect(decision.townshipCandidates.sort()).toEqual(['xinglongzhuang', 'xinyan']);
  });

  it('dispatches the same matter once the township is in the address', () => {
    const decision = decideRouting({
      description: '楼顶上有人又盖了一层',
      address: '新兖镇王庄村',
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.manual).toBeNull();
    expect(decision.assignments.map((a) => a.unit)).toEqual(['chengguan']);
  });

  it('takes the operator township over the address', () => {
    const decision = decideRouting({
      description: '老业委会不交公章',
      address: '马楼村',
      township: 'yandian',
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.assignments.map((a) => a.unit)).toEqual(['yandian']);
    expect(decision.manual).toBeNull();
  });

  it('does not send the case again to a unit that returned it', () => {
    const decision = decideRouting({
      description: '单元门和墙上贴满了小广告',
      address: ADDRESS,
      matrix: DEFAULT_MATRIX,
      excludeUnits: ['huanwei'],
    });

    expect(decision.assignments.map((a) => a.unit)).toEqual(['chengguan']);
    expect(decision.joint).toBe(false);
  });

  it('queues the case when every responsible unit returned it', () => {
    const decision = decideRouting({
      description: '邻居养了条大狗，遛狗从来不拴绳',
      address: ADDRESS,
      matrix: DEFAULT_MATRIX,
      excludeUnits: ['gongan'],
    });

    expect(decision.assignments).toEqual([]);
    expect(decision.manual).toBe('no-unit-left');
  });

  it.each([
    ['今天天气真好，我想问问公交车几点发车'],
    ['asdfghjkl'],
    [''],
  ])('does not guess a unit for unrelated text "%s"', (text) => {
    const decision = decideRouting({ description: text, address: ADDRESS, matrix: DEFAULT_MATRIX });

    expect(decision.assignments).toEqual([]);
    expect(['unmatched', 'unsure-matter']).toContain(decision.manual);
  });

  it('asks the operator when only a weak word matches', () => {
    const decision = decideRouting({
      description: '我想反映一下电梯的事情',
      address: ADDRESS,
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.manual).toBe('unsure-matter');
    expect(decision.assignments).toEqual([]);
    expect(decision.matterTypes.length).toBeGreaterThan(0);
  });

  it('explains the decision with matched words, clause and matrix version', () => {
    const decision = decideRouting({
      description: '顶楼那家在楼顶又搭了个棚子',
      address: ADDRESS,
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.explanation).toContain(DEFAULT_MATRIX.version);
    expect(decision.explanation).toContain('楼顶');
    expect(decision.explanation).toContain('(三)1');
    expect(decision.explanation).toContain('区城管执法局');
  });

  it('gives elevator entrapment 30 minutes on site', () => {
    const decision = decideRouting({
      description: '电梯突然停了，我们被困在里面',
      address: ADDRESS,
      matrix: DEFAULT_MATRIX,
    });

    const zhijian = decision.assignments.find((a) => a.unit === 'zhijian');
    expect(zhijian?.limits.onSiteHours).toBe(0.5);
    expect(zhijian?.limits.resolveHours).toBe(2);
  });
});

describe('decideRouting: places outside the district', () => {
  it('sends a matter in another county to a person, however well it matches', () => {
    const decision = decideRouting({
      description: '俺老家在曲阜，村里有人盖违建',
      address: '曲阜市书院街道',
      matrix: DEFAULT_MATRIX,
    });

    expect(decision.manual).toBe('unmatched');
    expect(decision.assignments).toEqual([]);
    expect(decision.explanation).toContain('曲阜');
  });

  it('routes a complaint from one of our townships that mentions another city', () => {
    expect(unitsFor('我在济南上班，回来发现楼顶有人加盖了房子')).toEqual([
      'chengguan',
    ]);
  });
});
