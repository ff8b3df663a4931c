import { DomainError } from '../errors/domain-error';
import { WorkingCalendar, chinaWorkingCalendar } from './working-calendar';

/** A Shanghai wall-clock time as the UTC instant it is. */
function sh(local: string): Date {
  return new Date(`${local}+08:00`);
}

const calendar = chinaWorkingCalendar;

describe('WorkingCalendar: which days are working days', () => {
  it('treats an ordinary weekday as a working day', () => {
    expect(calendar.isWorkingDay('2025-03-12')).toBe(true);
  });

  it('treats an ordinary weekend as a rest day', () => {
    expect(calendar.isWorkingDay('2025-03-15')).toBe(false);
    expect(calendar.isWorkingDay('2025-03-16')).toBe(false);
  });

  it('treats a 调休 make-up Saturday as a working day', () => {
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
  });

  it('treats a 调休 make-up Sunday as a working day', () => {
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
  });

  it('treats a weekday in 国庆 as a holiday', () => {
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false);
  });

  it('treats every day of 春节 2026 as a holiday', () => {
    for (let day = 15; day <= 23; day++) {
      expect(calendar.isWorkingDay(`2026-02-${day}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('judges an instant by its Shanghai date, not its UTC date', () => {
    // 2025-10-08T20:00Z is 04:00 on Thursday 9 October in Shanghai.
    expect(calendar.isWorkingDay(new Date('2025-10-08T20:00:00Z'))).toBe(true);
    // 2025-10-08T15:00Z is 23:00 on 8 October, still 国庆 in Shanghai.
    expect(calendar.isWorkingDay(new Date('2025-10-08T15:00:00Z'))).toBe(
      false,
    );
  });

  it('falls back to Monday to Friday for a year without data', () => {
    expect(calendar.isWorkingDay('2030-10-01')).toBe(true);
    expect(calendar.isWorkingDay('2030-10-05')).toBe(false);
  });
});

describe('WorkingCalendar.addWorkingHours', () => {
  it('adds working hours inside one period', () => {
    expect(calendar.addWorkingHours(sh('2025-03-12T09:00'), 2)).toEqual(
      sh('2025-03-12T11:00'),
    );
  });

  it('skips the lunch break when a deadline crosses it', () => {
    expect(calendar.addWorkingHours(sh('2025-03-12T11:00'), 2)).toEqual(
      sh('2025-03-12T14:30'),
    );
  });

  it('starts counting at 13:30 when work starts in the lunch break', () => {
    expect(calendar.addWorkingHours(sh('2025-03-12T12:30'), 1)).toEqual(
      sh('2025-03-12T14:30'),
    );
  });

  it('carries the rest over the night to the next morning', () => {
    expect(calendar.addWorkingHours(sh('2025-03-12T17:00'), 1)).toEqual(
      sh('2025-03-13T09:00'),
    );
  });

  it('lands on 17:30 when the hours use up the afternoon exactly', () => {
    expect(calendar.addWorkingHours(sh('2025-03-12T15:30'), 2)).toEqual(
      sh('2025-03-12T17:30'),
    );
  });

  it('starts at 08:30 when issued at night', () => {
    expect(calendar.addWorkingHours(sh('2025-03-12T22:00'), 1)).toEqual(
      sh('2025-03-13T09:30'),
    );
  });

  it('carries a deadline over a weekend', () => {
    expect(calendar.addWorkingHours(sh('2025-03-14T17:00'), 1)).toEqual(
      sh('2025-03-17T09:00'),
    );
  });

  it('carries a deadline over the whole of 国庆', () => {
    // 30 September 2025 is the last working day before 国庆; 1–8 October are
    // holidays; 9 October (Thursday) is the next working day.
    expect(calendar.addWorkingHours(sh('2025-09-30T17:00'), 1)).toEqual(
      sh('2025-10-09T09:00'),
    );
  });

  it('counts a make-up Sunday as working time', () => {
    expect(calendar.addWorkingHours(sh('2025-09-27T10:00'), 1)).toEqual(
      sh('2025-09-28T09:30'),
    );
  });

  it('counts seven working days as seven full office days', () => {
    // Issued Monday 10:00, due the Wednesday of the next week at 10:00.
    expect(calendar.addWorkingDays(sh('2025-03-10T10:00'), 7)).toEqual(
      sh('2025-03-19T10:00'),
    );
  });

  it('takes and returns UTC instants', () => {
    const due = calendar.addWorkingHours(new Date('2025-03-12T01:00:00Z'), 1);
    expect(due.toISOString()).toBe('2025-03-12T02:00:00.000Z');
  });

  it('returns the start unchanged for zero hours', () => {
    const start = sh('2025-03-15T10:00');
    expect(calendar.addWorkingHours(start, 0)).toEqual(start);
  });

  it('rejects negative hours with a typed error naming the field', () => {
    expect(() => calendar.addWorkingHours(new Date(), -1)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_HOURS', field: 'hours' }),
    );
  });

  it('rejects an invalid instant', () => {
    expect(() => calendar.addWorkingHours(new Date('nope'), 1)).toThrow(
      DomainError,
    );
  });
});

describe('WorkingCalendar.addCalendarHours', () => {
  it('keeps counting over nights, weekends and holidays', () => {
    expect(calendar.addCalendarHours(sh('2025-10-01T22:00'), 2)).toEqual(
      sh('2025-10-02T00:00'),
    );
  });
});

describe('WorkingCalendar.workingHoursBetween', () => {
  it('counts only office time', () => {
    expect(
      calendar.workingHoursBetween(sh('2025-03-12T11:00'), sh('2025-03-12T14:30')),
    ).toBe(2);
  });

  it('counts nothing over a holiday', () => {
    expect(
      calendar.workingHoursBetween(sh('2025-10-01T00:00'), sh('2025-10-08T23:59')),
    ).toBe(0);
  });

  it('is the inverse of addWorkingHours', () => {
    const start = sh('2025-09-26T16:45');
    const due = calendar.addWorkingHours(start, 19.25);
    expect(calendar.workingHoursBetween(start, due)).toBeCloseTo(19.25, 9);
  });

  it('is negative when the second instant comes first', () => {
    expect(
      calendar.workingHoursBetween(sh('2025-03-12T10:00'), sh('2025-03-12T09:00')),
    ).toBe(-1);
  });
});

describe('calendarWarnings', () => {
  it('warns when next year is missing', () => {
    const onlyThisYear = new WorkingCalendar([
      {
        year: 2025,
        source: 'test',
        provisional: false,
        holidays: [],
        makeUpWorkdays: [],
      },
    ]);

    expect(onlyThisYear.calendarWarnings(sh('2025-11-20T10:00'))).toEqual([
      expect.objectContaining({ code: 'CALENDAR.NEXT_YEAR_MISSING', year: 2026 }),
    ]);
  });

  it('warns when the current year is missing', () => {
    const codes = calendar
      .calendarWarnings(sh('2031-01-05T10:00'))
      .map((w) => w.code);
    expect(codes).toEqual(['CALENDAR.YEAR_MISSING', 'CALENDAR.NEXT_YEAR_MISSING']);
  });

  it('uses the Shanghai year at New Year', () => {
    // 2026-12-31T16:30Z is already 2027 in Shanghai: 2028 is missing.
    const warnings = calendar.calendarWarnings(new Date('2026-12-31T16:30:00Z'));
    expect(warnings.map((w) => [w.code, w.year])).toContainEqual([
      'CALENDAR.NEXT_YEAR_MISSING',
      2028,
    ]);
  });

  it('flags the estimated 2027 data as provisional', () => {
    const warnings = calendar.calendarWarnings(sh('2026-06-01T10:00'));
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'CALENDAR.YEAR_PROVISIONAL', year: 2027 }),
    ]);
  });
});
