import { AssignmentStatus, clockStage } from '@lianzhi/domain';

export type ClockName = 'acknowledge' | 'resolve';

export interface RunningClock {
  readonly clock: ClockName;
  readonly startedAt: Date;
  readonly dueAt: Date;
}

/** The clock an assignment runs against in its status, if any. */
export function runningClock(assignment: {
  status: AssignmentStatus;
  issuedAt: Date;
  acknowledgeDueAt: Date;
  resolveClockStartedAt: Date;
  resolveDueAt: Date;
}): RunningClock | null {
  switch (assignment.status) {
    case 'issued':
      return {
        clock: 'acknowledge',
        startedAt: assignment.issuedAt,
        dueAt: assignment.acknowledgeDueAt,
      };
    case 'acknowledged':
    case 'extension-pending':
    case 'reopened':
      return {
        clock: 'resolve',
        startedAt: assignment.resolveClockStartedAt,
        dueAt: assignment.resolveDueAt,
      };
    default:
      return null;
  }
}

/**
 * The 催办 stage a clock has reached: 'approaching' once `share` of the limit
 * is used, 'overdue' once the deadline has passed, null before either.
 */
export function reminderStage(
  clock: RunningClock,
  now: Date,
  share: number,
): 'approaching' | 'overdue' | null {
  if (now.getTime() > clock.dueAt.getTime()) return 'overdue';
  if (clock.dueAt.getTime() <= clock.startedAt.getTime()) return null;

  const stage = clockStage(clock.startedAt, clock.dueAt, now, share);
  return stage === 'running' ? null : stage;
}
