import { App, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, listOf } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView } from '../common/AsyncView';
import { formatTime } from '../common/format';
import { unitName } from '../labels';

interface ExtensionRequest {
  extensionId: string;
  assignmentId: string;
  caseNumber?: string;
  unit: string;
  reason?: string;
  previousDueAt?: string | null;
  requestedDueAt?: string | null;
  requestedAt?: string | null;
}

/** 延期审批: the district grants or denies more time. */
export function Extensions() {
  const { message, modal } = App.useApp();
  const pending = useApi<unknown>('gateway', '/extensions', { state: 'pending' });
  const rows = listOf<ExtensionRequest>(pending.data);
  const [busy, setBusy] = useState<string>();

  function decide(row: ExtensionRequest, verdict: 'grant' | 'deny') {
    let reason = '';
    modal.confirm({
      title: verdict === 'grant' ? '批准延期' : '驳回延期',
      content: <Input.TextArea autoSize={{ minRows: 2 }} placeholder="审批意见" onChange={(e) => (reason = e.target.value)} />,
      okText: '提交',
      cancelText: '取消',
      onOk: async () => {
        setBusy(row.assignmentId);
        try {
          await api('gateway', `/extensions/${encodeURIComponent(row.assignmentId)}/${verdict}`, {
            body: { reason: reason || (verdict === 'grant' ? '同意延期' : '不同意延期') },
          });
          message.success('已处理');
          pending.reload();
        } catch (err) {
          Modal.error({ title: '操作失败', content: (err as Error).message });
        } finally {
          setBusy(undefined);
        }
      },
    });
  }

  return (
    <Card size="small" title={<Space>延期审批 <Tag>{rows.length}</Tag></Space>}>
      <AsyncView loading={pending.loading} error={pending.error} empty={false} onRetry={pending.reload}>
        <Table<ExtensionRequest>
          size="small"
          rowKey="extensionId"
          dataSource={rows}
          locale={{ emptyText: '没有待审批的延期申请' }}
          scroll={{ x: 800 }}
          columns={[
            { title: '案件编号', dataIndex: 'caseNumber' },
            { title: '单位', dataIndex: 'unit', render: (v: string) => unitName(v) },
            { title: '原期限', dataIndex: 'previousDueAt', render: (v: string) => formatTime(v) },
            { title: '申请延至', dataIndex: 'requestedDueAt', render: (v: string) => formatTime(v) },
            { title: '理由', dataIndex: 'reason', ellipsis: true },
            {
              title: '',
              width: 140,
              render: (_, row) => (
                <Space>
                  <Button size="small" type="primary" loading={busy === row.assignmentId} onClick={() => decide(row, 'grant')}>
                    批准
                  </Button>
                  <Button size="small" danger onClick={() => decide(row, 'deny')}>
                    驳回
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </AsyncView>
    </Card>
  );
}
