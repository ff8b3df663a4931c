import { isSatisfied, readyForFollowUp } from './follow-up.rules';

describe('回访 rules', () => {
  it('counts 4 and 5 as satisfied and 1 to 3 as not', () => {
    expect([1, 2, 3, 4, 5].map(isSatisfied)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('is ready once every unit still holding the case has resolved it', () => {
    expect(readyForFollowUp(['resolved', 'resolved'])).toBe(true);
    expect(readyForFollowUp(['resolved', 'transferred', 'returned'])).toBe(true);
  });

  it('is not ready while a unit still works on the case', () => {
    expect(readyForFollowUp(['resolved', 'acknowledged'])).toBe(false);
    expect(readyForFollowUp(['resolved', 'extension-pending'])).toBe(false);
    expect(readyForFollowUp(['issued'])).toBe(false);
  });

  it('is not ready when no unit holds the case any more', () => {
    expect(readyForFollowUp([])).toBe(false);
    expect(readyForFollowUp(['returned', 'transferred'])).toBe(false);
  });
});
