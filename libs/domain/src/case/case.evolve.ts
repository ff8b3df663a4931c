import { evolveAssignment } from '../assignment/assignment.evolve';
import {
  AssignmentState,
  initialAssignmentState,
} from '../assignment/assignment.state';
import { DomainEvent, DomainEventType } from '../events';
import {
  CasePhase,
  CaseState,
  CaseStatus,
  CaseView,
  emptyCaseView,
  initialCaseState,
} from './case.state';

/**
 * Where an event sorts among events stamped with the same instant: causes
 * before their effects, so two services writing in the same millisecond
 * still fold in a sensible order.
 */
const CAUSAL_RANK: Record<DomainEventType, number> = {
  ComplaintReceived: 0,
  RepeatComplaintAttached: 1,
  CaseQueuedForManualDispatch: 2,
  CaseRouted: 3,
  JointEnforcementOpened: 4,
  AssignmentIssued: 5,
  JointTaskAssigned: 6,
  AssignmentAcknowledged: 7,
  ExtensionRequested: 8,
  ExtensionGranted: 9,
  ExtensionDenied: 9,
  ReminderIssued: 9,
  CaseEscalated: 9,
  JointTaskReported: 9,
  AssignmentReturned: 10,
  AssignmentTransferred: 10,
  CaseSentToArbitration: 11,
  JointMeetingDecided: 11,
  AssignmentResolved: 12,
  JointEnforcementClosed: 13,
  FollowUpRecorded: 14,
  CaseReopened: 15,
  CaseClosed: 16,
};

