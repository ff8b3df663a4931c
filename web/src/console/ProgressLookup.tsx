import { Card, Descriptions, Empty, Input, List, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { ErrorAlert } from '../common/AsyncView';
import { formatTime } from '../common/format';
import { ASSIGNMENT_ROLE_LABELS, stateLabel, townshipName, unitName } from '../labels';
import { Progress, stepsOf, unitsOf } from './progress';

/** 进度查询: what a caller may hear about their case, by its number. */
export function ProgressLookup({ onFound }: { onFound?: (p: Progress) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [progress, setProgress] = useState<Progress>();

  async function lookup(caseNumber: string) {
    const wanted = caseNumber.trim();
    if (!wanted) return;
    setBusy(true);
    setError(undefined);
    try {
      const p = await api<Progress>('intake', `/progress/${encodeURIComponent(wanted)}`);
      setProgress(p);
      onFound?.(p);
    } catch (err) {
      setProgress(undefined);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search
        placeholder="输入案件编号查询办理进度"
        enterButton="查询"
        loading={busy}
        onSearch={lookup}
        id="progress-case-number"
        style={{ maxWidth: 480 }}
      />
      {error ? <ErrorAlert error={error} /> : null}
      {progress ? (
        <Card size="small" data-testid="progress-result">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="案件编号">{progress.caseNumber}</Descriptions.Item>
            <Descriptions.Item label="状态">
              {progress.statusLabel ?? stateLabel(progress.status)}
            </Descriptions.Item>
            <Descriptions.Item label="受理时间">{formatTime(progress.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label="属地">{townshipName(progress.township)}</Descriptions.Item>
          </Descriptions>
          <List
            size="small"
            header="承办单位"
            dataSource={unitsOf(progress)}
            locale={{ emptyText: '尚未派单' }}
            renderItem={(u) => (
              <List.Item>
                <Space wrap>
                  {u.role ? <Tag>{ASSIGNMENT_ROLE_LABELS[u.role] ?? u.role}</Tag> : null}
                  <span>{u.unitName ?? unitName(u.unit)}</span>
                  {u.state ?? u.status ? <Tag color="blue">{stateLabel(u.state ?? u.status)}</Tag> : null}
                  {u.dueAt ? (
                    <Typography.Text type="secondary">期限 {formatTime(u.dueAt)}</Typography.Text>
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
          {stepsOf(progress).length > 0 ? (
            <Timeline
              style={{ marginTop: 16 }}
              items={stepsOf(progress).map((s) => ({
                children: (
                  <span style={{ wordBreak: 'break-word' }}>
                    {formatTime(s.at ?? s.occurredAt)} {s.label ?? s.text ?? s.summary ?? s.type}
                  </span>
                ),
              }))}
            />
          ) : null}
        </Card>
      ) : !error ? (
        <Empty description="输入案件编号后查询" />
      ) : null}
    </Space>
  );
}
