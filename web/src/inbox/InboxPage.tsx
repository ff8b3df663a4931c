import { Badge, Card, Radio, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Principal } from '../api/client';
import { useApi, useMatterNames } from '../api/hooks';
import { AsyncView } from '../common/AsyncView';
import { formatTime, trafficLight } from '../common/format';
import { DeadlineLight } from '../common/Light';
import {
  ASSIGNMENT_ROLE_LABELS,
  stateLabel,
  townshipName,
  TOWNSHIPS,
  unitName,
  URGENCY_COLORS,
  URGENCY_LABELS,
  Urgency,
} from '../labels';
import { AssignmentDrawer } from './AssignmentDrawer';
import { JointPanel } from './JointPanel';
import type { AssignmentSummary, InboxPage as Inbox } from './types';
import { WebhookSettings } from './WebhookSettings';

const STATES = ['issued', 'acknowledged', 'extension-requested', 'extended', 'reopened', 'resolved'];

/** A unit's cases, the most pressing first. */
export function AssignmentTable({
  scopeLabel,
  showUnit,
}: {
  scopeLabel: string;
  showUnit?: boolean;
}) {
  const [state, setState] = useState<string>();
  const [urgency, setUrgency] = useState<string>();
  const [township, setTownship] = useState<string>();
  const [overdue, setOverdue] = useState(false);
  const [open, setOpen] = useState<string>();
  const matters = useMatterNames();
  const inbox = useApi<Inbox>('gateway', '/inbox', {
    state,
    urgency,
    township,
    overdue: overdue ? 'true' : undefined,
    limit: 200,
  });
  const items = inbox.data?.items ?? [];
  const counts = inbox.data?.counts ?? {};

  return (
    <Card
      size="small"
      title={`${scopeLabel}待办`}
      extra={
        <Space wrap>
          <Radio.Group
            size="small"
            value={state ?? ''}
            onChange={(e) => setState(e.target.value || undefined)}
            optionType="button"
            options={[
              { value: '', label: '全部' },
              ...STATES.map((s) => ({
                value: s,
                label: (
                  <span>
                    {stateLabel(s)} <Badge count={counts[s] ?? 0} size="small" showZero={false} />
                  </span>
                ),
              })),
            ]}
          />
          <Select
            size="small"
            allowClear
            placeholder="紧急程度"
            style={{ width: 110 }}
            value={urgency}
            onChange={setUrgency}
            options={Object.entries(URGENCY_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Select
            size="small"
            allowClear
            placeholder="镇街"
            style={{ width: 130 }}
            value={township}
            onChange={setTownship}
            options={Object.entries(TOWNSHIPS).map(([value, label]) => ({ value, label }))}
          />
          <Space size={4}>
            <Switch size="small" checked={overdue} onChange={setOverdue} />
            只看超期
          </Space>
        </Space>
      }
    >
      <AsyncView loading={inbox.loading} error={inbox.error} empty={false} onRetry={inbox.reload}>
        <Table<AssignmentSummary>
          data-testid="inbox-table"
          size="small"
          rowKey="assignmentId"
          loading={inbox.loading}
          dataSource={items}
          locale={{ emptyText: '暂无待办案件' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          onRow={(row) => ({
            onClick: () => setOpen(row.assignmentId),
            style: { cursor: 'pointer' },
            'data-light': trafficLight(row.dueAt, row.issuedAt),
          } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            {
              title: '时限',
              key: 'light',
              width: 190,
              render: (_, row) => <DeadlineLight dueAt={row.dueAt} startedAt={row.issuedAt} />,
            },
            {
              title: '案件编号',
              dataIndex: 'caseNumber',
              width: 170,
              render: (v: string, row) => <Typography.Link>{v ?? row.caseId}</Typography.Link>,
            },
            {
              title: '紧急',
              dataIndex: 'urgency',
              width: 70,
              render: (v: string) => (
                <Tag color={URGENCY_COLORS[v ?? 'normal']}>{URGENCY_LABELS[v as Urgency] ?? v}</Tag>
              ),
            },
            ...(showUnit
              ? [{ title: '承办单位', dataIndex: 'unit', width: 130, render: (v: string) => unitName(v) }]
              : []),
            {
              title: '角色',
              dataIndex: 'role',
              width: 60,
              render: (v: string) => ASSIGNMENT_ROLE_LABELS[v] ?? v,
            },
            {
              title: '事项',
              dataIndex: 'matterType',
              width: 160,
              ellipsis: true,
              render: (v: string) => matters[v] ?? v ?? '—',
            },
            {
              title: '地址',
              dataIndex: 'address',
              ellipsis: true,
            },
            { title: '属地', dataIndex: 'township', width: 100, render: (v: string) => townshipName(v) },
            { title: '状态', dataIndex: 'state', width: 100, render: (v: string) => <Tag>{stateLabel(v)}</Tag> },
            { title: '下发', dataIndex: 'issuedAt', width: 140, render: (v: string) => formatTime(v) },
          ]}
        />
      </AsyncView>
      <AssignmentDrawer
        assignmentId={open}
        onClose={() => setOpen(undefined)}
        onChanged={inbox.reload}
      />
    </Card>
  );
}

/** 单位待办: the liaison's workspace. */
export function InboxPage({ principal }: { principal: Principal }) {
  const unit = unitName(principal.unit);
  return (
    <Tabs
      items={[
        {
          key: 'inbox',
          label: '待办案件',
          children: <AssignmentTable scopeLabel={unit} />,
        },
        { key: 'joint', label: '联合执法', children: <JointPanel principal={principal} /> },
        {
          key: 'webhooks',
          label: '系统对接',
          children: <WebhookSettings unit={principal.unit} />,
        },
      ]}
    />
  );
}
