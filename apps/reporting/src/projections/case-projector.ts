import { compareEvents, DomainEvent, replayCase } from '@lianzhi/domain';

/** One row of `reporting.cases`. */
export interface CaseRow {
  caseId: string;
  caseNumber: string | null;
  township: string | null;
  propertyCompany: string | null;
  /** Every unit that has held an assignment on the case, sorted. */
  units: string[];
  channel: string | null;
  urgency: string | null;
  receivedAt: string;
  status: string;
  closedAt: string | null;
  /** Every unit that kept the case has reported at least once. */
  resolved: boolean;
  reopenCount: number;
  repeatCount: number;
  satisfied: boolean | null;
  satisfaction: number | null;
  hops: number;
  joint: boolean;
  arbitration: boolean;
  /** Null while the case has not been dispatched. */
  firstDispatchAccurate: boolean | null;
  supervisionOrders: number;
  lastEventAt: string;
}

/** One row of `reporting.assignments`: a unit's clock on a case. */
export interface AssignmentRow {
  assignmentId: string;
  caseId: string;
  unit: string;
  township: string | null;
  propertyCompany: string | null;
  role: string;
  decisionId: string | null;
  issuedAt: string;
  acknowledgeDueAt: string;
  /** The deadline in force, after extensions and reopening. */
  resolveDueAt: string;
  acknowledgedAt: string | null;
  /** The latest resolution still standing; a reopening clears it. */
  resolvedAt: string | null;
  returned: boolean;
  transferred: boolean;
  extended: boolean;
  closed: boolean;
  reopenCount: number;
  supervisionOrders: number;
  escalationStep: string | null;
}

export interface CaseProjection {
  readonly case: CaseRow;
  readonly assignments: AssignmentRow[];
}

/**
 * The rows of one case, computed from its whole event list. The list is
 * sorted here, so the result depends only on the set of events: duplicates,
 * late and out-of-order deliveries change nothing.
 */
