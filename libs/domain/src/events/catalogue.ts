import { Actor, EventEnvelope } from './envelope';

export type Urgency = 'normal' | 'urgent' | 'critical';
export const URGENCIES: readonly Urgency[] = ['normal', 'urgent', 'critical'];
export const URGENCY_LABELS: Record<Urgency, string> = {
  normal: '一般',
  urgent: '紧急',
  critical: '特急',
};

export type Channel =
  | 'hotline'
  | 'web'
  | 'wechat'
  | 'grid'
  | 'petition'
  | 'media'
  | 'open311';
export const CHANNELS: readonly Channel[] = [
  'hotline',
  'web',
  'wechat',
  'grid',
  'petition',
  'media',
  'open311',
];

export type AssignmentRole = 'lead' | 'assist';

/** Where a routing decision comes from in the matrix. */
export interface Citation {
  readonly document: string;
  readonly section: string;
  readonly item: string;
  readonly text?: string;
}

export interface CaseAddress {
  readonly text: string;
  readonly township?: string;
  readonly village?: string;
  readonly estate?: string;
  readonly building?: string;
}

export interface AttachmentMeta {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly url?: string;
}

// ── intake ────────────────────────────────────────────────────────────────

/** 受理: a complaint was accepted and a case opened. Carries no personal data. */
export type ComplaintReceived = EventEnvelope<
  'ComplaintReceived',
  {
    caseNumber: string;
    channel: Channel;
    urgency: Urgency;
    category?: string;
    title?: string;
    description: string;
    address: CaseAddress;
    happenedAt?: string;
    receivedAt: string;
    /** Opaque reference to the caller held by intake; null when anonymous. */
    callerRef: string | null;
    anonymous: boolean;
    /** 保密: the caller is hidden from every unit. */
    confidential: boolean;
    propertyCompany?: string;
    attachments: AttachmentMeta[];
  }
>;

/** 重复投诉: another call about a matter that already has an open case. */
export type RepeatComplaintAttached = EventEnvelope<
  'RepeatComplaintAttached',
  {
    callerRef: string | null;
    channel: Channel;
    description: string;
    receivedAt: string;
    repeatCount: number;
  }
>;

// ── routing ───────────────────────────────────────────────────────────────

export interface MatterMatch {
  readonly matterType: string;
  readonly confidence: number;
  readonly matched: string[];
}

export interface IssuedAssignment {
  readonly assignmentId: string;
  readonly unit: string;
  readonly role: AssignmentRole;
  readonly matterType: string;
  readonly clause: Citation;
  readonly acknowledgeDueAt: string;
  readonly resolveDueAt: string;
}

/** 派单: the decision and its explanation, one per routing round. */
export type CaseRouted = EventEnvelope<
  'CaseRouted',
  {
    decisionId: string;
    matrixVersion: string;
    matterTypes: MatterMatch[];
    township: string | null;
    townshipCandidates: string[];
    assignments: IssuedAssignment[];
    coordinator: string | null;
    joint: boolean;
    hop: number;
    manualDecision: boolean;
    explanation: string;
  }
>;

/** One unit is now responsible, on its own clock. */
export type AssignmentIssued = EventEnvelope<
  'AssignmentIssued',
  IssuedAssignment & {
    caseNumber: string;
    decisionId: string;
    township: string | null;
    urgency: Urgency;
    description: string;
    address: CaseAddress;
    confidential: boolean;
    callerRef: string | null;
    propertyCompany?: string;
    coordinator: string | null;
    hop: number;
  }
>;

/** 联合执法: several enforcement units must act; the township coordinates. */
export type JointEnforcementOpened = EventEnvelope<
  'JointEnforcementOpened',
  { coordinator: string; units: string[]; decisionId: string }
>;

export type ManualDispatchReason =
  | 'unsure-matter'
  | 'ambiguous-township'
  | 'unmatched'
  | 'no-unit-left'
  | 'dispatcher-requested';

/** The case waits in the district's manual dispatch queue. */
export type CaseQueuedForManualDispatch = EventEnvelope<
  'CaseQueuedForManualDispatch',
  {
    reason: ManualDispatchReason;
    suggestions: MatterMatch[];
    townshipCandidates: string[];
    hop: number;
  }
>;

export interface Hop {
  readonly unit: string;
  readonly action: 'returned' | 'transferred';
  readonly reason: string;
  readonly at: string;
}

/** The case bounced too often: the district arbitrates, the joint meeting hears it. */
export type CaseSentToArbitration = EventEnvelope<
  'CaseSentToArbitration',
  { trail: Hop[]; township: string | null; reason: string }
>;

// ── agency gateway ───────────────────────────────────────────────────────

interface AssignmentRef {
  assignmentId: string;
  unit: string;
}

/** 签收 */
export type AssignmentAcknowledged = EventEnvelope<
  'AssignmentAcknowledged',
  AssignmentRef & { onTime: boolean }
>;

/** 退单: not this unit's duty, with the legal basis. */
export type AssignmentReturned = EventEnvelope<
  'AssignmentReturned',
  AssignmentRef & { reason: string; legalBasis: string }
>;

