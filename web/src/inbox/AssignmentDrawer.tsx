import { Button, Descriptions, Divider, Drawer, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useApi, useMatterNames } from '../api/hooks';
import { AsyncView, ErrorAlert } from '../common/AsyncView';
import { CaseTimeline } from '../common/CaseTimeline';
import { formatTime } from '../common/format';
import { DeadlineLight } from '../common/Light';
import { citationText } from '../console/RoutingPreviewCard';
import {
  ASSIGNMENT_ROLE_LABELS,
  stateLabel,
  townshipName,
  unitName,
  URGENCY_COLORS,
  URGENCY_LABELS,
  Urgency,
} from '../labels';
import { AssignmentActions } from './AssignmentActions';
import type { AssignmentDetail } from './types';

/** The caller as intake shows this role: masked unless the role may see more. */
function CallerLine({ caller }: { caller: AssignmentDetail['caller'] }) {
  const [shown, setShown] = useState<{ name?: string | null; phone?: string | null }>();
  const [error, setError] = useState<unknown>();
  if (caller === 'confidential') return <Tag color="red">保密件：来电人信息不向承办单位提供</Tag>;
  if (caller === 'anonymous' || !caller) return <Tag>匿名</Tag>;
  if (shown) {
    return (
      <span data-testid="caller">
        {shown.name ?? '—'} {shown.phone ?? ''}
      </span>
    );
  }
  return (
    <Space>
      <Button
        size="small"
        onClick={() =>
          api<{ name?: string; phone?: string }>(
            'intake',
            `/callers/${encodeURIComponent(caller.callerRef)}`,
          )
            .then(setShown)
            .catch(setError)
        }
      >
        查看来电人（脱敏）
      </Button>
      {error ? <ErrorAlert error={error} /> : null}
    </Space>
  );
}

export function AssignmentDrawer({
  assignmentId,
  onClose,
  onChanged,
}: {
  assignmentId: string | undefined;
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useApi<AssignmentDetail>(
    'gateway',
    assignmentId ? `/assignments/${encodeURIComponent(assignmentId)}` : null,
  );
  const a = detail.data;
  const matters = useMatterNames();
  return (
    <Drawer
      open={assignmentId !== undefined}
      onClose={onClose}
      width={720}
      title={a ? `案件 ${a.caseNumber ?? a.caseId}` : '案件详情'}
      destroyOnClose
    >
      <AsyncView loading={detail.loading} error={detail.error} empty={!a} onRetry={detail.reload}>
        {a ? (
          <div data-testid="assignment-detail">
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="状态">
                <Tag color="blue" data-testid="assignment-state">
                  {stateLabel(a.state)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label="时限">
                <DeadlineLight dueAt={a.dueAt} startedAt={a.issuedAt} />
              </Descriptions.Item>
              <Descriptions.Item label="承办角色">
                {ASSIGNMENT_ROLE_LABELS[a.role ?? ''] ?? a.role ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label="紧急程度">
                <Tag color={URGENCY_COLORS[a.urgency ?? 'normal']}>
                  {URGENCY_LABELS[(a.urgency ?? 'normal') as Urgency] ?? a.urgency}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label="事项">
                {matters[a.matterType ?? ''] ?? a.matterType ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label="属地">{townshipName(a.township)}</Descriptions.Item>
              <Descriptions.Item label="下发时间">{formatTime(a.issuedAt)}</Descriptions.Item>
              <Descriptions.Item label="地址" span={2}>
                <span style={{ wordBreak: 'break-word' }}>{a.address}</span>
              </Descriptions.Item>
              <Descriptions.Item label="诉求内容" span={2}>
                <Typography.Paragraph
                  style={{ marginBottom: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                  ellipsis={{ rows: 8, expandable: true }}
                >
                  {a.description}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label="职责依据" span={2}>
                {a.clause ? `${citationText(a.clause)}${a.clause.text ? `「${a.clause.text}」` : ''}` : '—'}
              </Descriptions.Item>
              {a.coordinator ? (
                <Descriptions.Item label="联合执法协调" span={2}>
                  {unitName(a.coordinator)}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label="来电人" span={2}>
                <CallerLine caller={a.caller} />
              </Descriptions.Item>
            </Descriptions>
            <AssignmentActions
              assignment={a}
              onDone={() => {
                detail.reload();
                onChanged();
              }}
            />
            <Divider orientation="left">办理记录</Divider>
            <CaseTimeline caseId={a.caseId} />
          </div>
        ) : null}
      </AsyncView>
    </Drawer>
  );
}
