import {
  Actor,
  AssignmentIssued,
  AssignmentRole,
  CaseQueuedForManualDispatch,
  CaseRouted,
  Citation,
  DomainEvent,
  EVENT_VERSIONS,
  findUnit,
  IssuedAssignment,
  JointEnforcementOpened,
  LimitClass,
  ManualDispatchReason,
  MatterMatch,
  TimeLimits,
} from '@lianzhi/domain';
import { dueDatesFor } from './due-dates-for';
import { derivedId } from './ids';
import { RoutingCase } from './routing-case';

/** How a decision came about. */
export type DecisionKind =
  | 'automatic'
  | 'manual'
  | 'return'
  | 'transfer'
  | 'arbitration';

/** A unit to put on the case, with the clause that makes it responsible. */
export interface UnitToIssue {
  readonly unit: string;
  readonly role: AssignmentRole;
  readonly matterType: string;
  readonly clause: Citation;
  readonly limitClass: LimitClass;
  readonly limits?: TimeLimits;
}

/** One routing round: who gets the case now, and why. */
export interface Dispatch {
  readonly decisionId: string;
  readonly kind: DecisionKind;
  readonly matrixVersion: string | null;
  readonly matterTypes: MatterMatch[];
  readonly township: string | null;
  readonly townshipCandidates: string[];
  readonly coordinator: string | null;
  readonly joint: boolean;
  /**
   * Whether this round opens 联合执法 (it does unless said otherwise); a
   * replacement after a return joins the enforcement already open.
   */
  readonly openJoint?: boolean;
  readonly hop: number;
  readonly manualDecision: boolean;
  readonly explanation: string;
  /** The instant both clocks of each new assignment start from. */
  readonly issuedAt: Date;
  readonly issue: readonly UnitToIssue[];
}

export interface EventContext {
  readonly actor: Actor;
  readonly occurredAt: Date;
  readonly causationId?: string;
}

/**
 * 派单 as events: the decision (CaseRouted), one AssignmentIssued per unit on
 * its own clock, and JointEnforcementOpened when several enforcement units
 * must act under the township's coordination.
 */
export function dispatchEvents(
  routingCase: RoutingCase,
  dispatch: Dispatch,
  context: EventContext,
): { events: DomainEvent[]; assignments: IssuedAssignment[] } {
  const assignments = dispatch.issue.map((unit) =>
    issuedAssignment(routingCase, dispatch, unit),
  );

  const routed: CaseRouted = {
    ...envelope('CaseRouted', routingCase, dispatch.decisionId, context),
    data: {
      decisionId: dispatch.decisionId,
      matrixVersion: dispatch.matrixVersion ?? 'none',
      matterTypes: dispatch.matterTypes,
      township: dispatch.township,
      townshipCandidates: dispatch.townshipCandidates,
      assignments,
      coordinator: dispatch.coordinator,
      joint: dispatch.joint,
      hop: dispatch.hop,
      manualDecision: dispatch.manualDecision,
      explanation: dispatch.explanation,
    },
  };

  const issued: AssignmentIssued[] = assignments.map((assignment) => ({
    ...envelope(
      'AssignmentIssued',
      routingCase,
      assignment.assignmentId,
      context,
    ),
    data: {
      ...assignment,
      caseNumber: routingCase.caseNumber,
      decisionId: dispatch.decisionId,
      township: dispatch.township,
      urgency: routingCase.urgency,
      description: routingCase.description,
      address: routingCase.address,
      confidential: routingCase.confidential,
      // 保密: units never receive even the opaque reference to the caller.
      callerRef: routingCase.confidential ? null : routingCase.callerRef,
      ...(routingCase.propertyCompany
        ? { propertyCompany: routingCase.propertyCompany }
        : {}),
      coordinator: dispatch.coordinator,
      hop: dispatch.hop,
    },
  }));

  const events: DomainEvent[] = [routed, ...issued];
  if (dispatch.joint && dispatch.coordinator && dispatch.openJoint !== false) {
    const joint: JointEnforcementOpened = {
      ...envelope(
        'JointEnforcementOpened',
        routingCase,
        `${dispatch.decisionId}:joint`,
        context,
      ),
      data: {
        coordinator: dispatch.coordinator,
        units: enforcementUnits(assignments),
        decisionId: dispatch.decisionId,
      },
    };
    events.push(joint);
  }

  return { events, assignments };
}

export interface ManualQueueEntry {
  readonly reason: ManualDispatchReason;
  readonly suggestions: MatterMatch[];
  readonly townshipCandidates: string[];
  readonly hop: number;
}

/** The case waits for the district's dispatcher (人工派单). */
export function queuedEvent(
  routingCase: RoutingCase,
  entry: ManualQueueEntry,
  decisionId: string,
  context: EventContext,
): CaseQueuedForManualDispatch {
  return {
    ...envelope(
      'CaseQueuedForManualDispatch',
      routingCase,
      `${decisionId}:queued`,
      context,
    ),
    data: {
      reason: entry.reason,
      suggestions: entry.suggestions,
      townshipCandidates: entry.townshipCandidates,
      hop: entry.hop,
    },
  };
}

export function envelope<T extends DomainEvent['type']>(
  type: T,
  routingCase: RoutingCase,
  idSeed: string,
  context: EventContext,
) {
  return {
    type,
    version: EVENT_VERSIONS[type],
    id: derivedId(type, idSeed),
    caseId: routingCase.caseId,
    occurredAt: context.occurredAt.toISOString(),
    actor: context.actor,
    ...(context.causationId ? { causationId: context.causationId } : {}),
  };
}

function issuedAssignment(
  routingCase: RoutingCase,
  dispatch: Dispatch,
  unit: UnitToIssue,
): IssuedAssignment {
  const due = dueDatesFor(
    dispatch.issuedAt,
    routingCase.urgency,
    unit.limitClass,
    unit.limits,
  );
  return {
    assignmentId: derivedId('assignment', dispatch.decisionId, unit.unit),
    unit: unit.unit,
    role: unit.role,
    matterType: unit.matterType,
    clause: unit.clause,
    acknowledgeDueAt: due.acknowledgeDueAt.toISOString(),
    resolveDueAt: due.resolveDueAt.toISOString(),
  };
}

function enforcementUnits(assignments: IssuedAssignment[]): string[] {
  return assignments
    .map((a) => a.unit)
    .filter((unit) => findUnit(unit)?.kind === 'department');
}