/** 转办: the unit names the responsible unit. */
export type AssignmentTransferred = EventEnvelope<
  'AssignmentTransferred',
  AssignmentRef & { toUnit: string; reason: string }
>;

/** 延期 */
export type ExtensionRequested = EventEnvelope<
  'ExtensionRequested',
  AssignmentRef & { requestedDueAt: string; reason: string }
>;
export type ExtensionGranted = EventEnvelope<
  'ExtensionGranted',
  AssignmentRef & { previousDueAt: string; newDueAt: string; reason: string }
>;
export type ExtensionDenied = EventEnvelope<
  'ExtensionDenied',
  AssignmentRef & { reason: string }
>;

/** 处置反馈 */
export type AssignmentResolved = EventEnvelope<
  'AssignmentResolved',
  AssignmentRef & {
    result: string;
    evidence: AttachmentMeta[];
    onTime: boolean;
  }
>;

/** 催办 raised by the clock: a share of the limit used, or the limit passed. */
export type ReminderIssued = EventEnvelope<
  'ReminderIssued',
  AssignmentRef & {
    clock: 'acknowledge' | 'resolve';
    stage: 'approaching' | 'overdue';
    dueAt: string;
  }
>;

export type JointTaskAssigned = EventEnvelope<
  'JointTaskAssigned',
  { taskId: string; coordinator: string; unit: string; task: string }
>;
export type JointTaskReported = EventEnvelope<
  'JointTaskReported',
  { taskId: string; unit: string; result: string }
>;
export type JointEnforcementClosed = EventEnvelope<
  'JointEnforcementClosed',
  { coordinator: string; summary: string }
>;

/** 回访: the resident's five-level satisfaction. */
export type FollowUpRecorded = EventEnvelope<
  'FollowUpRecorded',
  { satisfaction: 1 | 2 | 3 | 4 | 5; satisfied: boolean; note: string }
>;

/** 结案归档 */
export type CaseClosed = EventEnvelope<'CaseClosed', { reason: string }>;

/** 重办/返工: the resident was not satisfied. */
export type CaseReopened = EventEnvelope<
  'CaseReopened',
  { reason: string; reopenCount: number; units: string[] }
>;

// ── reporting / supervision ──────────────────────────────────────────────

/** 催办 → 交办单 → 督办单 → 联席会议 → 领导小组办公室 */
export type EscalationStep =
  | 'reminder'
  | 'assignment-order'
  | 'supervision-order'
  | 'joint-meeting'
  | 'leading-group';

export const ESCALATION_LADDER: readonly EscalationStep[] = [
  'reminder',
  'assignment-order',
  'supervision-order',
  'joint-meeting',
  'leading-group',
];

export const ESCALATION_LABELS: Record<EscalationStep, string> = {
  reminder: '催办',
  'assignment-order': '交办单',
  'supervision-order': '督办单',
  'joint-meeting': '联席会议',
  'leading-group': '区社区物业管理领导小组办公室',
};

export type CaseEscalated = EventEnvelope<
  'CaseEscalated',
  AssignmentRef & {
    step: EscalationStep;
    reason: string;
    pointsDeducted: number;
    township: string | null;
  }
>;

/** A decision of the township's 联席会议 about one case. */
export type JointMeetingDecided = EventEnvelope<
  'JointMeetingDecided',
  {
    meetingId: string;
    township: string;
    decision: 'assign' | 'close' | 'escalate';
    units: string[];
    note: string;
  }
>;

export type DomainEvent =
  | ComplaintReceived
  | RepeatComplaintAttached
  | CaseRouted
  | AssignmentIssued
  | JointEnforcementOpened
  | CaseQueuedForManualDispatch
  | CaseSentToArbitration
  | AssignmentAcknowledged
  | AssignmentReturned
  | AssignmentTransferred
  | ExtensionRequested
  | ExtensionGranted
  | ExtensionDenied
  | AssignmentResolved
  | ReminderIssued
  | JointTaskAssigned
  | JointTaskReported
  | JointEnforcementClosed
  | FollowUpRecorded
  | CaseClosed
  | CaseReopened
  | CaseEscalated
  | JointMeetingDecided;

export type DomainEventType = DomainEvent['type'];

export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** The current version of each contract; consumers reject what they do not know. */
export const EVENT_VERSIONS: Record<DomainEventType, number> = {
  ComplaintReceived: 1,
  RepeatComplaintAttached: 1,
  CaseRouted: 1,
  AssignmentIssued: 1,
  JointEnforcementOpened: 1,
  CaseQueuedForManualDispatch: 1,
  CaseSentToArbitration: 1,
  AssignmentAcknowledged: 1,
  AssignmentReturned: 1,
  AssignmentTransferred: 1,
  ExtensionRequested: 1,
  ExtensionGranted: 1,
  ExtensionDenied: 1,
  AssignmentResolved: 1,
  ReminderIssued: 1,
  JointTaskAssigned: 1,
  JointTaskReported: 1,
  JointEnforcementClosed: 1,
  FollowUpRecorded: 1,
  CaseClosed: 1,
  CaseReopened: 1,
  CaseEscalated: 1,
  JointMeetingDecided: 1,
};

export type { Actor };
