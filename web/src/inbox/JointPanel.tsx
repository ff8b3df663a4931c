import { App, Button, Card, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, listOf, Principal } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView, ErrorAlert } from '../common/AsyncView';
import { formatTime } from '../common/format';
import { stateLabel, unitName, UNITS } from '../labels';
import type { JointCase, JointTask } from './types';

type Dialog =
  | { kind: 'task'; joint: JointCase }
  | { kind: 'report'; joint: JointCase; task: JointTask }
  | { kind: 'close'; joint: JointCase };

/**
 * 联合执法: the township hands out tasks and closes; each unit reports on
 * its own task.
 */
export function JointPanel({ principal }: { principal: Principal }) {
  const { message } = App.useApp();
  const joint = useApi<unknown>('gateway', '/joint');
  const cases = listOf<JointCase>(joint.data);
  const [dialog, setDialog] = useState<Dialog>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm();
  const coordinates = principal.role === 'township';

  async function submit(values: Record<string, string>) {
    if (!dialog) return;
    const base = `/joint/${encodeURIComponent(dialog.joint.caseId)}`;
    const path =
      dialog.kind === 'task'
        ? `${base}/tasks`
        : dialog.kind === 'report'
          ? `${base}/tasks/${encodeURIComponent(dialog.task.taskId)}/report`
          : `${base}/close`;
    setBusy(true);
    setError(undefined);
    try {
      await api('gateway', path, { body: values });
      message.success('已提交');
      setDialog(undefined);
      joint.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AsyncView
      loading={joint.loading}
      error={joint.error}
      empty={cases.length === 0}
      emptyText="暂无联合执法案件"
      onRetry={joint.reload}
    >
      <List
        data-testid="joint-list"
        dataSource={cases}
        renderItem={(c) => (
          <Card
            size="small"
            style={{ marginBottom: 12 }}
            title={
              <Space wrap>
                <span>{c.caseNumber ?? c.caseId}</span>
                <Tag color={c.status === 'closed' ? 'default' : 'purple'}>
                  {c.status === 'closed' ? '已结束' : '联合执法中'}
                </Tag>
                <Typography.Text type="secondary">协调：{unitName(c.coordinator)}</Typography.Text>
              </Space>
            }
            extra={
              coordinates && c.status !== 'closed' ? (
                <Space>
                  <Button size="small" onClick={() => setDialog({ kind: 'task', joint: c })}>
                    分派任务
                  </Button>
                  <Button size="small" danger onClick={() => setDialog({ kind: 'close', joint: c })}>
                    结束联合执法
                  </Button>
                </Space>
              ) : null
            }
          >
            <Space wrap style={{ marginBottom: 8 }}>
              参与单位：
              {(c.units ?? []).map((u) => (
                <Tag key={u}>{unitName(u)}</Tag>
              ))}
            </Space>
            <List
              size="small"
              dataSource={c.tasks ?? []}
              locale={{ emptyText: '尚未分派任务' }}
              renderItem={(t) => (
                <List.Item
                  actions={
                    principal.role === 'liaison' && t.unit === principal.unit && !t.result && c.status !== 'closed'
                      ? [
                          <Button key="report" size="small" onClick={() => setDialog({ kind: 'report', joint: c, task: t })}>
                            反馈
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <strong>{unitName(t.unit)}</strong>
                        <Tag>{t.result ? stateLabel('reported') : '待反馈'}</Tag>
                        <Typography.Text type="secondary">{formatTime(t.assignedAt)}</Typography.Text>
                      </Space>
                    }
                    description={
                      <div style={{ wordBreak: 'break-word' }}>
                        {t.task}
                        {t.result ? <div>反馈：{t.result}</div> : null}
                      </div>
                    }
                  />
                </List.Item>
              )}
            />
            {c.summary ? <Typography.Paragraph>总结：{c.summary}</Typography.Paragraph> : null}
          </Card>
        )}
      />
      <Modal
        open={dialog !== undefined}
        title={dialog?.kind === 'task' ? '分派联合执法任务' : dialog?.kind === 'report' ? '反馈任务结果' : '结束联合执法'}
        okText="提交"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setDialog(undefined)}
        confirmLoading={busy}
        destroyOnClose
      >
        {error ? <ErrorAlert error={error} /> : null}
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          {dialog?.kind === 'task' ? (
            <>
              <Form.Item name="unit" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
                <Select
                  options={(dialog.joint.units?.length ? dialog.joint.units : Object.keys(UNITS)).map((u) => ({
                    value: u,
                    label: unitName(u),
                  }))}
                />
              </Form.Item>
              <Form.Item name="task" label="任务" rules={[{ required: true, message: '请填写任务' }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
            </>
          ) : dialog?.kind === 'report' ? (
            <Form.Item name="result" label="结果" rules={[{ required: true, message: '请填写结果' }]}>
              <Input.TextArea autoSize={{ minRows: 3 }} />
            </Form.Item>
          ) : (
            <Form.Item name="summary" label="总结" rules={[{ required: true, message: '请填写总结' }]}>
              <Input.TextArea autoSize={{ minRows: 3 }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </AsyncView>
  );
}
