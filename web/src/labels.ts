/**
 * What people read for the codes on the wire. Mirrors libs/domain (units,
 * roles, urgencies, channels); the browser bundle does not import the domain
 * library because parts of it (the word segmenter) are native code.
 */
export const TOWNSHIPS: Record<string, string> = {
  longqiao: '龙桥街道',
  gulou: '鼓楼街道',
  jiuxianqiao: '酒仙桥街道',
  xinyan: '新兖镇',
  xiaomeng: '小孟镇',
  daan: '大安镇',
  caohe: '漕河镇',
  xinglongzhuang: '兴隆庄镇',
  xinyi: '新驿镇',
  yandian: '颜店镇',
  'industrial-park': '兖州工业园区',
  'agri-hightech': '农高区',
};

export const UNITS: Record<string, string> = {
  ...TOWNSHIPS,
  zhujian: '区住建局',
  chengguan: '区城管执法局',
  gongan: '区公安局',
  guihua: '区规划局',
  huanbao: '区环保局',
  wujia: '区物价局',
  zhijian: '区质监局',
  gongshang: '区工商局',
  xiaoquban: '区小区办',
  huanwei: '区环卫局',
  yuanlin: '区园林局',
  renfang: '区人防办',
  power: '济宁供电公司兖州供电部',
  water: '区自来水公司',
  heating: '区热力公司',
  gas: '华润燃气公司',
  telecom: '通信运营单位',
  'cable-tv': '有线电视运营单位',
  'property-company': '物业服务企业',
};

export function unitName(code: string | null | undefined): string {
  if (!code) return '—';
  return UNITS[code] ?? code;
}

export function townshipName(code: string | null | undefined): string {
  if (!code) return '—';
  return TOWNSHIPS[code] ?? code;
}

export type Role =
  | 'operator'
  | 'liaison'
  | 'township'
  | 'dispatcher'
  | 'supervisor'
  | 'admin';

export const ROLE_LABELS: Record<Role, string> = {
  operator: '话务员',
  liaison: '单位联络员',
  township: '镇街协调员',
  dispatcher: '区派遣员',
  supervisor: '区督查员',
  admin: '系统管理员',
};

export type Urgency = 'normal' | 'urgent' | 'critical';

export const URGENCY_LABELS: Record<Urgency, string> = {
  normal: '一般',
  urgent: '紧急',
  critical: '特急',
};

export const URGENCY_COLORS: Record<string, string> = {
  normal: 'default',
  urgent: 'orange',
  critical: 'red',
};

export const CHANNEL_LABELS: Record<string, string> = {
  hotline: '热线电话',
  web: '网站',
  wechat: '微信',
  grid: '网格员上报',
  petition: '信访',
  media: '媒体曝光',
  open311: 'Open311 接口',
};

export const ASSIGNMENT_ROLE_LABELS: Record<string, string> = {
  lead: '牵头',
  assist: '协办',
};

/** States of one unit's assignment and of a case, as the services name them. */
export const STATE_LABELS: Record<string, string> = {
  issued: '待签收',
  pending: '待签收',
  acknowledged: '已签收',
  returned: '已退单',
  transferred: '已转办',
  'extension-requested': '延期申请中',
  extended: '已延期',
  resolved: '已反馈',
  closed: '已结案',
  reopened: '重办',
  received: '已受理',
  routed: '已派单',
  queued: '待人工派单',
  'manual-dispatch': '待人工派单',
  arbitration: '待审定',
  'in-progress': '办理中',
  open: '办理中',
  granted: '已批准',
  denied: '未批准',
  done: '已完成',
  reported: '已反馈',
};

export function stateLabel(state: string | null | undefined): string {
  if (!state) return '—';
  return STATE_LABELS[state] ?? state;
}

export const MANUAL_REASON_LABELS: Record<string, string> = {
  'unsure-matter': '事项类型不确定',
  'ambiguous-township': '属地镇街不明确',
  unmatched: '职责清单无对应条款',
  'no-unit-left': '可派单位均已退单',
  'dispatcher-requested': '派遣员要求人工派单',
};

export const INDICATOR_LABELS: Record<string, string> = {
  received: '受理量',
  acknowledgementRate: '签收率',
  onTimeAcknowledgementRate: '按时签收率',
  resolutionRate: '办结率',
  onTimeResolutionRate: '按期办结率',
  overdueUnresolved: '超期未办结数',
  overdueUnresolvedCount: '超期未办结数',
  returnRate: '退单率',
  reopenRate: '重办率',
  extensionRate: '延期率',
  satisfactionRate: '满意率',
  firstDispatchAccuracy: '首派准确率',
  repeatComplaints: '重复投诉',
  complaintRate: '投诉率',
};
