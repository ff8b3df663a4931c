import { addStep, ProgressStep, statusOf } from './progress';

let n = 0;
function step(kind: ProgressStep['step'], minute: number, extra: Partial<ProgressStep> = {}): ProgressStep {
  n += 1;
  return {
    eventId: `e${n}`,
    step: kind,
    label: kind,
    at: new Date(Date.UTC(2026, 11, 4, 8, minute)).toISOString(),
    ...extra,
  };
}

function fold(...steps: ProgressStep[]): ProgressStep[] {
  return steps.reduce<ProgressStep[]>((acc, s) => addStep(acc, s), []);
}

describe('public progress of a case', () => {
  it('is received until a unit is assigned', () => {
    expect(statusOf(fold(step('received', 0), step('queued', 1)))).toBe('received');
  });

  it('moves from routed to in progress when a unit acknowledges', () => {
    const routed = step('routed', 1, { units: ['zhujian'] });
    expect(statusOf(fold(step('received', 0), routed))).toBe('routed');
    expect(
      statusOf(fold(step('received', 0), routed, step('acknowledged', 2, { units: ['zhujian'] }))),
    ).toBe('in-progress');
  });

  it('is resolved only when every assigned unit has reported', () => {
    const steps = fold(
      step('received', 0),
      step('routed', 1, { units: ['chengguan', 'yuanlin'] }),
      step('resolved', 5, { units: ['chengguan'] }),
    );
    expect(statusOf(steps)).toBe('in-progress');
    expect(statusOf(addStep(steps, step('resolved', 6, { units: ['yuanlin'] })))).toBe('resolved');
  });

  it('does not wait for a unit that passed the case on', () => {
    const steps = fold(
      step('routed', 1, { units: ['zhujian'] }),
      step('transferred', 2, { units: ['chengguan'], fromUnit: 'zhujian' }),
      step('resolved', 3, { units: ['chengguan'] }),
    );
    expect(statusOf(steps)).toBe('resolved');
  });

  it('gives the same status whatever order the events arrive in', () => {
    const all = [
      step('received', 0),
      step('routed', 1, { units: ['zhujian'] }),
      step('acknowledged', 2, { units: ['zhujian'] }),
      step('resolved', 3, { units: ['zhujian'] }),
      step('closed', 4),
    ];
    expect(statusOf(fold(...all))).toBe('closed');
    expect(statusOf(fold(...[...all].reverse()))).toBe('closed');
  });

  it('counts a duplicated event once', () => {
    const s = step('routed', 1, { units: ['zhujian'] });
    expect(fold(s, s)).toHaveLength(1);
  });

  it('reopens a closed case when the resident was not satisfied', () => {
    const steps = fold(
      step('routed', 1, { units: ['zhujian'] }),
      step('resolved', 2, { units: ['zhujian'] }),
      step('closed', 3),
      step('reopened', 4, { units: ['zhujian'] }),
    );
    expect(statusOf(steps)).toBe('reopened');
    expect(statusOf(addStep(steps, step('acknowledged', 5, { units: ['zhujian'] })))).toBe(
      'in-progress',
    );
  });
});
