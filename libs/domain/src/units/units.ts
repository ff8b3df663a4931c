/**
 * The member units of the district's 物业管理执法联动 mechanism, named exactly
 * as the gazette names them. Codes are stable identifiers used on the wire,
 * in topics and in URLs; names are what people read.
 */
export type UnitKind = 'township' | 'department' | 'utility' | 'property-company';

export interface Unit {
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
}

export const TOWNSHIPS = [
  { code: 'longqiao', name: '龙桥街道' },
  { code: 'gulou', name: '鼓楼街道' },
  { code: 'jiuxianqiao', name: '酒仙桥街道' },
  { code: 'xinyan', name: '新兖镇' },
  { code: 'xiaomeng', name: '小孟镇' },
  { code: 'daan', name: '大安镇' },
  { code: 'caohe', name: '漕河镇' },
  { code: 'xinglongzhuang', name: '兴隆庄镇' },
  { code: 'xinyi', name: '新驿镇' },
  { code: 'yandian', name: '颜店镇' },
  { code: 'industrial-park', name: '兖州工业园区' },
  { code: 'agri-hightech', name: '农高区' },
] as const;

export type TownshipCode = (typeof TOWNSHIPS)[number]['code'];

export const DEPARTMENTS = [
  { code: 'zhujian', name: '区住建局' },
  { code: 'chengguan', name: '区城管执法局' },
  { code: 'gongan', name: '区公安局' },
  { code: 'guihua', name: '区规划局' },
  { code: 'huanbao', name: '区环保局' },
  { code: 'wujia', name: '区物价局' },
  { code: 'zhijian', name: '区质监局' },
  { code: 'gongshang', name: '区工商局' },
  { code: 'xiaoquban', name: '区小区办' },
  { code: 'huanwei', name: '区环卫局' },
  { code: 'yuanlin', name: '区园林局' },
  { code: 'renfang', name: '区人防办' },
] as const;

/** (十四) 专业经营单位, as the gazette lists them. */
export const UTILITIES = [
  { code: 'power', name: '济宁供电公司兖州供电部' },
  { code: 'water', name: '区自来水公司' },
  { code: 'heating', name: '区热力公司' },
  { code: 'gas', name: '华润燃气公司' },
  { code: 'telecom', name: '通信运营单位' },
  { code: 'cable-tv', name: '有线电视运营单位' },
] as const;

/** Matters of daily property service go to the estate's 物业服务企业 first. */
export const PROPERTY_COMPANY = {
  code: 'property-company',
  name: '物业服务企业',
} as const;

export const UNITS: readonly Unit[] = [
  ...TOWNSHIPS.map((t) => ({ ...t, kind: 'township' as const })),
  ...DEPARTMENTS.map((d) => ({ ...d, kind: 'department' as const })),
  ...UTILITIES.map((u) => ({ ...u, kind: 'utility' as const })),
  { ...PROPERTY_COMPANY, kind: 'property-company' as const },
];

const byCode = new Map(UNITS.map((u) => [u.code, u]));
const byName = new Map(UNITS.map((u) => [u.name, u]));

export function findUnit(codeOrName: string): Unit | undefined {
  return byCode.get(codeOrName) ?? byName.get(codeOrName);
}

export function isUnitCode(code: string): boolean {
  return byCode.has(code);
}
