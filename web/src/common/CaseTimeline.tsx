import { Timeline, Typography } from 'antd';
import { listOf } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView } from './AsyncView';
import { formatTime } from './format';

interface TimelineEntry {
  id?: string;
  eventId?: string;
  type?: string;
  label?: string;
  summary?: string;
  occurredAt?: string;
  at?: string;
  actor?: { name?: string; unit?: string } | string;
}

const EVENT_LABELS: Record<string, string> = {
  ComplaintReceived: '受理',
  RepeatComplaintAttached: '重复诉求关联',
  CaseRouted: '派单',
  AssignmentIssued: '下发承办单位',
  JointEnforcementOpened: '启动联合执法',
  CaseQueuedForManualDispatch: '转人工派单',
  CaseSentToArbitration: '提交审定',
  AssignmentAcknowledged: '签收',
  AssignmentReturned: '退单',
  AssignmentTransferred: '转办',
  ExtensionRequested: '申请延期',
  ExtensionGranted: '批准延期',
  ExtensionDenied: '驳回延期',
  AssignmentResolved: '处置反馈',
  ReminderIssued: '催办',
  JointTaskAssigned: '联合执法任务',
  JointTaskReported: '联合执法反馈',
  JointEnforcementClosed: '联合执法结束',
  FollowUpRecorded: '回访',
  CaseClosed: '结案',
  CaseReopened: '重办',
  CaseEscalated: '升级督办',
  JointMeetingDecided: '联席会议决定',
};

/** 案件时间线: every event of the case, in order. */
export function CaseTimeline({ caseId }: { caseId: string }) {
  const timeline = useApi<unknown>('reporting', `/cases/${encodeURIComponent(caseId)}/timeline`);
  const entries = listOf<TimelineEntry>(
    (timeline.data as { events?: unknown })?.events ?? timeline.data,
  );
  return (
    <AsyncView
      loading={timeline.loading}
      error={timeline.error}
      empty={entries.length === 0}
      emptyText="暂无办理记录"
      onRetry={timeline.reload}
    >
      <Timeline
        data-testid="case-timeline"
        items={entries.map((e, i) => ({
          key: e.eventId ?? e.id ?? String(i),
          children: (
            <div style={{ wordBreak: 'break-word' }}>
              <Typography.Text strong>
                {e.label ?? EVENT_LABELS[e.type ?? ''] ?? e.type}
              </Typography.Text>{' '}
              <Typography.Text type="secondary">{formatTime(e.occurredAt ?? e.at)}</Typography.Text>
              {e.summary ? <div>{e.summary}</div> : null}
            </div>
          ),
        }))}
      />
    </AsyncView>
  );
}
