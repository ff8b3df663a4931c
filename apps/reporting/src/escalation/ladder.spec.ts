import { dueSteps, missedDeadline, parseLadderHours } from './ladder';

const hour = 3600_000;
const ackDue = new Date('2026-03-02T01:00:00Z');
const open = {
  assignmentId: 'a1',
  acknowledgeDueAt: ackDue,
  resolveDueAt: new Date('2026-03-09T00:00:00Z'),
  acknowledgedAt: null,
};
const delays = parseLadderHours('0,24,48,72,120');
const at = (hoursAfter: number) =>
  new Date(ackDue.getTime() + hoursAfter * hour);

describe('escalation ladder', () => {
  it('takes no step before the deadline has passed', () => {
    expect(dueSteps(open, new Set(), delays, ackDue)).toEqual([]);
  });

  it('sends a 催办 as soon as the 签收 deadline is missed', () => {
    expect(
      dueSteps(open, new Set(), delays, at(0.1)).map((s) => s.step),
    ).toEqual(['reminder']);
  });

  it('climbs one step per configured delay and never repeats a taken step', () => {
    const taken = new Set(['reminder', 'assignment-order'] as const);
    expect(dueSteps(open, taken, delays, at(49)).map((s) => s.step)).toEqual([
      'supervision-order',
    ]);
  });

  it('deducts 2 points for the 督办单 only', () => {
    const steps = dueSteps(open, new Set(), delays, at(200));
    expect(steps.map((s) => [s.step, s.pointsDeducted])).toEqual([
      ['reminder', 0],
      ['assignment-order', 0],
      ['supervision-order', 2],
      ['joint-meeting', 0],
      ['leading-group', 0],
    ]);
  });

  it('measures from the 办结 deadline once the assignment is signed', () => {
    const signed = {
      ...open,
      acknowledgedAt: new Date('2026-03-02T00:30:00Z'),
    };
    expect(missedDeadline(signed, at(10))).toBeNull();
    expect(
      missedDeadline(signed, new Date('2026-03-09T01:00:00Z')),
    ).toMatchObject({
      breach: 'resolve',
    });
  });

  it('rejects a ladder that is not five non-decreasing hour counts', () => {
    expect(() => parseLadderHours('0,24,12,72,120')).toThrow(
      expect.objectContaining({ code: 'LADDER.INVALID' }),
    );
    expect(() => parseLadderHours('0,24')).toThrow(
      expect.objectContaining({ code: 'LADDER.INVALID' }),
    );
  });
});
