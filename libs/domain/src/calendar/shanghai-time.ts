/**
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed
 * offset is exact for every date this platform handles and spares the domain
 * a time-zone library.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const MS_PER_MINUTE = 60 * 1000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** Milliseconds on a clock that reads Shanghai wall time as if it were UTC. */
export function toShanghaiWallMs(instant: Date): number {
  return instant.getTime() + SHANGHAI_OFFSET_MS;
}

export function fromShanghaiWallMs(wallMs: number): Date {
  return new Date(wallMs - SHANGHAI_OFFSET_MS);
}

/** Days since 1970-01-01 on the Shanghai wall clock. */
export function shanghaiDayNumber(instant: Date): number {
  return Math.floor(toShanghaiWallMs(instant) / MS_PER_DAY);
}

export function dayNumberToLocalDate(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function localDateToDayNumber(localDate: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDate)) {
    throw new RangeError(`not a YYYY-MM-DD date: ${localDate}`);
  }

  return Math.floor(Date.parse(`${localDate}T00:00:00Z`) / MS_PER_DAY);
}

/** The Shanghai local date of an instant, `YYYY-MM-DD`. */
export function shanghaiLocalDate(instant: Date): string {
  return dayNumberToLocalDate(shanghaiDayNumber(instant));
}

export function shanghaiYear(instant: Date): number {
  return new Date(toShanghaiWallMs(instant)).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCDay();
}
