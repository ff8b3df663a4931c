/**
 * A case that keeps bouncing between units (推诿扯皮) stops bouncing: after
 * `maxHops` returns or transfers since the district last decided it, the
 * district arbitrates (审定) instead of routing it again.
 */
export function mustArbitrate(bounces: number, maxHops: number): boolean {
  return bounces >= maxHops;
}

export function arbitrationReason(bounces: number, maxHops: number): string {
  return `案件已被退单或转办 ${bounces} 次（上限 ${maxHops} 次），提交区里审定`;
}

/** The exclusion list after a unit returns the case: it is never picked again. */
export function excludeUnit(excluded: readonly string[], unit: string): string[] {
  return excluded.includes(unit) ? [...excluded] : [...excluded, unit];
}
