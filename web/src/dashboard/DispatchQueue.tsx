import { App, Button, Card, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, listOf } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView, ErrorAlert } from '../common/AsyncView';
import { showProblemOnForm } from '../common/forms';
import { formatTime } from '../common/format';
import { ASSIGNMENT_ROLE_LABELS, MANUAL_REASON_LABELS, townshipName, TOWNSHIPS, unitName, UNITS } from '../labels';
import type { PreviewAssignment } from '../console/types';
import { decisionUnits, totalOf } from './decision';

interface QueuedCase {
  caseId: string;
  caseNumber?: string;
  reason?: string;
  description?: string;
  address?: string | { text?: string };
  township?: string | null;
  townshipCandidates?: string[];
  urgency?: string;
  excludedUnits?: string[];
  /** What routing proposed: units, or matter types when the matter was unsure. */
  suggestions?: (Partial<PreviewAssignment> & { matterType?: string; label?: string })[] | null;
  waitingSince?: string;
}

function proposalOf(c: QueuedCase): PreviewAssignment[] {
  return (c.suggestions ?? []).filter((s): s is PreviewAssignment => Boolean(s?.unit && s?.role));
}

function textOf(address: QueuedCase['address']): string {
  if (!address) return '';
  return typeof address === 'string' ? address : (address.text ?? '');
}

const unitOptions = Object.entries(UNITS).map(([value, label]) => ({ value, label }));

/** 人工派单: the dispatcher decides the cases the matrix could not. */
export function DispatchQueue() {
  const { message } = App.useApp();
  const queue = useApi<unknown>('routing', '/dispatch/queue');
  const items = listOf<QueuedCase>(queue.data);
  const total = totalOf(queue.data, items.length);
  const [deciding, setDeciding] = useState<QueuedCase>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm();

  function open(c: QueuedCase) {
    const proposal = proposalOf(c);
    setError(undefined);
    setDeciding(c);
    form.setFieldsValue({
      township: c.township ?? undefined,
      lead: proposal.find((a) => a.role === 'lead')?.unit,
      assist: proposal.filter((a) => a.role !== 'lead').map((a) => a.unit),
      note: '',
    });
  }

  async function decide(values: { township?: string; lead: string; assist?: string[]; note?: string }) {
    if (!deciding) return;
    setBusy(true);
    setError(undefined);
    try {
      await api('routing', `/dispatch/queue/${encodeURIComponent(deciding.caseId)}/decision`, {
        body: {
          township: values.township,
          units: decisionUnits(values.lead, values.assist),
          note: values.note,
        },
      });
      message.success('已派单');
      setDeciding(undefined);
      queue.reload();
    } catch (err) {
      setError(err);
      showProblemOnForm(form, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={<Space>人工派单队列 <Tag>{total}</Tag>{total > items.length ? <span>（本页 {items.length} 件）</span> : null}</Space>} extra={<Button size="small" onClick={queue.reload}>刷新</Button>}>
      <AsyncView loading={queue.loading} error={queue.error} empty={items.length === 0} emptyText="队列为空" onRetry={queue.reload}>
        <List
          data-testid="dispatch-queue"
          dataSource={items}
          renderItem={(c) => (
            <List.Item actions={[<Button key="d" type="primary" size="small" onClick={() => open(c)}>派单</Button>]}>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{c.caseNumber ?? c.caseId}</span>
                    <Tag color="orange">{MANUAL_REASON_LABELS[c.reason ?? ''] ?? c.reason ?? '待派单'}</Tag>
                    <Typography.Text type="secondary">{formatTime(c.waitingSince)}</Typography.Text>
                  </Space>
                }
                description={
                  <div style={{ wordBreak: 'break-word' }}>
                    <div>{textOf(c.address)} · {townshipName(c.township)}</div>
                    <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>
                      {c.description}
                    </Typography.Paragraph>
                    {(c.excludedUnits ?? []).length > 0 ? (
                      <div>已退单：{(c.excludedUnits ?? []).map(unitName).join('、')}</div>
                    ) : null}
                    {proposalOf(c).length > 0 ? (
                      <Space wrap>
                        建议：
                        {proposalOf(c).map((a) => (
                          <Tag key={a.unit}>{ASSIGNMENT_ROLE_LABELS[a.role] ?? a.role} {a.unitName ?? unitName(a.unit)}</Tag>
                        ))}
                      </Space>
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
        title={`人工派单 · ${deciding?.caseNumber ?? ''}`}
        onOk={() => form.submit()}
        onCancel={() => setDeciding(undefined)}
        okText="派单"
        cancelText="取消"
        confirmLoading={busy}
      >
        {error ? <ErrorAlert error={error} /> : null}
        <Form form={form} layout="vertical" onFinish={decide}>
          <Form.Item name="township" label="属地镇街" rules={[{ required: true, message: '请选择属地镇街' }]}>
            <Select
              options={(deciding?.townshipCandidates?.length ? deciding.townshipCandidates : Object.keys(TOWNSHIPS)).map((t) => ({
                value: t,
                label: townshipName(t),
              }))}
            />
          </Form.Item>
          <Form.Item name="lead" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
            <Select showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
          <Form.Item name="assist" label="协办单位">
            <Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
          <Form.Item name="note" label="派单说明" rules={[{ required: true, message: '请填写派单说明' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
