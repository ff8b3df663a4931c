import { App, Button, Card, Form, Input, List, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, listOf } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView, ErrorAlert } from '../common/AsyncView';
import { showProblemOnForm } from '../common/forms';
import { formatTime } from '../common/format';
import { unitName, UNITS } from '../labels';
import { decisionUnits, totalOf } from './decision';

interface Hop {
  hop?: number;
  toUnit?: string | null;
  unit?: string;
  action?: string;
  reason?: string;
  legalBasis?: string;
  at?: string;
}

interface Dispute {
  caseId: string;
  caseNumber?: string;
  description?: string;
  address?: { text?: string } | string;
  township?: string | null;
  reason?: string;
  since?: string;
  hop?: number;
  excludedUnits?: string[];
  trail?: Hop[];
}

const ACTION_LABELS: Record<string, string> = {
  issued: '派单',
  returned: '退单',
  return: '退单',
  transferred: '转办',
  transfer: '转办',
};

function lastReturn(d: Dispute): Hop | undefined {
  return [...(d.trail ?? [])].reverse().find((h) => h.legalBasis || /return/.test(h.action ?? ''));
}

const unitOptions = Object.entries(UNITS).map(([value, label]) => ({ value, label }));

/** 审定: the district rules on a case units keep returning. */
export function Arbitration() {
  const { message } = App.useApp();
  const disputes = useApi<unknown>('routing', '/arbitration');
  const items = listOf<Dispute>(disputes.data);
  const total = totalOf(disputes.data, items.length);
  const [deciding, setDeciding] = useState<Dispute>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm();
  async function decide(values: { lead: string; assist?: string[]; note: string }) {
    if (!deciding) return;
    setBusy(true);
    setError(undefined);
    try {
      await api('routing', `/arbitration/${encodeURIComponent(deciding.caseId)}/decision`, {
        body: {
          units: decisionUnits(values.lead, values.assist),
          note: values.note,
        },
      });
      message.success('审定完成');
      setDeciding(undefined);
      disputes.reload();
    } catch (err) {
      setError(err);
      showProblemOnForm(form, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={<Space>退单审定 <Tag>{total}</Tag>{total > items.length ? <span>（本页 {items.length} 件）</span> : null}</Space>} extra={<Button size="small" onClick={disputes.reload}>刷新</Button>}>
      <AsyncView loading={disputes.loading} error={disputes.error} empty={items.length === 0} emptyText="没有待审定的退单" onRetry={disputes.reload}>
        <List
          data-testid="arbitration-list"
          dataSource={items}
          renderItem={(d) => (
            <List.Item
              actions={[
                <Button key="d" size="small" type="primary" onClick={() => { setError(undefined); form.resetFields(); setDeciding(d); }}>
                  审定
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{d.caseNumber ?? d.caseId}</span>
                    {d.hop ? <Tag color="orange">流转 {d.hop} 次</Tag> : null}
                    <Typography.Text type="secondary">{formatTime(d.since)}</Typography.Text>
                  </Space>
                }
                description={
                  <div style={{ wordBreak: 'break-word' }}>
                    <div>{typeof d.address === 'string' ? d.address : d.address?.text}</div>
                    <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>
                      {d.description}
                    </Typography.Paragraph>
                    <div>最近退单理由：{lastReturn(d)?.reason ?? '—'}；依据：{lastReturn(d)?.legalBasis ?? '—'}</div>
                    {(d.trail ?? []).length > 0 ? (
                      <Timeline
                        style={{ marginTop: 8 }}
                        items={(d.trail ?? []).map((h, i) => ({
                          key: i,
                          children: `${formatTime(h.at)} ${unitName(h.unit)} ${ACTION_LABELS[h.action ?? ''] ?? h.action ?? ''}${h.toUnit ? ` → ${unitName(h.toUnit)}` : ''} ${h.reason ?? ''}${h.legalBasis ? `（依据：${h.legalBasis}）` : ''}`,
                        }))}
                      />
                    ) : null}
                  </div>
                }
              />
            </List.Item>
          )}
        />
      </AsyncView>
      <Modal
        open={deciding !== undefined}
        title={`审定 · ${deciding?.caseNumber ?? ''}`}
        onOk={() => form.submit()}
        onCancel={() => setDeciding(undefined)}
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
      >
        {error ? <ErrorAlert error={error} /> : null}
        <Form form={form} layout="vertical" onFinish={decide}>
          <Form.Item name="lead" label="审定承办（牵头）单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
          <Form.Item name="assist" label="协办单位">
            <Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
          <Form.Item name="note" label="审定意见" rules={[{ required: true, message: '请填写审定意见' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Typography.Text type="secondary">退单须写明法规或职责依据；流转次数超限的案件提交镇街联席会议。</Typography.Text>
    </Card>
  );
}