export function projectCase(events: readonly DomainEvent[]): CaseProjection {
  const log = uniqueById(events).sort(compareEvents);
  if (log.length === 0) {
    throw new Error('a case projection needs at least one event');
  }
  const caseId = log[0].caseId;

  // Issue first, whatever the order: a unit's acknowledgement stamped a
  // moment before its assignment (clocks differ) must not be lost.
  const assignments = new Map<string, AssignmentRow>();
  const limits = new Map<string, number>();
  for (const event of log) {
    if (event.type !== 'AssignmentIssued') continue;
    const data = event.data;
    if (assignments.has(data.assignmentId)) continue;
    assignments.set(data.assignmentId, {
      assignmentId: data.assignmentId,
      caseId,
      unit: data.unit,
      township: data.township,
      propertyCompany: data.propertyCompany ?? null,
      role: data.role,
      decisionId: data.decisionId,
      issuedAt: event.occurredAt,
      acknowledgeDueAt: data.acknowledgeDueAt,
      resolveDueAt: data.resolveDueAt,
      acknowledgedAt: null,
      resolvedAt: null,
      returned: false,
      transferred: false,
      extended: false,
      closed: false,
      reopenCount: 0,
      supervisionOrders: 0,
      escalationStep: null,
    });
    limits.set(
      data.assignmentId,
      Math.max(0, Date.parse(data.resolveDueAt) - Date.parse(event.occurredAt)),
    );
  }

  const everResolved = new Set<string>();
  const row: CaseRow = {
    caseId,
    caseNumber: null,
    township: null,
    propertyCompany: null,
    units: [],
    channel: null,
    urgency: null,
    receivedAt: log[0].occurredAt,
    status: replayCase(log).view.status,
    closedAt: null,
    resolved: false,
    reopenCount: 0,
    repeatCount: 0,
    satisfied: null,
    satisfaction: null,
    hops: 0,
    joint: false,
    arbitration: false,
    firstDispatchAccurate: null,
    supervisionOrders: 0,
    lastEventAt: log[log.length - 1].occurredAt,
  };
  let routedTownship: string | null = null;
  let firstDecision: string | null = null;

  for (const event of log) {
    const target = assignmentOf(event, assignments);
    switch (event.type) {
      case 'ComplaintReceived':
        row.caseNumber = event.data.caseNumber;
        row.receivedAt = event.data.receivedAt;
        row.channel = event.data.channel;
        row.urgency = event.data.urgency;
        row.propertyCompany = event.data.propertyCompany ?? row.propertyCompany;
        row.township = row.township ?? event.data.address.township ?? null;
        break;
      case 'RepeatComplaintAttached':
        row.repeatCount = Math.max(row.repeatCount + 1, event.data.repeatCount);
        break;
      case 'CaseRouted':
        firstDecision = firstDecision ?? event.data.decisionId;
        routedTownship = event.data.township ?? routedTownship;
        row.joint = row.joint || event.data.joint;
        break;
      case 'AssignmentIssued':
        firstDecision = firstDecision ?? event.data.decisionId;
        row.caseNumber = row.caseNumber ?? event.data.caseNumber;
        row.urgency = row.urgency ?? event.data.urgency;
        row.propertyCompany =
          row.propertyCompany ?? event.data.propertyCompany ?? null;
        routedTownship = routedTownship ?? event.data.township;
        break;
      case 'JointEnforcementOpened':
        row.joint = true;
        break;
      case 'CaseSentToArbitration':
        row.arbitration = true;
        routedTownship = routedTownship ?? event.data.township;
        break;
      case 'AssignmentAcknowledged':
        if (target && target.acknowledgedAt === null) {
          target.acknowledgedAt = event.occurredAt;
        }
        break;
      case 'AssignmentReturned':
        row.hops += 1;
        if (target) target.returned = true;
        break;
      case 'AssignmentTransferred':
        row.hops += 1;
        if (target) target.transferred = true;
        break;
      case 'ExtensionGranted':
        if (target) {
          target.extended = true;
          target.resolveDueAt = event.data.newDueAt;
        }
        break;
      case 'AssignmentResolved':
        if (target && target.resolvedAt === null) {
          target.resolvedAt = event.occurredAt;
          everResolved.add(target.assignmentId);
        }
        break;
      case 'CaseEscalated':
        if (target) {
          target.escalationStep = event.data.step;
          if (event.data.step === 'supervision-order') {
            target.supervisionOrders += 1;
            row.supervisionOrders += 1;
          }
        }
        break;
      case 'FollowUpRecorded':
        row.satisfied = event.data.satisfied;
        row.satisfaction = event.data.satisfaction;
        break;
      case 'CaseReopened':
        row.reopenCount = Math.max(row.reopenCount + 1, event.data.reopenCount);
        for (const assignment of assignments.values()) {
          if (
            event.data.units.includes(assignment.unit) &&
            assignment.resolvedAt !== null &&
            isKept(assignment)
          ) {
            reopen(assignment, event.occurredAt, limits);
          }
        }
        break;
      case 'CaseClosed':
        row.closedAt = row.closedAt ?? event.occurredAt;
        break;
      default:
        break;
    }
  }

  row.township = routedTownship ?? row.township;
  const list = [...assignments.values()];
  for (const assignment of list) {
    assignment.township = assignment.township ?? row.township;
    assignment.propertyCompany =
      assignment.propertyCompany ?? row.propertyCompany;
    assignment.closed = row.closedAt !== null;
  }

  row.units = [...new Set(list.map((assignment) => assignment.unit))].sort();
  const kept = list.filter(isKept);
  row.resolved =
    kept.length > 0 &&
    kept.every((assignment) => everResolved.has(assignment.assignmentId));
  row.firstDispatchAccurate = firstDispatchAccuracy(list, firstDecision);

  return { case: row, assignments: list };
}

/** A return or a transfer passes the assignment on; the unit keeps no clock. */
export function isKept(assignment: AssignmentRow): boolean {
  return !assignment.returned && !assignment.transferred;
}

function reopen(
  assignment: AssignmentRow,
  at: string,
  limits: Map<string, number>,
): void {
  assignment.resolvedAt = null;
  assignment.reopenCount += 1;
  // LIMITATION: CaseReopened carries no deadline; the rework gets the
  // original limit again as elapsed time, as the case fold in libs/domain does.
  const limit = limits.get(assignment.assignmentId) ?? 0;
  assignment.resolveDueAt = new Date(Date.parse(at) + limit).toISOString();
}

/**
 * 首派准确率: the first dispatch was accurate when no unit of it returned or
 * transferred the case and no unit had to be added by a later decision.
 */
function firstDispatchAccuracy(
  assignments: readonly AssignmentRow[],
  firstDecision: string | null,
): boolean | null {
  if (firstDecision === null || assignments.length === 0) return null;
  const first = assignments.filter((a) => a.decisionId === firstDecision);
  const anyPassedOn = first.some((a) => !isKept(a));
  const unitAdded = assignments.some((a) => a.decisionId !== firstDecision);
  return !anyPassedOn && !unitAdded;
}

function assignmentOf(
  event: DomainEvent,
  assignments: Map<string, AssignmentRow>,
): AssignmentRow | undefined {
  if (event.type === 'AssignmentIssued') return undefined;
  const data = event.data as { assignmentId?: unknown };
  return typeof data.assignmentId === 'string'
    ? assignments.get(data.assignmentId)
    : undefined;
}

function uniqueById(events: readonly DomainEvent[]): DomainEvent[] {
  const seen = new Map<string, DomainEvent>();
  for (const event of events) {
    if (!seen.has(event.id)) seen.set(event.id, event);
  }
  return [...seen.values()];
}
