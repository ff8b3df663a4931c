import { DomainError } from '../errors/domain-error';
import {
  Actor,
  AssignmentAcknowledged,
  AssignmentResolved,
  AssignmentReturned,
  AssignmentTransferred,
  CaseClosed,
  CaseReopened,
  EVENT_VERSIONS,
  EventOf,
  ExtensionDenied,
  ExtensionGranted,
  ExtensionRequested,
} from '../events';
import {
  AcknowledgeAssignment,
  AssignmentCommand,
  CloseAssignment,
  DenyExtension,
  GrantExtension,
  ReopenAssignment,
  RequestExtension,
  ResolveAssignment,
  ReturnAssignment,
  TransferAssignment,
} from './assignment.commands';
import { AssignmentState, IssuedAssignmentState } from './assignment.state';

/** The events an assignment's commands produce. */
export type AssignmentEvent =
  | AssignmentAcknowledged
  | AssignmentReturned
  | AssignmentTransferred
  | ExtensionRequested
  | ExtensionGranted
  | ExtensionDenied
  | AssignmentResolved
  | CaseReopened
  | CaseClosed;

export interface AssignmentPolicy {
  /**
   * Hours after issue during which a unit may still 退单, even after
   * signing. Without it, a unit may return only until its acknowledge
   * deadline.
   */
  readonly returnWindowHours?: number;
}

/** What the decider needs from the outside world, passed in so it stays pure. */
export interface DecideContext {
  readonly now: () => Date;
  readonly newId: () => string;
  readonly policy?: AssignmentPolicy;
  /** The event or request that caused this decision. */
  readonly causationId?: string;
}

type Open<S extends AssignmentState['status']> = Extract<
  AssignmentState,
  { status: S }
>;

/**
 * Decides what happens when a command meets an assignment: the events to
 * record, or a `DomainError` with a stable code and the field at fault.
 */
export function decideAssignment(
  command: AssignmentCommand,
  state: AssignmentState,
  context: DecideContext,
): AssignmentEvent[] {
  const current = assertIssued(state);

  switch (command.type) {
    case 'AcknowledgeAssignment':
      return acknowledge(command, current, context);
    case 'ReturnAssignment':
      return returnAssignment(command, current, context);
    case 'TransferAssignment':
      return transfer(command, current, context);
    case 'RequestExtension':
      return requestExtension(command, current, context);
    case 'GrantExtension':
      return grantExtension(command, current, context);
    case 'DenyExtension':
      return denyExtension(command, current, context);
    case 'ResolveAssignment':
      return resolve(command, current, context);
    case 'ReopenAssignment':
      return reopen(command, current, context);
    case 'CloseAssignment':
      return close(command, current, context);
  }
}

function acknowledge(
  command: AcknowledgeAssignment,
  state: IssuedAssignmentState,
  context: DecideContext,
): AssignmentEvent[] {
  const open = assertStillWithUnit(state);
  assertActorUnit(command.actor, open);

  if (open.status !== 'issued') {
    throw new DomainError(
      'ASSIGNMENT.ALREADY_ACKNOWLEDGED',
      'the assignment has already been acknowledged',
    );
  }

  const now = context.now();
  return [
    event('AssignmentAcknowledged', open, command.actor, context, now, {
      assignmentId: open.assignmentId,
      unit: open.unit,
      onTime: now.getTime() <= Date.parse(open.acknowledgeDueAt),
    }),
  ];
}

function returnAssignment(
  command: ReturnAssignment,
  state: IssuedAssignmentState,
  context: DecideContext,
): AssignmentEvent[] {
  const open = assertStillWithUnit(state);
  assertActorUnit(command.actor, open);
  const reason = required(command.reason, 'reason');
  const legalBasis = required(command.legalBasis, 'legalBasis');

  if (open.status === 'resolved') {
    throw alreadyResolved();
  }

  const now = context.now();
  const windowHours = context.policy?.returnWindowHours;
  const lastReturnAt =
    windowHours === undefined
      ? Date.parse(open.acknowledgeDueAt)
      : Date.parse(open.issuedAt) + windowHours * 3_600_000;

  // A unit that asked for more time or is reworking a case has accepted it.
  const mayStillReturn =
    open.status === 'issued' || open.status === 'acknowledged';

  if (!mayStillReturn || now.getTime() > lastReturnAt) {
    throw new DomainError(
      'ASSIGNMENT.RETURN_WINDOW_PASSED',
      'the time to return this assignment has passed',
    );
  }

  return [
    event('AssignmentReturned', open, command.actor, context, now, {
      assignmentId: open.assignmentId,
      unit: open.unit,
      reason,
      legalBasis,
    }),
  ];
}

