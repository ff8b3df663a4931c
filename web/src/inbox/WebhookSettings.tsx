import { App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, listOf } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView, ErrorAlert } from '../common/AsyncView';
import { showProblemOnForm } from '../common/forms';
import { formatTime } from '../common/format';
import { unitName } from '../labels';

interface Webhook {
  id: string;
  url: string;
  unit?: string;
  createdAt?: string;
  active?: boolean;
  secret?: string;
}

interface Attempt {
  id?: string;
  attemptedAt?: string;
  at?: string;
  statusCode?: number | null;
  attempt?: number;
  ok?: boolean;
  error?: string;
  eventType?: string;
}

function Attempts({ id }: { id: string }) {
  const attempts = useApi<unknown>('gateway', `/webhooks/${encodeURIComponent(id)}/attempts`);
  const rows = listOf<Attempt>(attempts.data);
  return (
    <AsyncView loading={attempts.loading} error={attempts.error} empty={rows.length === 0} emptyText="暂无推送记录">
      <Table<Attempt>
        size="small"
        rowKey={(r) => r.id ?? `${r.attemptedAt ?? r.at}-${r.eventType}`}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '时间', render: (_, r) => formatTime(r.attemptedAt ?? r.at) },
          { title: '事件', dataIndex: 'eventType' },
          {
            title: '结果',
            render: (_, r) => (
              <Tag color={r.ok ? 'green' : 'red'}>
                {r.ok ? '成功' : '失败'}
                {r.statusCode ? ` ${r.statusCode}` : ''}
              </Tag>
            ),
          },
          { title: '错误', dataIndex: 'error', ellipsis: true },
        ]}
      />
    </AsyncView>
  );
}

/** 系统对接: where the unit's own system receives its assignment events. */
export function WebhookSettings({ unit }: { unit?: string }) {
  const { message } = App.useApp();
  const hooks = useApi<unknown>('gateway', '/webhooks');
  const rows = listOf<Webhook>(hooks.data);
  const [form] = Form.useForm<{ url: string }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function add(values: { url: string }) {
    setBusy(true);
    setError(undefined);
    try {
      const created = await api<Webhook>('gateway', '/webhooks', { body: { url: values.url } });
      form.resetFields();
      message.success(created?.secret ? `已添加，签名密钥：${created.secret}（仅显示一次）` : '已添加');
      hooks.reload();
    } catch (err) {
      setError(err);
      showProblemOnForm(form, err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string) {
    try {
      await api('gateway', `/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' });
      hooks.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Card size="small" title={`${unitName(unit)} · 推送地址（Webhook）`}>
      <Typography.Paragraph type="secondary">
        本单位案件的下发、催办等事件将推送到以下地址，便于单位自有系统接收。
      </Typography.Paragraph>
      {error ? <ErrorAlert error={error} /> : null}
      <Form form={form} layout="inline" onFinish={add} style={{ marginBlock: 12 }}>
        <Form.Item
          name="url"
          rules={[{ required: true, type: 'url', message: '请输入有效的 http(s) 地址' }]}
          style={{ flex: 1 }}
        >
          <Input placeholder="https://unit.example/hooks/lianzhi" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          添加
        </Button>
      </Form>
      <AsyncView loading={hooks.loading} error={hooks.error} empty={rows.length === 0} emptyText="尚未配置推送地址" onRetry={hooks.reload}>
        <Table<Webhook>
          size="small"
          rowKey="id"
          dataSource={rows}
          pagination={false}
          expandable={{ expandedRowRender: (r) => <Attempts id={r.id} /> }}
          columns={[
            { title: '地址', dataIndex: 'url', ellipsis: true },
            { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
            {
              title: '',
              width: 80,
              render: (_, r) => (
                <Space>
                  <Popconfirm title="删除此推送地址？" okText="删除" cancelText="取消" onConfirm={() => void remove(r.id)}>
                    <Button size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </AsyncView>
    </Card>
  );
}
