import { App, Button, Card, DatePicker, Descriptions, Space, Table, Typography } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useState } from 'react';
import { download } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView } from '../common/AsyncView';
import { formatPercent } from '../common/format';
import { townshipName, unitName } from '../labels';

type Cell = string | number | null | { value?: number | null; label?: string };

interface Report {
  month?: string;
  figures?: Record<string, { label?: string; value?: number | null; numerator?: number; denominator?: number | null }>;
  units?: Record<string, Cell>[];
  townships?: Record<string, Cell>[];
  propertyCompanies?: Record<string, Cell>[];
  [key: string]: unknown;
}

function render(value: Cell, key: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return value.value === null || value.value === undefined ? '—' : render(value.value, key);
  if (typeof value === 'number' && /rate|Rate|accuracy|Accuracy/.test(key)) return value <= 1 ? formatPercent(value) : String(value);
  if (key === 'unit') return unitName(String(value));
  if (key === 'township') return townshipName(String(value));
  return String(value);
}

function tableOf(rows: Record<string, Cell>[] | undefined, title: string) {
  if (!rows || rows.length === 0) return null;
  const keys = Object.keys(rows[0]);
  return (
    <Card size="small" title={title} style={{ marginTop: 12 }}>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 800 }}
        columns={keys.map((k) => ({ title: k, dataIndex: k, render: (v: Cell) => render(v, k) }))}
      />
    </Card>
  );
}

/** 月度报告 with its exports for Excel and WPS. */
export function MonthlyReport() {
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(0, 'month'));
  const m = month.format('YYYY-MM');
  const report = useApi<Report>('reporting', '/reports/monthly', { month: m });
  const figures = report.data?.figures ?? {};

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
        <Button onClick={() => void exportAs('xlsx')} data-testid="export-xlsx">导出 Excel</Button>
        <Button onClick={() => void exportAs('csv')}>导出 CSV</Button>
      </Space>
      <AsyncView loading={report.loading} error={report.error} empty={!report.data} onRetry={report.reload}>
        <Card size="small" title={`${month.format('YYYY年M月')} 执法联动月度报告`}>
          {Object.keys(figures).length === 0 ? (
            <Typography.Text type="secondary">本月暂无数据</Typography.Text>
          ) : (
            <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
              {Object.entries(figures).map(([k, f]) => (
                <Descriptions.Item key={k} label={f.label ?? k}>
                  {f.denominator === null || f.denominator === undefined ? String(f.value ?? 0) : `${formatPercent(f.value)}（${f.numerator}/${f.denominator}）`}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Card>
        {tableOf(report.data?.units, '各单位')}
        {tableOf(report.data?.townships, '各镇街')}
        {tableOf(report.data?.propertyCompanies, '物业服务企业投诉率与办结率')}
      </AsyncView>
    </Space>
  );
}