function transfer(
  command: TransferAssignment,
  state: IssuedAssignmentState,
  context: DecideContext,
): AssignmentEvent[] {
  const open = assertStillWithUnit(state);
  assertActorUnit(command.actor, open);
  const toUnit = required(command.toUnit, 'toUnit');
  const reason = required(command.reason, 'reason');

  if (toUnit === open.unit) {
    throw new DomainError(
      'ASSIGNMENT.SAME_UNIT',
      'an assignment cannot be transferred to the unit that holds it',
      'toUnit',
    );
  }

  if (open.status === 'resolved') {
    throw alreadyResolved();
  }

  if (open.status !== 'issued' && open.status !== 'acknowledged') {
    throw new DomainError(
      'ASSIGNMENT.TRANSFER_NOT_ALLOWED',
      'an assignment being extended or reworked cannot be transferred',
    );
  }

  return [
    event(
      'AssignmentTransferred',
      open,
      command.actor,
      context,
      context.now(),
      { assignmentId: open.assignmentId, unit: open.unit, toUnit, reason },
    ),
  ];
}

function requestExtension(
  command: RequestExtension,
  state: IssuedAssignmentState,
  context: DecideContext,
): AssignmentEvent[] {
  const open = assertStillWithUnit(state);
  assertActorUnit(command.actor, open);
  const reason = required(command.reason, 'reason');

  if (open.status === 'issued') {
    throw notAcknowledged();
  }

  if (open.status === 'resolved') {
    throw alreadyResolved();
  }

  if (open.status === 'extension-pending') {
    throw new DomainError(
      'EXTENSION.ALREADY_PENDING',
      'an extension request is already waiting for a decision',
    );
  }

  const now = context.now();
  if (now.getTime() > Date.parse(open.resolveDueAt)) {
    throw new DomainError(
      'EXTENSION.DEADLINE_PASSED',
      'an extension must be requested before the deadline',
    );
  }

  const requested = instant(command.requestedDueAt, 'requestedDueAt');
  assertLaterThanDue(requested, open, 'requestedDueAt');

  return [
    event('ExtensionRequested', open, command.actor, context, now, {
      assignmentId: open.assignmentId,
      unit: open.unit,
      requestedDueAt: requested.toISOString(),
      reason,
    }),
  ];
}

function grantExtension(
  command: GrantExtension,
  state: IssuedAssignmentState,
  context: DecideContext,
): AssignmentEvent[] {
  const pending = assertPending(state);
  const reason = required(command.reason, 'reason');
  const newDueAt = instant(
    command.newDueAt ?? pending.requestedDueAt,
    'newDueAt',
  );
  assertLaterThanDue(newDueAt, pending, 'newDueAt');

  return [
    event('ExtensionGranted', pending, command.actor, context, context.now(), {
      assignmentId: pending.assignmentId,
      unit: pending.unit,
      previousDueAt: pending.resolveDueAt,
      newDueAt: newDueAt.toISOString(),
      reason,
    }),
  ];
}

function denyExtension(
  command: DenyExtension,
  state: IssuedAssignmentState,
  context: DecideContext,
): AssignmentEvent[] {
  const pending = assertPending(state);
  const reason = required(command.reason, 'reason');

  return [
    event('ExtensionDenied', pending, command.actor, context, context.now(), {
      assignmentId: pending.assignmentId,
      unit: pending.unit,
      reason,
    }),
  ];
}

function resolve(
  command: ResolveAssignment,
  state: IssuedAssignmentState,
  context: DecideContext,
): AssignmentEvent[] {
  const open = assertStillWithUnit(state);
  assertActorUnit(command.actor, open);

  if (open.status === 'issued') {
    throw notAcknowledged();
  }

  if (open.status === 'resolved') {
    throw alreadyResolved();
  }

  const result = required(command.result, 'result');
  const now = context.now();

  return [
    event('AssignmentResolved', open, command.actor, context, now, {
      assignmentId: open.assignmentId,
      unit: open.unit,
      result,
      evidence: command.evidence ?? [],
      onTime: now.getTime() <= Date.parse(open.resolveDueAt),
    }),
  ];
}

function reopen(
  command: ReopenAssignment,
  state: IssuedAssignmentState,
  context: DecideContext,
): AssignmentEvent[] {
  const resolved = assertResolved(state);
  const reason = required(command.reason, 'reason');

  if (resolved.followUp !== 'unsatisfied') {
    throw new DomainError(
      'ASSIGNMENT.FOLLOW_UP_NOT_UNSATISFIED',
      'only an assignment whose 回访 was unsatisfied can be reopened',
    );
  }

  return [
    event('CaseReopened', resolved, command.actor, context, context.now(), {
      reason,
      reopenCount: resolved.reopenCount + 1,
      units: [resolved.unit],
    }),
  ];
}

