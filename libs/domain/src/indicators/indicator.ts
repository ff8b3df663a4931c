/**
 * A figure of the monthly report with what it was computed from, so every
 * number drills down to its cases. `value` is a share between 0 and 1 for
 * rates (null when nothing was due) and a count for counts.
 */
export interface Indicator {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
  /** The formula as the report prints it. */
  readonly formula: string;
  /** Ids counted in the numerator and in the denominator. */
  readonly drillDown: {
    readonly numerator: readonly string[];
    readonly denominator: readonly string[];
  };
}

export function ratio(
  formula: string,
  numeratorIds: readonly string[],
  denominatorIds: readonly string[],
): Indicator {
  return {
    value:
      denominatorIds.length === 0
        ? null
        : numeratorIds.length / denominatorIds.length,
    numerator: numeratorIds.length,
    denominator: denominatorIds.length,
    formula,
    drillDown: { numerator: numeratorIds, denominator: denominatorIds },
  };
}

export function count(
  formula: string,
  ids: readonly string[],
  outOfIds: readonly string[],
): Indicator {
  return {
    value: ids.length,
    numerator: ids.length,
    denominator: outOfIds.length,
    formula,
    drillDown: { numerator: ids, denominator: outOfIds },
  };
}
