import { Alert, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { ASSIGNMENT_ROLE_LABELS, MANUAL_REASON_LABELS, townshipName, unitName } from '../labels';
import { problemText } from '../common/AsyncView';
import type { Citation, RoutingPreview } from './types';

export function citationText(clause?: Citation): string {
  if (!clause) return '';
  return [clause.document, clause.section, clause.item].filter(Boolean).join(' ');
}

/** 派单预判: who will act, in which role, on which clause — before saving. */
export function RoutingPreviewCard({
  preview,
  loading,
  error,
  matterNames = {},
}: {
  matterNames?: Record<string, string>;
  preview?: RoutingPreview;
  loading: boolean;
  error?: unknown;
}) {
  const assignments = preview?.assignments ?? [];
  return (
    <Card
      size="small"
      title={
        <Space>
          派单预判
          {loading ? <Spin size="small" /> : null}
        </Space>
      }
      data-testid="routing-preview"
    >
      {error ? (
        <Alert type="warning" showIcon message={`暂无法预判：${problemText(error)}`} />
      ) : !preview ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="输入诉求内容和地址后自动预判承办单位" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {preview.manual ? (
            <Alert
              type="warning"
              showIcon
              data-testid="manual-dispatch"
              message="需人工派单"
              description={MANUAL_REASON_LABELS[preview.manual] ?? preview.manual}
            />
          ) : null}
          <Space wrap>
            <span>属地：</span>
            {preview.township ? (
              <Tag color="geekblue">{townshipName(preview.township)}</Tag>
            ) : (preview.townshipCandidates ?? []).length > 1 ? (
              <Tag color="orange">
                待确认：{(preview.townshipCandidates ?? []).map(townshipName).join(' / ')}
              </Tag>
            ) : (
              <Tag>未识别</Tag>
            )}
            {preview.joint ?? Boolean(preview.coordinator) ? <Tag color="purple">联合执法</Tag> : null}
            {preview.coordinator ? (
              <span>协调：{unitName(preview.coordinator)}</span>
            ) : null}
          </Space>
          {(preview.matterTypes ?? []).length > 0 ? (
            <Space wrap>
              <span>事项：</span>
              {(preview.matterTypes ?? []).map((m) => (
                <Tag key={m.matterType}>{matterNames[m.matterType] ?? m.name ?? m.matterType}</Tag>
              ))}
            </Space>
          ) : null}
          <List
            size="small"
            dataSource={assignments}
            locale={{ emptyText: '尚未匹配到承办单位' }}
            renderItem={(a) => (
              <List.Item data-testid="preview-unit">
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Tag color={a.role === 'lead' ? 'red' : 'blue'}>
                        {ASSIGNMENT_ROLE_LABELS[a.role] ?? a.role}
                      </Tag>
                      <strong>{a.unitName ?? unitName(a.unit)}</strong>
                    </Space>
                  }
                  description={
                    a.clause ? (
                      <div style={{ wordBreak: 'break-word' }}>
                        依据：{citationText(a.clause)}
                        {a.clause.text ? `「${a.clause.text}」` : ''}
                      </div>
                    ) : null
                  }
                />
              </List.Item>
            )}
          />
          {preview.explanation ? (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, wordBreak: 'break-word', display: 'block' }}
            >
              {preview.explanation}
            </Typography.Text>
          ) : null}
        </Space>
      )}
    </Card>
  );
}