export function compareEvents(a: DomainEvent, b: DomainEvent): number {
  const byTime = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (byTime !== 0) {
    return byTime;
  }

  const byRank = CAUSAL_RANK[a.type] - CAUSAL_RANK[b.type];
  if (byRank !== 0) {
    return byRank;
  }

  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Applies one event of a case. An id already applied changes nothing. An
 * event later than all others is applied directly; an event that arrives out
 * of order is put in its place by `occurredAt` and the view folded again,
 * which is cheap for the tens of events a case has.
 */
export function evolveCase(state: CaseState, event: DomainEvent): CaseState {
  if (state.log.some((applied) => applied.id === event.id)) {
    return state;
  }

  const last = state.log[state.log.length - 1];
  if (last === undefined || compareEvents(last, event) <= 0) {
    return {
      log: [...state.log, event],
      view: applyToView(state.view, event),
    };
  }

  const log = [...state.log, event].sort(compareEvents);
  return { log, view: log.reduce(applyToView, emptyCaseView) };
}

export function replayCase(
  events: readonly DomainEvent[],
  from: CaseState = initialCaseState,
): CaseState {
  return events.reduce(evolveCase, from);
}

function assignmentIdOf(event: DomainEvent): string | null {
  const data = event.data as { assignmentId?: unknown };
  return typeof data.assignmentId === 'string' ? data.assignmentId : null;
}

/** Assignment events are buffered until the assignment is known. */
function applyToView(view: CaseView, event: DomainEvent): CaseView {
  const assignmentId = assignmentIdOf(event);
  const knownAssignment =
    assignmentId !== null && assignmentId in view.assignments;

  if (
    assignmentId !== null &&
    event.type !== 'AssignmentIssued' &&
    !knownAssignment
  ) {
    return { ...view, pending: [...view.pending, event] };
  }

  let next = applyKnown(view, event);

  if (event.type === 'AssignmentIssued') {
    const waiting = next.pending.filter(
      (pending) => assignmentIdOf(pending) === assignmentId,
    );
    next = {
      ...next,
      pending: next.pending.filter((pending) => !waiting.includes(pending)),
    };
    next = waiting.reduce(applyKnown, next);
  }

  return { ...next, status: deriveStatus(next) };
}

function applyKnown(view: CaseView, event: DomainEvent): CaseView {
  const base: CaseView = {
    ...view,
    caseId: view.caseId ?? event.caseId,
    assignments: evolveAssignments(view.assignments, event),
  };

  switch (event.type) {
    case 'ComplaintReceived':
      return {
        ...base,
        caseNumber: event.data.caseNumber,
        receivedAt: event.data.receivedAt,
        phase: base.phase === 'none' ? 'open' : base.phase,
      };

    case 'RepeatComplaintAttached':
      return {
        ...base,
        repeatCount: Math.max(base.repeatCount + 1, event.data.repeatCount),
      };

    case 'CaseQueuedForManualDispatch':
      return withPhase(base, 'manual-dispatch');

    case 'CaseSentToArbitration':
      return withPhase(base, 'arbitration');

    case 'CaseRouted':
      return {
        ...withPhase(base, 'dispatched'),
        hops: Math.max(base.hops, event.data.hop),
      };

    case 'AssignmentIssued':
      return {
        ...withPhase(base, 'dispatched'),
        caseNumber: base.caseNumber ?? event.data.caseNumber,
        hops: Math.max(base.hops, event.data.hop),
      };

    case 'AssignmentReturned':
    case 'AssignmentTransferred':
      return { ...base, hops: base.hops + 1 };

    case 'CaseEscalated':
      return {
        ...base,
        escalations: base.escalations + 1,
        pointsDeducted: base.pointsDeducted + event.data.pointsDeducted,
      };

    case 'FollowUpRecorded':
      return {
        ...withPhase(base, 'follow-up'),
        lastFollowUp: {
          satisfied: event.data.satisfied,
          satisfaction: event.data.satisfaction,
          at: event.occurredAt,
        },
      };

    case 'CaseReopened':
      return {
        ...withPhase(base, 'reopened'),
        reopenCount: Math.max(base.reopenCount + 1, event.data.reopenCount),
      };

    case 'CaseClosed':
      return {
        ...withPhase(base, 'closed'),
        closedAt: base.closedAt ?? event.occurredAt,
      };

    default:
      return base;
  }
}

/** A closed case stays closed: later facts are recorded but do not reopen it. */
function withPhase(view: CaseView, phase: CasePhase): CaseView {
  return view.phase === 'closed' ? view : { ...view, phase };
}

function evolveAssignments(
  assignments: Readonly<Record<string, AssignmentState>>,
  event: DomainEvent,
): Readonly<Record<string, AssignmentState>> {
  if (event.type === 'AssignmentIssued') {
    const id = event.data.assignmentId;
    return {
      ...assignments,
      [id]: evolveAssignment(assignments[id] ?? initialAssignmentState, event),
    };
  }

  const targeted = assignmentIdOf(event);
  let changed = false;
  const next: Record<string, AssignmentState> = {};

  for (const [id, assignment] of Object.entries(assignments)) {
    const evolved =
      targeted === null || targeted === id
        ? evolveAssignment(assignment, event)
        : assignment;
    changed = changed || evolved !== assignment;
    next[id] = evolved;
  }

  return changed ? next : assignments;
}

const GONE = ['returned', 'transferred', 'not-issued'];
const DONE = ['resolved', 'closed'];

function deriveStatus(view: CaseView): CaseStatus {
  if (view.phase === 'closed') {
    return 'closed';
  }

  if (view.phase === 'follow-up') {
    return 'follow-up';
  }

  const active = Object.values(view.assignments).filter(
    (assignment) => !GONE.includes(assignment.status),
  );

  if (active.length === 0) {
    if (view.phase === 'dispatched' || view.phase === 'reopened') {
      return 'awaiting-routing';
    }
    return view.phase === 'none' ? 'none' : view.phase;
  }

  if (active.every((assignment) => DONE.includes(assignment.status))) {
    return 'resolved';
  }

  if (view.phase === 'reopened') {
    return 'reopened';
  }

  const handling = active.some(
    (assignment) =>
      assignment.status !== 'not-issued' &&
      assignment.status !== 'issued',
  );
  return handling ? 'in-progress' : 'routed';
}
