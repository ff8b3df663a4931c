import { dayCeil, dayFloor } from './daily-figures';
import { CLOCK_SPLITS, partsOf } from './metrics';

describe('dashboard figures', () => {
  it('gives every clock-dependent part a daily half and an unfinished half', () => {
    const clockParts = [...partsOf('assignment'), ...partsOf('case')]
      .filter((part) => part.predicate.includes('$now'))
      .map((part) => part.key)
      .sort();
    expect(Object.keys(CLOCK_SPLITS).sort()).toEqual(clockParts);
    for (const split of Object.values(CLOCK_SPLITS)) {
      expect(split.stored ?? '').not.toContain('$now');
      expect(split.unfinished).toMatch(
        /a\.(resolved_at|acknowledged_at) is null/,
      );
    }
  });

  it('cuts days at midnight in Asia/Shanghai', () => {
    const at = new Date('2026-03-01T15:59:00Z');
    expect(dayFloor(at).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(dayCeil(at).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    const midnight = new Date('2026-02-28T16:00:00Z');
    expect(dayCeil(midnight)).toEqual(midnight);
  });
});
