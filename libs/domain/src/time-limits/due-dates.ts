import { WorkingCalendar } from '../calendar/working-calendar';
import { DomainError } from '../errors/domain-error';
import { Urgency } from '../events/catalogue';
import {
  ClockKind,
  DEFAULT_TIME_LIMITS,
  effectiveMatterClass,
  MatterClass,
  TimeLimit,
  TimeLimitPolicy,
} from './time-limit.policy';

export interface DueDateInput {
  readonly issuedAt: Date;
  readonly urgency: Urgency;
  readonly matterClass: MatterClass;
  readonly calendar: WorkingCalendar;
  /** The district's configured limits; the defaults when absent. */
  readonly policy?: TimeLimitPolicy;
  /** A limit set for one matter type, e.g. 违法建设 stop work in 4 working hours. */
  readonly overrides?: Partial<Record<ClockKind, TimeLimit>>;
}

export interface DueDates {
  readonly acknowledgeDueAt: Date;
  readonly resolveDueAt: Date;
}

/** The deadline of one limit counted from `start`. */
export function applyTimeLimit(
  start: Date,
  limit: TimeLimit,
  calendar: WorkingCalendar,
): Date {
  if (!Number.isFinite(limit.amount) || limit.amount <= 0) {
    throw new DomainError(
      'TIME_LIMIT.INVALID',
      'a time limit must be a positive number',
      'amount',
    );
  }

  switch (limit.unit) {
    case 'calendar-hours':
      return calendar.addCalendarHours(start, limit.amount);
    case 'working-hours':
      return calendar.addWorkingHours(start, limit.amount);
    case 'working-days':
      return calendar.addWorkingDays(start, limit.amount);
  }
}

export function timeLimitFor(
  clock: ClockKind,
  input: Pick<DueDateInput, 'urgency' | 'matterClass' | 'policy' | 'overrides'>,
): TimeLimit {
  const override = input.overrides?.[clock];
  if (override) {
    return override;
  }

  const policy = input.policy ?? DEFAULT_TIME_LIMITS;
  return policy[clock][effectiveMatterClass(input.urgency, input.matterClass)];
}

/**
 * Both clocks of an assignment start when it is issued: a unit that signs late
 * does not earn more time to resolve.
 */
export function dueDates(input: DueDateInput): DueDates {
  return {
    acknowledgeDueAt: applyTimeLimit(
      input.issuedAt,
      timeLimitFor('acknowledge', input),
      input.calendar,
    ),
    resolveDueAt: applyTimeLimit(
      input.issuedAt,
      timeLimitFor('resolve', input),
      input.calendar,
    ),
  };
}

/** 派单 deadline for the dispatch centre, counted from intake. */
export function dispatchDueAt(
  input: Omit<DueDateInput, 'issuedAt'> & { receivedAt: Date },
): Date {
  return applyTimeLimit(
    input.receivedAt,
    timeLimitFor('dispatch', input),
    input.calendar,
  );
}

/**
 * When 催办 is due: after `share` of the time between issue and deadline.
 * The share is of elapsed instants, so over a weekend the reminder can fall
 * on a rest day; pass a calendar to count the share in working time instead.
 */
export function reminderAt(
  issuedAt: Date,
  dueAt: Date,
  share: number,
  calendar?: WorkingCalendar,
): Date {
  if (!Number.isFinite(share) || share <= 0 || share > 1) {
    throw new DomainError(
      'TIME_LIMIT.INVALID_SHARE',
      'the reminder share must be more than 0 and at most 1',
      'share',
    );
  }

  if (dueAt.getTime() < issuedAt.getTime()) {
    throw new DomainError(
      'TIME_LIMIT.DUE_BEFORE_ISSUE',
      'the deadline is before the issue time',
      'dueAt',
    );
  }

  if (calendar) {
    const working = calendar.workingHoursBetween(issuedAt, dueAt);
    if (working > 0) {
      return calendar.addWorkingHours(issuedAt, working * share);
    }
  }

  const span = dueAt.getTime() - issuedAt.getTime();
  return new Date(issuedAt.getTime() + Math.round(span * share));
}

export type ClockStage = 'running' | 'approaching' | 'overdue';

/** Where a clock stands at `now`, for 红黄灯 and the reminder job. */
export function clockStage(
  issuedAt: Date,
  dueAt: Date,
  now: Date,
  share = 0.8,
): ClockStage {
  if (now.getTime() > dueAt.getTime()) {
    return 'overdue';
  }

  if (now.getTime() >= reminderAt(issuedAt, dueAt, share).getTime()) {
    return 'approaching';
  }

  return 'running';
}
