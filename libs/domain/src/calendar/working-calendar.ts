import { DomainError } from '../errors/domain-error';
import { CalendarYear, CHINA_CALENDAR_YEARS } from './china-holidays.data';
import {
  fromShanghaiWallMs,
  localDateToDayNumber,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  shanghaiDayNumber,
  shanghaiYear,
  toShanghaiWallMs,
  weekdayOfDayNumber,
} from './shanghai-time';

/** A span of the working day in Shanghai wall time, `HH:MM`. */
export interface WorkingPeriod {
  readonly from: string;
  readonly to: string;
}

/**
 * Office hours of the district's government units: 08:30–12:00 and
 * 13:30–17:30, 7.5 working hours a day. The lunch break does not count, so a
 * working-time deadline never falls inside it.
 */
export const DEFAULT_WORKING_PERIODS: readonly WorkingPeriod[] = [
  { from: '08:30', to: '12:00' },
  { from: '13:30', to: '17:30' },
];

export interface CalendarWarning {
  readonly code:
    | 'CALENDAR.YEAR_MISSING'
    | 'CALENDAR.NEXT_YEAR_MISSING'
    | 'CALENDAR.YEAR_PROVISIONAL';
  readonly year: number;
  readonly message: string;
}

interface PeriodMinutes {
  readonly start: number;
  readonly end: number;
}

/** Stops a search that can never succeed, e.g. a calendar without workdays. */
const MAX_DAYS_SEARCHED = 3 * 366;

function toMinutes(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) {
    throw new RangeError(`not an HH:MM time: ${hhmm}`);
  }

  return Number(match[1]) * 60 + Number(match[2]);
}

function toInstant(value: Date | string, field: string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new DomainError(
      'CALENDAR.INVALID_INSTANT',
      'not a valid instant',
      field,
    );
  }

  return date;
}

/**
 * 工作日历: which Shanghai days are working days, and how working time adds up.
 * Instants go in and come out as UTC `Date`s; only the arithmetic happens on
 * the Shanghai wall clock.
 *
 * A year missing from the data falls back to Monday–Friday so the platform
 * keeps computing deadlines; `calendarWarnings` says so loudly.
 */
export class WorkingCalendar {
  private readonly holidays = new Set<number>();
  private readonly makeUpWorkdays = new Set<number>();
  private readonly years = new Map<number, CalendarYear>();
  private readonly periods: readonly PeriodMinutes[];

  constructor(
    years: readonly CalendarYear[] = CHINA_CALENDAR_YEARS,
    periods: readonly WorkingPeriod[] = DEFAULT_WORKING_PERIODS,
  ) {
    for (const year of years) {
      this.years.set(year.year, year);

      for (const holiday of year.holidays) {
        const last = localDateToDayNumber(holiday.to);
        for (let day = localDateToDayNumber(holiday.from); day <= last; day++) {
          this.holidays.add(day);
        }
      }

      for (const workday of year.makeUpWorkdays) {
        this.makeUpWorkdays.add(localDateToDayNumber(workday));
      }
    }

    this.periods = periods
      .map((period) => ({
        start: toMinutes(period.from),
        end: toMinutes(period.to),
      }))
      .sort((a, b) => a.start - b.start);
  }

  /** Working hours in one full working day (7.5 with the default hours). */
  get hoursPerWorkingDay(): number {
    const minutes = this.periods.reduce((sum, p) => sum + p.end - p.start, 0);
    return minutes / 60;
  }

  /** Whether the Shanghai day of an instant, or a `YYYY-MM-DD` date, is a working day. */
  isWorkingDay(date: Date | string): boolean {
    const day =
      typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)
        ? localDateToDayNumber(date)
        : shanghaiDayNumber(toInstant(date, 'date'));

