import { Alert, Button, Card, Descriptions, List, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { formatTime } from '../common/format';
import { ASSIGNMENT_ROLE_LABELS, stateLabel, unitName } from '../labels';
import type { Outcome } from './ComplaintForm';
import { Progress, unitsOf } from './progress';
import { citationText } from './RoutingPreviewCard';

/**
 * 回读: the case number and the units, for the operator to read back to the
 * caller. Routing runs after the save, so the panel shows the preview first
 * and the units actually assigned as soon as the case is routed.
 */
export function ResultPanel({ outcome, onNext }: { outcome: Outcome; onNext: () => void }) {
  const { receipt, preview, attachedTo } = outcome;
  const [progress, setProgress] = useState<Progress>();
  const [waiting, setWaiting] = useState(true);

  useEffect(() => {
    let stopped = false;
    let tries = 0;
    async function poll() {
      while (!stopped && tries < 20) {
        tries += 1;
        try {
          const p = await api<Progress>(
            'intake',
            `/progress/${encodeURIComponent(receipt.caseNumber)}`,
          );
          if (stopped) return;
          setProgress(p);
          if (unitsOf(p).length > 0) break;
        } catch {
          // The case may not be visible to the lookup yet; try again shortly.
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      if (!stopped) setWaiting(false);
    }
    void poll();
    return () => {
      stopped = true;
    };
  }, [receipt.caseNumber]);

  const routed = unitsOf(progress);
  const planned = preview?.assignments ?? [];

  return (
    <Card data-testid="result-panel">
      <Result
        status="success"
        title={
          <span>
            {attachedTo ? '已关联到在办案件' : '受理成功'}，案件编号{' '}
            <Typography.Text copyable strong data-testid="case-number" style={{ fontSize: 24 }}>
              {receipt.caseNumber}
            </Typography.Text>
          </span>
        }
        subTitle={`受理时间 ${formatTime(receipt.receivedAt ?? new Date().toISOString())}，请向来电人回读案件编号和承办单位。`}
        extra={
          <Button type="primary" onClick={onNext} autoFocus data-testid="next-complaint">
            受理下一件（F2）
          </Button>
        }
      />
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="承办单位">
          {routed.length > 0 ? (
            <List
              size="small"
              dataSource={routed}
              renderItem={(u) => {
                const name = u.unitName ?? unitName(u.unit);
                const plan = planned.find(
                  (a) => a.unit === u.unit || (a.unitName ?? unitName(a.unit)) === name,
                );
                const role = u.role ?? plan?.role;
                const state = u.state ?? u.status;
                return (
                  <List.Item data-testid="routed-unit">
                    <Space wrap>
                      {role ? (
                        <Tag color={role === 'lead' ? 'red' : 'blue'}>
                          {ASSIGNMENT_ROLE_LABELS[role] ?? role}
                        </Tag>
                      ) : null}
                      <strong>{name}</strong>
                      {state ? <Tag>{stateLabel(state)}</Tag> : null}
                      {plan?.clause ? (
                        <Typography.Text type="secondary">依据 {citationText(plan.clause)}</Typography.Text>
                      ) : null}
                    </Space>
                  </List.Item>
                );
              }}
            />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              {waiting ? <Spin size="small" tip="正在派单…" /> : null}
              {planned.length > 0 ? (
                <List
                  size="small"
                  header={<Typography.Text type="secondary">预判承办单位</Typography.Text>}
                  dataSource={planned}
                  renderItem={(a) => (
                    <List.Item data-testid="planned-unit">
                      <Space wrap>
                        <Tag color={a.role === 'lead' ? 'red' : 'blue'}>
                          {ASSIGNMENT_ROLE_LABELS[a.role] ?? a.role}
                        </Tag>
                        <strong>{a.unitName ?? unitName(a.unit)}</strong>
                        <Typography.Text type="secondary">{citationText(a.clause)}</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              ) : null}
              {!waiting && routed.length === 0 ? (
                <Alert
                  type="info"
                  showIcon
                  message={
                    preview?.manual
                      ? '本件需人工派单，区派遣中心将尽快指定承办单位。'
                      : '派单结果稍后可通过进度查询获知。'
                  }
                />
              ) : null}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="当前状态">
          {progress?.statusLabel ?? stateLabel(progress?.status ?? receipt.status)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
