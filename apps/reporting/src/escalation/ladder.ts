import {
  DomainError,
  ESCALATION_LABELS,
  ESCALATION_LADDER,
  EscalationStep,
  SUPERVISION_ORDER_POINTS,
} from '@lianzhi/domain';

/** Hours after the missed deadline at which each step of the ladder is taken. */
export type LadderDelays = Readonly<Record<EscalationStep, number>>;

export const DEFAULT_LADDER_HOURS = '0,24,48,72,120';

/** Reads REPORTING_LADDER_HOURS: five non-decreasing hour counts. */
export function parseLadderHours(raw = DEFAULT_LADDER_HOURS): LadderDelays {
  const hours = raw.split(',').map((part) => Number(part.trim()));
  const valid =
    hours.length === ESCALATION_LADDER.length &&
    hours.every(
      (h, i) => Number.isFinite(h) && h >= 0 && (i === 0 || h >= hours[i - 1]),
    );
  if (!valid) {
    throw new DomainError(
      'LADDER.INVALID',
      `REPORTING_LADDER_HOURS needs ${ESCALATION_LADDER.length} non-decreasing hour counts`,
      'REPORTING_LADDER_HOURS',
    );
  }
  return Object.fromEntries(
    ESCALATION_LADDER.map((step, i) => [step, hours[i]]),
  ) as unknown as LadderDelays;
}

/** What the ladder needs to know about one open assignment. */
export interface OpenAssignment {
  readonly assignmentId: string;
  readonly acknowledgeDueAt: Date;
  readonly resolveDueAt: Date;
  readonly acknowledgedAt: Date | null;
}

export type Breach = 'acknowledge' | 'resolve';

export interface DueStep {
  readonly step: EscalationStep;
  readonly breach: Breach;
  readonly dueAt: Date;
  readonly deadline: Date;
  readonly pointsDeducted: number;
}

/**
 * The deadline an open assignment has missed: its 签收 deadline while it is
 * not acknowledged, otherwise its 办结 deadline. Null while nothing is missed.
 */
export function missedDeadline(
  assignment: OpenAssignment,
  now: Date,
): { breach: Breach; deadline: Date } | null {
  if (assignment.acknowledgedAt === null && assignment.acknowledgeDueAt < now) {
    return { breach: 'acknowledge', deadline: assignment.acknowledgeDueAt };
  }
  if (assignment.resolveDueAt < now) {
    return { breach: 'resolve', deadline: assignment.resolveDueAt };
  }
  return null;
}

/**
 * The steps now due that have not been taken, in ladder order. A step is
 * taken once per assignment whichever deadline was missed: a unit that signs
 * late and then also misses its 办结 deadline goes on up the same ladder.
 */
export function dueSteps(
  assignment: OpenAssignment,
  taken: ReadonlySet<EscalationStep>,
  delays: LadderDelays,
  now: Date,
): DueStep[] {
  const missed = missedDeadline(assignment, now);
  if (missed === null) return [];

  const steps: DueStep[] = [];
  for (const step of ESCALATION_LADDER) {
    const dueAt = new Date(missed.deadline.getTime() + delays[step] * 3600_000);
    if (dueAt > now) break;
    if (taken.has(step)) continue;
    steps.push({
      step,
      breach: missed.breach,
      dueAt,
      deadline: missed.deadline,
      pointsDeducted:
        step === 'supervision-order' ? SUPERVISION_ORDER_POINTS : 0,
    });
  }
  return steps;
}

/** The reason a person reads on the timeline. */
export function escalationReason(
  due: DueStep,
  unitName: string,
  now: Date,
): string {
  const late = Math.floor((now.getTime() - due.deadline.getTime()) / 3600_000);
  const what = due.breach === 'acknowledge' ? '签收' : '办结';
  const deduction = due.pointsDeducted > 0 ? `，扣${due.pointsDeducted}分` : '';
  return `${unitName}超过${what}时限（${due.deadline.toISOString()}）${late}小时未${what}，${ESCALATION_LABELS[due.step]}${deduction}`;
}
