import { chinaWorkingCalendar } from '../calendar/working-calendar';
import {
  clockStage,
  dispatchDueAt,
  dueDates,
  reminderAt,
} from './due-dates';
import { effectiveMatterClass } from './time-limit.policy';

function sh(local: string): Date {
  return new Date(`${local}+08:00`);
}

const calendar = chinaWorkingCalendar;

describe('dueDates', () => {
  it('gives an emergency 1 hour to acknowledge and 2 calendar hours to resolve, even at night', () => {
    const due = dueDates({
      issuedAt: sh('2025-10-03T23:00'),
      urgency: 'critical',
      matterClass: 'general',
      calendar,
    });

    expect(due.acknowledgeDueAt).toEqual(sh('2025-10-04T00:00'));
    expect(due.resolveDueAt).toEqual(sh('2025-10-04T01:00'));
  });

  it('gives a utility 24 calendar hours to resolve over a weekend', () => {
    const due = dueDates({
      issuedAt: sh('2025-03-14T18:00'),
      urgency: 'normal',
      matterClass: 'utility',
      calendar,
    });

    expect(due.resolveDueAt).toEqual(sh('2025-03-15T18:00'));
  });

  it('gives a general matter 1 working hour to acknowledge and 7 working days to resolve', () => {
    const due = dueDates({
      issuedAt: sh('2025-09-30T16:00'),
      urgency: 'normal',
      matterClass: 'general',
      calendar,
    });

    expect(due.acknowledgeDueAt).toEqual(sh('2025-09-30T17:00'));
    // 30 Sep 16:00 → 1.5 h that day, then 9, 10, 11 (make-up Sat), 13, 14,
    // 15 October full days, and the remaining 6 hours on 16 October.
    expect(due.resolveDueAt).toEqual(sh('2025-10-16T16:00'));
  });

  it('gives a complex matter 15 working days', () => {
    const due = dueDates({
      issuedAt: sh('2025-03-03T08:30'),
      urgency: 'normal',
      matterClass: 'complex',
      calendar,
    });

    expect(due.resolveDueAt).toEqual(sh('2025-03-21T17:30'));
  });

  it('applies an override for one matter type', () => {
    const due = dueDates({
      issuedAt: sh('2025-03-12T11:00'),
      urgency: 'normal',
      matterClass: 'general',
      calendar,
      overrides: { resolve: { amount: 4, unit: 'working-hours' } },
    });

    expect(due.resolveDueAt).toEqual(sh('2025-03-12T16:30'));
  });

  it('rejects a limit that is not positive', () => {
    expect(() =>
      dueDates({
        issuedAt: sh('2025-03-12T11:00'),
        urgency: 'normal',
        matterClass: 'general',
        calendar,
        overrides: { resolve: { amount: 0, unit: 'working-hours' } },
      }),
    ).toThrow(expect.objectContaining({ code: 'TIME_LIMIT.INVALID' }));
  });
});

describe('effectiveMatterClass', () => {
  it('runs 特急 on emergency limits and 紧急 no slower than a utility', () => {
    expect(effectiveMatterClass('critical', 'complex')).toBe('emergency');
    expect(effectiveMatterClass('urgent', 'general')).toBe('utility');
    expect(effectiveMatterClass('urgent', 'emergency')).toBe('emergency');
    expect(effectiveMatterClass('normal', 'complex')).toBe('complex');
  });
});

describe('dispatchDueAt', () => {
  it('gives the centre 1 hour for emergencies, 2 for utilities, 24 otherwise', () => {
    const receivedAt = sh('2025-03-15T10:00');
    const due = (matterClass: 'emergency' | 'utility' | 'general') =>
      dispatchDueAt({ receivedAt, urgency: 'normal', matterClass, calendar });

    expect(due('emergency')).toEqual(sh('2025-03-15T11:00'));
    expect(due('utility')).toEqual(sh('2025-03-15T12:00'));
    expect(due('general')).toEqual(sh('2025-03-16T10:00'));
  });
});

describe('reminderAt', () => {
  it('reminds after 80 % of the time has passed', () => {
    expect(
      reminderAt(sh('2025-03-12T10:00'), sh('2025-03-12T20:00'), 0.8),
    ).toEqual(sh('2025-03-12T18:00'));
  });

  it('counts the share in working time when given a calendar', () => {
    // Friday 13:30 to Monday 13:30 is 7.5 working hours; 80 % is 6 hours:
    // 4 on Friday afternoon and 2 on Monday morning.
    expect(
      reminderAt(
        sh('2025-03-14T13:30'),
        sh('2025-03-17T13:30'),
        0.8,
        calendar,
      ),
    ).toEqual(sh('2025-03-17T10:30'));
  });

  it('rejects a share outside (0, 1]', () => {
    expect(() => reminderAt(new Date(0), new Date(1000), 1.5)).toThrow(
      expect.objectContaining({ field: 'share' }),
    );
  });
});

describe('clockStage', () => {
  const issued = sh('2025-03-12T10:00');
  const due = sh('2025-03-12T20:00');

  it('is running before the reminder share, approaching after, overdue past the deadline', () => {
    expect(clockStage(issued, due, sh('2025-03-12T17:59'))).toBe('running');
    expect(clockStage(issued, due, sh('2025-03-12T18:00'))).toBe('approaching');
    expect(clockStage(issued, due, sh('2025-03-12T20:00'))).toBe('approaching');
    expect(clockStage(issued, due, sh('2025-03-12T20:01'))).toBe('overdue');
  });
});
