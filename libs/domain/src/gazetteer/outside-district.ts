/**
 * Places outside 兖州区 that residents name when the matter is not ours: the
 * other counties and districts of 济宁 and the cities people move between.
 * 济宁 itself is left out: 兖州区 is one of its districts.
 *
 * LIMITATION: a street or estate named after one of these places (曲阜路)
 * reads as outside when the address names no township or village of ours.
 */
export const PLACES_OUTSIDE_DISTRICT = [
  '任城', '曲阜', '邹城', '微山', '鱼台', '金乡', '嘉祥', '汶上', '泗水', '梁山',
  '济南', '青岛', '泰安', '枣庄', '菏泽', '临沂', '聊城', '德州', '潍坊', '淄博',
  '日照', '滨州', '东营', '烟台', '威海', '徐州', '北京', '上海', '天津', '南京',
] as const;

const BY_FIRST = new Map<number, string[]>();
const IS_FIRST = new Uint8Array(0x10000);
for (const place of PLACES_OUTSIDE_DISTRICT) {
  IS_FIRST[place.charCodeAt(0)] = 1;
  const list = BY_FIRST.get(place.charCodeAt(0)) ?? [];
  list.push(place);
  BY_FIRST.set(place.charCodeAt(0), list);
}

/** The first place outside the district the text names, if any. */
export function placeOutsideDistrict(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (IS_FIRST[code] === 0) continue;
    for (const place of BY_FIRST.get(code) as string[]) if (text.startsWith(place, i)) return place;
  }
  return null;
}
