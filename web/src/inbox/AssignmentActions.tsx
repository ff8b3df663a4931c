import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client';
import { ErrorAlert } from '../common/AsyncView';
import { showProblemOnForm } from '../common/forms';
import { UNITS } from '../labels';
import type { AssignmentDetail } from './types';

type Action = 'return' | 'transfer' | 'extension' | 'resolve';

const TITLES: Record<Action, string> = {
  return: '退单（非本单位职责）',
  transfer: '转办',
  extension: '申请延期',
  resolve: '处置反馈',
};

/** Which actions make sense in which state; the service has the last word. */
function available(state: string | undefined): Set<string> {
  switch (state) {
    case 'issued':
      return new Set(['acknowledge', 'return', 'transfer']);
    case 'acknowledged':
    case 'extended':
    case 'reopened':
      return new Set(['return', 'transfer', 'extension', 'resolve']);
    case 'extension-requested':
      return new Set(['resolve']);
    default:
      return new Set();
  }
}

/** 签收, 退单, 转办, 申请延期, 处置反馈: each with the form it needs. */
export function AssignmentActions({
  assignment,
  onDone,
}: {
  assignment: AssignmentDetail;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<Action>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm();
  const can = available(assignment.state);
  const path = `/assignments/${encodeURIComponent(assignment.assignmentId)}`;

  async function run(action: string, body?: unknown) {
    setBusy(true);
    setError(undefined);
    try {
      await api('gateway', `${path}/${action}`, { method: 'POST', body: body ?? {} });
      message.success('操作成功');
      setOpen(undefined);
      form.resetFields();
      onDone();
    } catch (err) {
      setError(err);
      showProblemOnForm(form, err);
    } finally {
      setBusy(false);
    }
  }

  function submit(values: Record<string, unknown>) {
    if (open === 'extension') {
      void run('extension', {
        requestedDueAt: (values.requestedDueAt as Dayjs).toISOString(),
        reason: values.reason,
      });
    } else if (open === 'resolve') {
      const links = String(values.evidence ?? '')
        .split(/\s+/)
        .filter(Boolean);
      void run('resolve', {
        result: values.result,
        evidence: links.map((url, i) => ({
          name: `现场证据${i + 1}`,
          contentType: 'text/uri-list',
          size: 0,
          url,
        })),
      });
    } else if (open) {
      void run(open, values);
    }
  }

  const units = Object.entries(UNITS)
    .filter(([code]) => code !== assignment.unit)
    .map(([value, label]) => ({ value, label }));

  return (
    <>
      {error && !open ? <ErrorAlert error={error} /> : null}
      <Space wrap style={{ marginTop: 8 }}>
        <Button
          type="primary"
          disabled={!can.has('acknowledge')}
          loading={busy && !open}
          onClick={() => void run('acknowledge')}
          data-testid="action-acknowledge"
        >
          签收
        </Button>
        {(['return', 'transfer', 'extension', 'resolve'] as Action[]).map((a) => (
          <Button
            key={a}
            disabled={!can.has(a)}
            onClick={() => {
              setError(undefined);
              setOpen(a);
            }}
            data-testid={`action-${a}`}
          >
            {TITLES[a].replace(/（.*）/, '')}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== undefined}
        title={open ? TITLES[open] : ''}
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(undefined)}
        destroyOnClose
      >
        {error ? <ErrorAlert error={error} /> : null}
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          {open === 'return' ? (
            <>
              <Form.Item name="reason" label="退单理由" rules={[{ required: true, message: '请填写退单理由' }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
              <Form.Item
                name="legalBasis"
                label="法规或职责依据"
                rules={[{ required: true, message: '退单须写明依据' }]}
              >
                <Input placeholder="例如：《意见》二（三）5" />
              </Form.Item>
            </>
          ) : null}
          {open === 'transfer' ? (
            <>
              <Form.Item name="toUnit" label="转至单位" rules={[{ required: true, message: '请选择承办单位' }]}>
                <Select showSearch optionFilterProp="label" options={units} />
              </Form.Item>
              <Form.Item name="reason" label="转办理由" rules={[{ required: true, message: '请填写转办理由' }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
            </>
          ) : null}
          {open === 'extension' ? (
            <>
              <Form.Item
                name="requestedDueAt"
                label="申请延至"
                rules={[{ required: true, message: '请选择新的期限' }]}
              >
                <DatePicker showTime style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="reason" label="延期理由" rules={[{ required: true, message: '请填写延期理由' }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
            </>
          ) : null}
          {open === 'resolve' ? (
            <>
              <Form.Item name="result" label="处置结果" rules={[{ required: true, message: '请填写处置结果' }]}>
                <Input.TextArea autoSize={{ minRows: 3 }} />
              </Form.Item>
              <Form.Item name="evidence" label="证据链接（每行一个，可不填）">
                <Input.TextArea autoSize={{ minRows: 2 }} placeholder="https://…" />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
