/**
 * Places outside 兖州区 that residents name when the matter is not ours: the
 * other counties and districts of 济宁, which residents name in the text too
 * (俺老家在曲阜), and the cities people move between, trusted only in the
 * address because company and street names borrow them (北京路, 上海某物业).
 * 济宁 itself is left out: 兖州区 is one of its districts.
 *
 * LIMITATION: a street or estate named after a neighbouring county (曲阜路)
 * reads as outside when the address names no township or village of ours.
 */
export const NEIGHBOURING_COUNTIES = [
  '任城', '曲阜', '邹城', '微山', '鱼台', '金乡', '嘉祥', '汶上', '泗水', '梁山',
  // 济宁's own zones beside its districts.
  '太白湖', '济宁高新区',
] as const;

export const OTHER_CITIES = [
  '济南', '青岛', '泰安', '枣庄', '菏泽', '临沂', '聊城', '德州', '潍坊', '淄博',
  '日照', '滨州', '东营', '烟台', '威海', '徐州', '北京', '上海', '天津', '南京',
] as const;

function finder(names: readonly string[]): (text: string) => string | null {
  const byFirst = new Map<number, string[]>();
  const isFirst = new Uint8Array(0x10000);
  for (const name of names) {
    isFirst[name.charCodeAt(0)] = 1;
    const list = byFirst.get(name.charCodeAt(0)) ?? [];
    list.push(name);
    byFirst.set(name.charCodeAt(0), list);
  }
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (isFirst[code] === 0) continue;
      for (const name of byFirst.get(code) as string[]) {
        if (text.startsWith(name, i)) return name;
      }
    }
    return null;
  };
}

const inAddress = finder([...NEIGHBOURING_COUNTIES, ...OTHER_CITIES]);
const inDescription = finder(NEIGHBOURING_COUNTIES);

/** The first place outside the district a complaint names, if any. */
export function placeOutsideDistrict(
  address: string,
  description: string,
): string | null {
  return inAddress(address) ?? inDescription(description);
}
