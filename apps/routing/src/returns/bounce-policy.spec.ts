import { excludeUnit, mustArbitrate } from './bounce-policy';

describe('bounce policy', () => {
  it('sends a case to arbitration on the bounce that reaches the limit, not before', () => {
    expect(mustArbitrate(1, 3)).toBe(false);
    expect(mustArbitrate(2, 3)).toBe(false);
    expect(mustArbitrate(3, 3)).toBe(true);
  });

  it('keeps every unit that returned a case excluded, once each', () => {
    expect(excludeUnit(['gongan'], 'chengguan')).toEqual(['gongan', 'chengguan']);
    expect(excludeUnit(['gongan'], 'gongan')).toEqual(['gongan']);
  });
});
