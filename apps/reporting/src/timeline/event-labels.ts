import {
  DomainEvent,
  DomainEventType,
  ESCALATION_LABELS,
} from '@lianzhi/domain';

/** What each event is called on a timeline and in exports. */
export const EVENT_LABELS: Record<DomainEventType, string> = {
  ComplaintReceived: '受理',
  RepeatComplaintAttached: '重复投诉',
  CaseRouted: '派单',
  AssignmentIssued: '派发单位',
  JointEnforcementOpened: '联合执法启动',
  CaseQueuedForManualDispatch: '转人工派单',
  CaseSentToArbitration: '提交区级审定',
  AssignmentAcknowledged: '签收',
  AssignmentReturned: '退单',
  AssignmentTransferred: '转办',
  ExtensionRequested: '申请延期',
  ExtensionGranted: '批准延期',
  ExtensionDenied: '驳回延期',
  AssignmentResolved: '处置反馈',
  ReminderIssued: '时限提醒',
  JointTaskAssigned: '联合执法任务分派',
  JointTaskReported: '联合执法任务反馈',
  JointEnforcementClosed: '联合执法结束',
  FollowUpRecorded: '回访',
  CaseClosed: '结案归档',
  CaseReopened: '重办',
  CaseEscalated: '升级督办',
  JointMeetingDecided: '联席会议决定',
};

/** The event's label, naming the escalation step where there is one. */
export function labelOf(event: DomainEvent): string {
  if (event.type === 'CaseEscalated') {
    return ESCALATION_LABELS[event.data.step] ?? EVENT_LABELS.CaseEscalated;
  }
  return EVENT_LABELS[event.type] ?? event.type;
}

/** The reason or result the event carries, for people to read. */
export function reasonOf(event: DomainEvent): string | null {
  const data = event.data as Record<string, unknown>;
  for (const key of [
    'reason',
    'result',
    'note',
    'explanation',
    'summary',
    'task',
  ]) {
    if (typeof data[key] === 'string' && data[key] !== '') {
      return data[key] as string;
    }
  }
  return null;
}

/** The unit an event is about, when it is about one. */
export function unitOf(event: DomainEvent): string | null {
  const data = event.data as Record<string, unknown>;
  return typeof data.unit === 'string' ? data.unit : null;
}
