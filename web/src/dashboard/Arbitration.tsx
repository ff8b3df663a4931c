import { App, Button, Card, Form, Input, List, Modal, Radio, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, listOf } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView, ErrorAlert } from '../common/AsyncView';
import { showProblemOnForm } from '../common/forms';
import { formatTime } from '../common/format';
import { unitName, UNITS } from '../labels';

interface Hop {
  unit?: string;
  action?: string;
  reason?: string;
  legalBasis?: string;
  at?: string;
}

interface Dispute {
  caseId: string;
  caseNumber?: string;
  unit?: string;
  reason?: string;
  legalBasis?: string;
  returnedAt?: string;
  sentAt?: string;
  hops?: number;
  trail?: Hop[];
}

/** 审定: the district rules on a disputed return. */
export function Arbitration() {
  const { message } = App.useApp();
  const disputes = useApi<unknown>('routing', '/arbitration');
  const items = listOf<Dispute>(disputes.data);
  const [deciding, setDeciding] = useState<Dispute>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm();
  const outcome = Form.useWatch('outcome', form);

  async function decide(values: { outcome: string; unit?: string; reason: string }) {
    if (!deciding) return;
    setBusy(true);
    setError(undefined);
    try {
      await api('routing', `/arbitration/${encodeURIComponent(deciding.caseId)}/decision`, {
        body: {
          outcome: values.outcome,
          unit: values.outcome === 'reassign' ? values.unit : deciding.unit,
          reason: values.reason,
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
    <Card size="small" title={<Space>退单审定 <Tag>{items.length}</Tag></Space>} extra={<Button size="small" onClick={disputes.reload}>刷新</Button>}>
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
                    <Tag>{unitName(d.unit)}</Tag>
                    {d.hops ? <Tag color="orange">流转 {d.hops} 次</Tag> : null}
                  </Space>
                }
                description={
                  <div style={{ wordBreak: 'break-word' }}>
                    <div>理由：{d.reason ?? '—'}</div>
                    <div>依据：{d.legalBasis ?? '—'}</div>
                    {(d.trail ?? []).length > 0 ? (
                      <Timeline
                        style={{ marginTop: 8 }}
                        items={(d.trail ?? []).map((h, i) => ({
                          key: i,
                          children: `${formatTime(h.at)} ${unitName(h.unit)} ${h.action ?? ''} ${h.reason ?? ''}`,
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
        <Form form={form} layout="vertical" onFinish={decide} initialValues={{ outcome: 'uphold' }}>
          <Form.Item name="outcome" label="审定结果">
            <Radio.Group>
              <Radio value="uphold">退单成立</Radio>
              <Radio value="reject">退单不成立，原单位继续办理</Radio>
              <Radio value="reassign">改派其他单位</Radio>
            </Radio.Group>
          </Form.Item>
          {outcome === 'reassign' ? (
            <Form.Item name="unit" label="改派至" rules={[{ required: true, message: '请选择单位' }]}>
              <Select showSearch optionFilterProp="label" options={Object.entries(UNITS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label="审定意见" rules={[{ required: true, message: '请填写审定意见' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Typography.Text type="secondary">退单须写明法规或职责依据；流转次数超限的案件提交镇街联席会议。</Typography.Text>
    </Card>
  );
}
