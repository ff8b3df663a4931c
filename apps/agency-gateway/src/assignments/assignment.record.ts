import {
  AssignmentRole,
  AssignmentState,
  AssignmentStatus,
  CaseAddress,
  Citation,
  Urgency,
} from '@lianzhi/domain';

/** What a unit needs to know about the case, as AssignmentIssued carried it. */
export interface AssignmentDetails {
  readonly caseNumber: string;
  readonly decisionId: string;
  readonly matterType: string;
  readonly clause: Citation;
  readonly description: string;
  readonly address: CaseAddress;
  readonly confidential: boolean;
  /** Opaque reference held by intake; the gateway never sees the caller. */
  readonly callerRef: string | null;
  readonly propertyCompany: string | null;
  readonly coordinator: string | null;
  readonly hop: number;
}

/** One row of `gateway.assignments`, as PostgreSQL returns it. */
export interface AssignmentRecord {
  readonly assignment_id: string;
  readonly case_id: string;
  readonly unit: string;
  readonly township: string | null;
  readonly urgency: Urgency;
  readonly status: AssignmentStatus;
  readonly role: AssignmentRole;
  readonly issued_at: Date;
  readonly acknowledge_due_at: Date;
  readonly resolve_due_at: Date;
  readonly resolve_clock_started_at: Date;
  readonly due_at: Date | null;
  readonly acknowledged_at: Date | null;
  readonly resolved_at: Date | null;
  readonly details: AssignmentDetails;
  readonly state: AssignmentState;
  readonly version: number;
}

/** The deadline the unit is working against now, if it still owes anything. */
export function currentDueAt(state: AssignmentState): string | null {
  switch (state.status) {
    case 'issued':
      return state.acknowledgeDueAt;
    case 'acknowledged':
    case 'extension-pending':
    case 'reopened':
      return state.resolveDueAt;
    default:
      return null;
  }
}

/** The assignment as the inbox lists it. */
export function toSummary(row: AssignmentRecord, now: Date) {
  const dueAt = row.due_at?.toISOString() ?? null;
  return {
    assignmentId: row.assignment_id,
    caseId: row.case_id,
    caseNumber: row.details.caseNumber,
    unit: row.unit,
    township: row.township,
    urgency: row.urgency,
    state: row.status,
    role: row.role,
    matterType: row.details.matterType,
    address: row.details.address.text,
    issuedAt: row.issued_at.toISOString(),
    acknowledgeDueAt: row.acknowledge_due_at.toISOString(),
    resolveDueAt: row.resolve_due_at.toISOString(),
    dueAt,
    overdue: dueAt !== null && Date.parse(dueAt) < now.getTime(),
  };
}

/**
 * The assignment with the case details a unit needs. The caller is never
 * here: a confidential (保密) complaint says so, otherwise the console reads
 * the caller through intake, which masks and audits.
 */
export function toDetail(row: AssignmentRecord, now: Date) {
  const { details } = row;
  return {
    ...toSummary(row, now),
    description: details.description,
    addressDetail: details.address,
    clause: details.clause,
    propertyCompany: details.propertyCompany,
    coordinator: details.coordinator,
    hop: details.hop,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    reopenCount: 'reopenCount' in row.state ? row.state.reopenCount : 0,
    extensionsGranted:
      'extensionsGranted' in row.state ? row.state.extensionsGranted : 0,
    caller: callerOf(details),
    version: row.version,
  };
}

function callerOf(details: AssignmentDetails) {
  if (details.confidential) return 'confidential' as const;
  if (details.callerRef === null) return 'anonymous' as const;
  return { callerRef: details.callerRef };
}
