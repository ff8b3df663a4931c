import { App, Button, Card, DatePicker, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useState } from 'react';
import { download } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView } from '../common/AsyncView';
import { formatPercent, formatTime } from '../common/format';
import { townshipName, unitName } from '../labels';

interface Rate {
  value: number | null;
  numerator?: number;
  denominator?: number | null;
  formula?: string;
  basis?: 'count' | 'households';
}

interface Report {
  month: string;
  asOf?: string;
  dueBy?: string;
  notice?: string;
  scoringNotes?: string[];
  totals?: { complaints: number; resolutionRate: Rate; supervisionOrders: number; overdue: number };
  townships?: {
    township: string;
    name?: string;
    complaints: number;
    resolutionRate: Rate;
    onTimeResolutionRate: Rate;
    overdue: number;
    supervisionOrders: number;
  }[];
  propertyCompanies?: {
    company: string;
    households: number | null;
    complaints: number;
    complaintRate: Rate;
    resolutionRate: Rate;
    supervisionOrders: number;
    deductions?: { total: number };
    indicativeScore?: number;
    indicativeStars?: number;
  }[];
  units?: {
    unit: string;
    name?: string;
    supervisionOrders: number;
    pointsDeducted: number;
    resolutionRate: Rate;
  }[];
}

function rate(r: Rate | undefined): string {
  if (!r) return '—';
  if (r.basis === 'count') return `${r.value ?? 0} 件（未登记户数）`;
  const ratio = r.denominator ? `（${r.numerator}/${r.denominator}）` : '';
  return `${formatPercent(r.value)}${ratio}`;
}

/** 月度报告 with its exports for Excel and WPS. */
export function MonthlyReport() {
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const m = month.format('YYYY-MM');
  const report = useApi<Report>('reporting', '/reports/monthly', { month: m });
  const r = report.data;

  async function exportAs(format: 'csv' | 'xlsx') {
    try {
      await download('reporting', '/reports/monthly', { month: m, format }, `月度报告-${m}.${format}`);
    } catch (err) {
      message.error((err as Error).message);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} />
        <Button onClick={() => void exportAs('xlsx')} data-testid="export-xlsx">
          导出 Excel
        </Button>
        <Button onClick={() => void exportAs('csv')}>导出 CSV</Button>
      </Space>
      <AsyncView loading={report.loading} error={report.error} empty={!r} onRetry={report.reload}>
        {r ? (
          <>
            <Card size="small" title={`${month.format('YYYY年M月')} 执法联动月度报告`} data-testid="monthly-report">
              <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }}>
                <Descriptions.Item label="投诉件数">{r.totals?.complaints ?? 0}</Descriptions.Item>
                <Descriptions.Item label="办结率">{rate(r.totals?.resolutionRate)}</Descriptions.Item>
                <Descriptions.Item label="督办单">{r.totals?.supervisionOrders ?? 0}</Descriptions.Item>
                <Descriptions.Item label="超期">{r.totals?.overdue ?? 0}</Descriptions.Item>
                <Descriptions.Item label="统计截至">{formatTime(r.asOf)}</Descriptions.Item>
                <Descriptions.Item label="报送期限">{r.dueBy ?? '—'}</Descriptions.Item>
              </Descriptions>
              {r.notice ? (
                <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
                  {r.notice}
                </Typography.Paragraph>
              ) : null}
            </Card>
            <Card size="small" title="各镇街">
              <Table
                size="small"
                rowKey="township"
                dataSource={r.townships ?? []}
                pagination={false}
                locale={{ emptyText: '本月无投诉' }}
                scroll={{ x: 700 }}
                columns={[
                  { title: '镇街', render: (_, t) => t.name ?? townshipName(t.township) },
                  { title: '投诉件数', dataIndex: 'complaints' },
                  { title: '办结率', render: (_, t) => rate(t.resolutionRate) },
                  { title: '按期办结率', render: (_, t) => rate(t.onTimeResolutionRate) },
                  { title: '超期', dataIndex: 'overdue' },
                  { title: '督办单', dataIndex: 'supervisionOrders' },
                ]}
              />
            </Card>
            <Card size="small" title="物业服务企业投诉率与办结率">
              <Table
                size="small"
                rowKey="company"
                dataSource={r.propertyCompanies ?? []}
                pagination={false}
                locale={{ emptyText: '本月无涉及物业企业的投诉' }}
                scroll={{ x: 900 }}
                columns={[
                  { title: '企业', dataIndex: 'company', ellipsis: true },
                  { title: '服务户数', render: (_, c) => c.households ?? '未登记' },
                  { title: '投诉件数', dataIndex: 'complaints' },
                  { title: '投诉率', render: (_, c) => rate(c.complaintRate) },
                  { title: '办结率', render: (_, c) => rate(c.resolutionRate) },
                  { title: '督办单', dataIndex: 'supervisionOrders' },
                  { title: '扣分', render: (_, c) => c.deductions?.total ?? 0 },
                  {
                    title: '参考得分',
                    render: (_, c) => (
                      <Space>
                        {c.indicativeScore ?? '—'}
                        {c.indicativeStars ? <Tag color="gold">{'★'.repeat(c.indicativeStars)}</Tag> : null}
                      </Space>
                    ),
                  },
                ]}
              />
            </Card>
            <Card size="small" title="各单位督办与办结">
              <Table
                size="small"
                rowKey="unit"
                dataSource={r.units ?? []}
                pagination={false}
                locale={{ emptyText: '本月无督办单' }}
                columns={[
                  { title: '单位', render: (_, u) => u.name ?? unitName(u.unit) },
                  { title: '督办单', dataIndex: 'supervisionOrders' },
                  { title: '扣分', dataIndex: 'pointsDeducted' },
                  { title: '办结率', render: (_, u) => rate(u.resolutionRate) },
                ]}
              />
            </Card>
            {(r.scoringNotes ?? []).length > 0 ? (
              <List
                size="small"
                header="考核说明"
                dataSource={r.scoringNotes ?? []}
                renderItem={(n) => <List.Item style={{ wordBreak: 'break-word' }}>{n}</List.Item>}
              />
            ) : null}
          </>
        ) : null}
      </AsyncView>
    </Space>
  );
}
