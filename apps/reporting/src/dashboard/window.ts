import { DomainError } from '@lianzhi/domain';
import { Window } from './metrics';

const SHANGHAI_OFFSET = '+08:00';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A day given as YYYY-MM-DD starts at midnight in Asia/Shanghai. */
function instant(raw: string, field: string): Date {
  const text = DATE.test(raw) ? `${raw}T00:00:00${SHANGHAI_OFFSET}` : raw;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) {
    throw new DomainError('WINDOW.INVALID', `${field} is not a date`, field);
  }
  return at;
}

/** The calendar month YYYY-MM in Asia/Shanghai, as [start, end). */
export function monthWindow(month: string, field = 'month'): Window {
  const match = MONTH.exec(month ?? '');
  if (!match) {
    throw new DomainError('WINDOW.INVALID', `${field} must be YYYY-MM`, field);
  }
  const year = Number(match[1]);
  const index = Number(match[2]);
  const next =
    index === 12
      ? `${year + 1}-01`
      : `${year}-${String(index + 1).padStart(2, '0')}`;
  return {
    from: new Date(`${month}-01T00:00:00${SHANGHAI_OFFSET}`),
    to: new Date(`${next}-01T00:00:00${SHANGHAI_OFFSET}`),
  };
}

/** The month of an instant in Asia/Shanghai, as YYYY-MM. */
export function monthOf(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 7);
}

/**
 * `from`/`to` as given (a day means its Shanghai midnight; `to` is
 * exclusive); without them, the current month.
 */
export function parseWindow(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): Window {
  const current = monthWindow(monthOf(now));
  const window = {
    from: from ? instant(from, 'from') : current.from,
    to: to ? instant(to, 'to') : current.to,
  };
  if (window.from >= window.to) {
    throw new DomainError('WINDOW.INVALID', 'from must be before to', 'from');
  }
  return window;
}