function close(
  command: CloseAssignment,
  state: IssuedAssignmentState,
  context: DecideContext,
): AssignmentEvent[] {
  const resolved = assertResolved(state);
  const reason = required(command.reason, 'reason');

  if (resolved.followUp === 'unsatisfied') {
    throw new DomainError(
      'ASSIGNMENT.FOLLOW_UP_UNSATISFIED',
      'the resident was not satisfied: reopen the assignment instead',
    );
  }

  return [
    event('CaseClosed', resolved, command.actor, context, context.now(), {
      reason,
    }),
  ];
}

// ── guards ──────────────────────────────────────────────────────────────

function assertIssued(state: AssignmentState): IssuedAssignmentState {
  if (state.status === 'not-issued') {
    throw new DomainError(
      'ASSIGNMENT.NOT_ISSUED',
      'no assignment has been issued',
    );
  }

  return state;
}

/** Fails for the statuses in which no command can change anything any more. */
function assertStillWithUnit(
  state: IssuedAssignmentState,
): Exclude<IssuedAssignmentState, Open<'returned' | 'transferred' | 'closed'>> {
  switch (state.status) {
    case 'returned':
      throw new DomainError(
        'ASSIGNMENT.RETURNED',
        'the assignment was returned',
      );
    case 'transferred':
      throw new DomainError(
        'ASSIGNMENT.TRANSFERRED',
        `the assignment was transferred to ${state.toUnit}`,
      );
    case 'closed':
      throw new DomainError('ASSIGNMENT.CLOSED', 'the assignment is closed');
    default:
      return state;
  }
}

function assertActorUnit(actor: Actor, state: IssuedAssignmentState): void {
  if (actor.unit !== state.unit) {
    throw new DomainError(
      'ASSIGNMENT.WRONG_UNIT',
      'only the unit the case is assigned to can do this',
      'unit',
    );
  }
}

function assertPending(
  state: IssuedAssignmentState,
): Open<'extension-pending'> {
  const open = assertStillWithUnit(state);
  if (open.status !== 'extension-pending') {
    throw new DomainError(
      'EXTENSION.NOT_PENDING',
      'no extension request is waiting for a decision',
    );
  }

  return open;
}

function assertResolved(state: IssuedAssignmentState): Open<'resolved'> {
  const open = assertStillWithUnit(state);
  if (open.status !== 'resolved') {
    throw new DomainError(
      'ASSIGNMENT.NOT_RESOLVED',
      'the assignment has not been resolved',
    );
  }

  return open;
}

function assertLaterThanDue(
  date: Date,
  state: IssuedAssignmentState,
  field: string,
): void {
  if (date.getTime() <= Date.parse(state.resolveDueAt)) {
    throw new DomainError(
      'EXTENSION.NOT_LATER',
      'the new deadline must be later than the current one',
      field,
    );
  }
  if (date.getTime() > Date.parse(state.resolveDueAt) + MAX_EXTENSION_MS) {
    throw new DomainError(
      'EXTENSION.TOO_LONG',
      `one extension may add at most ${MAX_EXTENSION_DAYS} days; ask again later if needed`,
      field,
    );
  }
}

/**
 * One extension adds at most the limit of a complex matter (15 days) twice
 * over; a longer one would switch the clock and the escalation off.
 */
export const MAX_EXTENSION_DAYS = 30;
const MAX_EXTENSION_MS = MAX_EXTENSION_DAYS * 24 * 3600 * 1000;

function required(value: string | undefined, field: string): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') {
    throw new DomainError(
      'ASSIGNMENT.FIELD_REQUIRED',
      `${field} is required`,
      field,
    );
  }

  return trimmed;
}

function instant(value: string | undefined, field: string): Date {
  const date = new Date(value ?? '');
  if (Number.isNaN(date.getTime())) {
    throw new DomainError(
      'ASSIGNMENT.INVALID_INSTANT',
      `${field} is not a valid instant`,
      field,
    );
  }

  return date;
}

function notAcknowledged(): DomainError {
  return new DomainError(
    'ASSIGNMENT.NOT_ACKNOWLEDGED',
    'the assignment must be acknowledged first',
  );
}

function alreadyResolved(): DomainError {
  return new DomainError(
    'ASSIGNMENT.ALREADY_RESOLVED',
    'the assignment has already been resolved',
  );
}

function event<T extends AssignmentEvent['type']>(
  type: T,
  state: IssuedAssignmentState,
  actor: Actor,
  context: DecideContext,
  now: Date,
  data: EventOf<T>['data'],
): EventOf<T> {
  const envelope = {
    type,
    version: EVENT_VERSIONS[type],
    id: context.newId(),
    caseId: state.caseId,
    occurredAt: now.toISOString(),
    actor,
    data,
    ...(context.causationId ? { causationId: context.causationId } : {}),
  };

  return envelope as unknown as EventOf<T>;
}
