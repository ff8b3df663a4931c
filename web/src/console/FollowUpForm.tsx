import { Alert, App, Button, Card, Form, Input, Rate, Space } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { ErrorAlert } from '../common/AsyncView';
import { showProblemOnForm } from '../common/forms';
import { stateLabel } from '../labels';
import { caseIdOf, Progress } from './progress';
import { ProgressLookup } from './ProgressLookup';

const SATISFACTION = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];

/** 回访: the caller is asked how it went; below 3 the case is reopened. */
export function FollowUpForm() {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ satisfaction: number; note?: string }>();
  const [target, setTarget] = useState<Progress>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  /** The operator may read the case by its number, which gives its id. */
  async function choose(p: Progress) {
    let caseId = p.caseId ?? caseIdOf(p.caseNumber);
    if (!caseId) {
      const found = await api<{ caseId: string }>(
        'intake',
        `/complaints/${encodeURIComponent(p.caseNumber)}`,
      ).catch(() => undefined);
      caseId = found?.caseId;
    }
    setTarget({ ...p, caseId });
  }

  async function submit(values: { satisfaction: number; note?: string }) {
    if (!target?.caseId) return;
    setBusy(true);
    setError(undefined);
    try {
      await api('gateway', `/cases/${encodeURIComponent(target.caseId)}/follow-up`, {
        body: { satisfaction: values.satisfaction, note: values.note ?? '' },
      });
      message.success(`案件 ${target.caseNumber} 回访已记录`);
      form.resetFields();
      setTarget(undefined);
    } catch (err) {
      setError(err);
      showProblemOnForm(form, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ProgressLookup onFound={(p) => void choose(p)} />
      {target ? (
        <Card size="small" title={`回访 · ${target.caseNumber}（${stateLabel(target.status)}）`}>
          {!target.caseId ? (
            <Alert
              type="warning"
              showIcon
              message="本机没有该案件的受理记录，无法确定案件标识，请由受理话务员或区派遣中心登记回访。"
            />
          ) : null}
          {error ? <ErrorAlert error={error} /> : null}
          <Form form={form} layout="vertical" onFinish={submit} data-testid="follow-up-form">
            <Form.Item
              label="满意度"
              name="satisfaction"
              rules={[{ required: true, message: '请选择满意度' }]}
            >
              <Rate tooltips={SATISFACTION} />
            </Form.Item>
            <Form.Item label="回访记录" name="note">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!target.caseId}>
              提交回访
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}
