import { Card, Table, Tag } from 'antd';
import { listOf } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView } from '../common/AsyncView';
import { formatTime } from '../common/format';

interface MatrixVersion {
  version: string;
  effectiveFrom?: string;
  effectiveAt?: string;
  active?: boolean;
  status?: string;
  entries?: number;
  entryCount?: number;
  note?: string;
  createdBy?: string;
  createdAt?: string;
}

/** 职责清单 versions: which matrix routes today, and its history. */
export function MatrixVersions() {
  const versions = useApi<unknown>('routing', '/matrix/versions');
  const rows = listOf<MatrixVersion>(versions.data);
  return (
    <Card size="small" title="职责清单版本">
      <AsyncView loading={versions.loading} error={versions.error} empty={false} onRetry={versions.reload}>
        <Table<MatrixVersion>
          size="small"
          rowKey="version"
          dataSource={rows}
          locale={{ emptyText: '暂无版本' }}
          columns={[
            { title: '版本', dataIndex: 'version' },
            { title: '生效时间', render: (_, r) => formatTime(r.effectiveFrom ?? r.effectiveAt) },
            {
              title: '状态',
              render: (_, r) => (r.active || r.status === 'active' ? <Tag color="green">生效中</Tag> : <Tag>{r.status ?? '历史'}</Tag>),
            },
            { title: '条目数', render: (_, r) => r.entries ?? r.entryCount ?? '—' },
            { title: '说明', dataIndex: 'note', ellipsis: true },
            { title: '创建', render: (_, r) => `${r.createdBy ?? ''} ${formatTime(r.createdAt)}` },
          ]}
        />
      </AsyncView>
    </Card>
  );
}