    return this.isWorkingDayNumber(day);
  }

  isCovered(year: number): boolean {
    return this.years.has(year);
  }

  /** The instant `hours` of calendar time after `start`: clocks that never stop. */
  addCalendarHours(start: Date, hours: number): Date {
    const from = toInstant(start, 'start');
    this.assertHours(hours);

    return new Date(from.getTime() + hours * MS_PER_HOUR);
  }

  /**
   * The instant at which `hours` of working time after `start` have passed.
   * Time before the first period, in the lunch break, at night, at weekends
   * and on holidays does not count. A deadline that uses up a period exactly
   * lands on the end of that period (17:30), not on the next morning.
   */
  addWorkingHours(start: Date, hours: number): Date {
    const from = toInstant(start, 'start');
    this.assertHours(hours);

    let remaining = Math.round(hours * MS_PER_HOUR);
    if (remaining === 0) {
      return new Date(from.getTime());
    }

    let cursor = toShanghaiWallMs(from);
    const firstDay = Math.floor(cursor / MS_PER_DAY);

    for (let day = firstDay; day <= firstDay + MAX_DAYS_SEARCHED; day++) {
      if (!this.isWorkingDayNumber(day)) {
        continue;
      }

      for (const period of this.periods) {
        const periodStart = day * MS_PER_DAY + period.start * MS_PER_MINUTE;
        const periodEnd = day * MS_PER_DAY + period.end * MS_PER_MINUTE;
        if (cursor >= periodEnd) {
          continue;
        }

        const countFrom = Math.max(cursor, periodStart);
        const available = periodEnd - countFrom;
        if (remaining <= available) {
          return fromShanghaiWallMs(countFrom + remaining);
        }

        remaining -= available;
        cursor = periodEnd;
      }
    }

    throw new DomainError(
      'CALENDAR.NO_WORKING_TIME',
      'the calendar has no working time within three years',
      'hours',
    );
  }

  /** Working days as working hours: N working days = N full office days. */
  addWorkingDays(start: Date, days: number): Date {
    return this.addWorkingHours(start, days * this.hoursPerWorkingDay);
  }

  /** Working hours between two instants; negative when `b` is before `a`. */
  workingHoursBetween(a: Date, b: Date): number {
    const from = toInstant(a, 'a').getTime();
    const to = toInstant(b, 'b').getTime();
    if (to < from) {
      return -this.workingHoursBetween(b, a);
    }

    const wallFrom = toShanghaiWallMs(new Date(from));
    const wallTo = toShanghaiWallMs(new Date(to));
    let total = 0;

    const lastDay = Math.floor(wallTo / MS_PER_DAY);
    for (let day = Math.floor(wallFrom / MS_PER_DAY); day <= lastDay; day++) {
      if (!this.isWorkingDayNumber(day)) {
        continue;
      }

      for (const period of this.periods) {
        const periodStart = day * MS_PER_DAY + period.start * MS_PER_MINUTE;
        const periodEnd = day * MS_PER_DAY + period.end * MS_PER_MINUTE;
        const overlap =
          Math.min(periodEnd, wallTo) - Math.max(periodStart, wallFrom);
        if (overlap > 0) {
          total += overlap;
        }
      }
    }

    return total / MS_PER_HOUR;
  }

  /**
   * What an operator must fix in the calendar data: the current year or next
   * year missing (deadlines would silently ignore holidays), or a year that is
   * still our estimate.
   */
  calendarWarnings(now: Date): CalendarWarning[] {
    const year = shanghaiYear(toInstant(now, 'now'));
    const warnings: CalendarWarning[] = [];

    if (!this.years.has(year)) {
      warnings.push({
        code: 'CALENDAR.YEAR_MISSING',
        year,
        message: `${year}年节假日安排缺失，工作日按周一至周五计算`,
      });
    }

    if (!this.years.has(year + 1)) {
      warnings.push({
        code: 'CALENDAR.NEXT_YEAR_MISSING',
        year: year + 1,
        message: `${year + 1}年节假日安排尚未录入，请按国务院办公厅通知补充`,
      });
    }

    for (const candidate of [year, year + 1]) {
      if (this.years.get(candidate)?.provisional) {
        warnings.push({
          code: 'CALENDAR.YEAR_PROVISIONAL',
          year: candidate,
          message: `${candidate}年节假日安排为预估数据，须与国务院办公厅通知核对`,
        });
      }
    }

    return warnings;
  }

  private isWorkingDayNumber(day: number): boolean {
    if (this.makeUpWorkdays.has(day)) {
      return true;
    }

    if (this.holidays.has(day)) {
      return false;
    }

    const weekday = weekdayOfDayNumber(day);
    return weekday !== 0 && weekday !== 6;
  }

  private assertHours(hours: number): void {
    if (!Number.isFinite(hours) || hours < 0) {
      throw new DomainError(
        'CALENDAR.INVALID_HOURS',
        'hours must be a finite number, zero or more',
        'hours',
      );
    }
  }
}

/** The calendar built from the bundled State Council data. */
export const chinaWorkingCalendar = new WorkingCalendar();

export function calendarWarnings(
  now: Date,
  calendar: WorkingCalendar = chinaWorkingCalendar,
): CalendarWarning[] {
  return calendar.calendarWarnings(now);
}
