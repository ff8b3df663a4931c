import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Empty,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { download } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView, ErrorAlert } from '../common/AsyncView';
import { CaseTimeline } from '../common/CaseTimeline';
import { Chart } from '../common/Chart';
import { formatPercent, formatTime, ZONE } from '../common/format';
import { stateLabel, townshipName, unitName } from '../labels';

export interface Figure {
  label: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  formula: string;
  drilldown?: string;
}

interface Dashboard {
  scope: string;
  from: string;
  to: string;
  asOf?: string;
  figures: Record<string, Figure>;
}

type Row = Record<string, unknown> & {
  caseId?: string;
  caseNumber?: string;
  unit?: string;
  township?: string;
  receivedAt?: string;
  issuedAt?: string;
  resolvedAt?: string | null;
  resolveDueAt?: string | null;
  acknowledgedAt?: string | null;
  status?: string;
};

interface Drilldown {
  metric: string;
  label: string;
  part: string;
  grain: 'case' | 'assignment';
  count: number;
  truncated?: boolean;
  items: Row[];
}

/** The figures worth a card, in the order the monthly report prints them. */
const HEADLINE = [
  'received',
  'issued',
  'open',
  'overdueUnresolved',
  'acknowledgementRate',
  'onTimeAcknowledgementRate',
  'resolutionRate',
  'onTimeResolutionRate',
  'returnRate',
  'extensionRate',
  'reopenRate',
  'satisfactionRate',
  'firstDispatchAccuracy',
  'repeatComplaints',
];

function figureText(f: Figure): string {
  if (f.denominator === null) return String(f.value ?? 0);
  return formatPercent(f.value);
}

function DrilldownDrawer({
  metric,
  scope,
  window,
  onClose,
}: {
  metric?: string;
  scope: string;
  window: { from: string; to: string };
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [part, setPart] = useState<'numerator' | 'denominator'>('numerator');
  const [caseId, setCaseId] = useState<string>();
  const query = { metric, part, scope, from: window.from, to: window.to };
  const drill = useApi<Drilldown>('reporting', metric ? '/dashboard/drilldown' : null, query);
  const rows = drill.data?.items ?? [];
  const grain = drill.data?.grain ?? 'case';

  async function exportAs(format: 'csv' | 'xlsx') {
    try {
      await download('reporting', '/dashboard/drilldown', { ...query, format }, `${metric}.${format}`);
    } catch (err) {
      message.error((err as Error).message);
    }
  }

  return (
    <Drawer
      open={metric !== undefined}
      onClose={onClose}
      width={960}
      title={`${drill.data?.label ?? metric ?? ''} 明细`}
      extra={
        <Space>
          <Radio.Group
            size="small"
            optionType="button"
            value={part}
            onChange={(e) => setPart(e.target.value)}
            options={[
              { value: 'numerator', label: '分子' },
              { value: 'denominator', label: '分母' },
            ]}
          />
          <Button size="small" onClick={() => void exportAs('csv')}>
            导出 CSV
          </Button>
          <Button size="small" onClick={() => void exportAs('xlsx')}>
            导出 Excel
          </Button>
        </Space>
      }
    >
      <AsyncView loading={drill.loading} error={drill.error} empty={false} onRetry={drill.reload}>
        {drill.data?.truncated ? (
          <Typography.Text type="warning">仅显示前 {rows.length} 条</Typography.Text>
        ) : null}
        <Table<Row>
          data-testid="drilldown-table"
          size="small"
          rowKey={(r) => String(r.assignmentId ?? r.caseId)}
          dataSource={rows}
          loading={drill.loading}
          locale={{ emptyText: '没有对应的案件' }}
          scroll={{ x: 800 }}
          onRow={(r) => ({ onClick: () => setCaseId(r.caseId), style: { cursor: 'pointer' } })}
          columns={[
            { title: '案件编号', dataIndex: 'caseNumber', width: 170 },
            ...(grain === 'assignment'
              ? [
                  { title: '承办单位', dataIndex: 'unit', render: (v: string) => unitName(v) },
                  { title: '派单', dataIndex: 'issuedAt', render: (v: string) => formatTime(v) },
                  { title: '办结时限', dataIndex: 'resolveDueAt', render: (v: string) => formatTime(v) },
                  { title: '办结', dataIndex: 'resolvedAt', render: (v: string) => formatTime(v) },
                ]
              : [
                  { title: '受理', dataIndex: 'receivedAt', render: (v: string) => formatTime(v) },
                  { title: '状态', dataIndex: 'status', render: (v: string) => stateLabel(v) },
                  { title: '物业企业', dataIndex: 'propertyCompany', ellipsis: true },
                ]),
            { title: '镇街', dataIndex: 'township', render: (v: string) => townshipName(v) },
          ]}
        />
      </AsyncView>
      <Drawer open={caseId !== undefined} onClose={() => setCaseId(undefined)} title="案件时间线" width={560}>
        {caseId ? <CaseTimeline caseId={caseId} /> : null}
      </Drawer>
    </Drawer>
  );
}

function countBy(rows: Row[], key: (r: Row) => string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/**
 * 指标看板 for one scope: figures that drill down to their cases, the trend,
 * the units and the townships, and what is overdue now.
 */
export function DashboardView({ scope, title }: { scope: string; title: string }) {
  /** Whole days, both ends included, as the picker shows them. */
  const [days, setDays] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().tz(ZONE).subtract(29, 'day').startOf('day'),
    dayjs().tz(ZONE).startOf('day'),
  ]);
  const range: [Dayjs, Dayjs] = [days[0], days[1].add(1, 'day')];
  const window = { from: range[0].toISOString(), to: range[1].toISOString() };
  const dashboard = useApi<Dashboard>('reporting', '/dashboard', { scope, ...window });
  const received = useApi<Drilldown>('reporting', '/dashboard/drilldown', {
    metric: 'received', part: 'numerator', scope, ...window,
  });
  const issued = useApi<Drilldown>('reporting', '/dashboard/drilldown', {
    metric: 'issued', part: 'numerator', scope, ...window,
  });
  const overdue = useApi<Drilldown>('reporting', '/dashboard/drilldown', {
    metric: 'overdueUnresolved', part: 'numerator', scope, ...window,
  });
  const [drill, setDrill] = useState<string>();
  const figures = dashboard.data?.figures ?? {};
  const names = [
    ...HEADLINE.filter((n) => figures[n]),
    ...Object.keys(figures).filter((n) => !HEADLINE.includes(n) && !['overdue', 'closed', 'reopened', 'resolved', 'returned', 'acknowledgedOnTime'].includes(n)),
  ];

  const trend = useMemo(() => {
    const labels: string[] = [];
    for (let d = range[0]; d.isBefore(range[1]); d = d.add(1, 'day')) labels.push(d.format('MM-DD'));
    const byDay = countBy(received.data?.items ?? [], (r) =>
      r.receivedAt ? dayjs(r.receivedAt).tz(ZONE).format('MM-DD') : undefined,
    );
    const resolvedByDay = countBy(issued.data?.items ?? [], (r) =>
      r.resolvedAt ? dayjs(r.resolvedAt).tz(ZONE).format('MM-DD') : undefined,
    );
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { data: ['受理', '办结'] },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category' as const, data: labels },
      yAxis: { type: 'value' as const, minInterval: 1 },
      series: [
        { name: '受理', type: 'line' as const, smooth: true, data: labels.map((d) => byDay.get(d) ?? 0) },
        { name: '办结', type: 'line' as const, smooth: true, data: labels.map((d) => resolvedByDay.get(d) ?? 0) },
      ],
    };
  }, [received.data, issued.data, window.from, window.to]);

  const perUnit = useMemo(() => {
    const rows = issued.data?.items ?? [];
    const now = Date.now();
    const units = [...countBy(rows, (r) => r.unit).entries()].sort((a, b) => b[1] - a[1]).map(([u]) => u);
    const of = (pred: (r: Row) => boolean) =>
      units.map((u) => rows.filter((r) => r.unit === u && pred(r)).length);
    const late = (r: Row) =>
      Boolean(r.resolveDueAt) &&
      (r.resolvedAt ? Date.parse(r.resolvedAt) > Date.parse(r.resolveDueAt as string) : Date.parse(r.resolveDueAt as string) < now);
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { data: ['派单', '办结', '超期'] },
      grid: { left: 110, right: 16, top: 36, bottom: 24 },
      yAxis: { type: 'category' as const, data: units.map(unitName), inverse: true },
      xAxis: { type: 'value' as const, minInterval: 1 },
      series: [
        { name: '派单', type: 'bar' as const, data: of(() => true) },
        { name: '办结', type: 'bar' as const, data: of((r) => Boolean(r.resolvedAt)) },
        { name: '超期', type: 'bar' as const, data: of(late), itemStyle: { color: '#cf1322' } },
      ],
    };
  }, [issued.data]);

  const perTownship = useMemo(() => {
    const counts = [...countBy(received.data?.items ?? [], (r) => r.township ?? 'unknown').entries()].sort((a, b) => b[1] - a[1]);
    return {
      tooltip: { trigger: 'item' as const },
      series: [
        {
          type: 'pie' as const,
          radius: ['35%', '65%'],
          data: counts.map(([t, n]) => ({ name: t === 'unknown' ? '属地未定' : townshipName(t), value: n })),
        },
      ],
    };
  }, [received.data]);

  const chartsEmpty = (received.data?.items.length ?? 0) === 0 && (issued.data?.items.length ?? 0) === 0;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Space>
          <DatePicker.RangePicker
            value={days}
            allowClear={false}
            onChange={(v) => v && v[0] && v[1] && setDays([v[0].startOf('day'), v[1].startOf('day')])}
          />
          <Button
            onClick={() => {
              dashboard.reload();
              received.reload();
              issued.reload();
              overdue.reload();
            }}
            data-testid="dashboard-refresh"
          >
            刷新
          </Button>
        </Space>
      </Space>
      {dashboard.error ? <ErrorAlert error={dashboard.error} onRetry={dashboard.reload} /> : null}
      <Row gutter={[12, 12]} data-testid="figures">
        {names.map((name) => {
          const f = figures[name];
          return (
            <Col key={name} xs={12} md={8} xl={6} xxl={4}>
              <Card size="small" hoverable onClick={() => setDrill(name)} data-testid={`figure-${name}`}>
                <Tooltip title={f.formula}>
                  <Statistic
                    title={f.label}
                    value={figureText(f)}
                    valueStyle={name.startsWith('overdue') && (f.value ?? 0) > 0 ? { color: '#cf1322' } : undefined}
                  />
                </Tooltip>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {f.denominator === null ? '点击查看案件' : `${f.numerator} / ${f.denominator}`}
                </Typography.Text>
              </Card>
            </Col>
          );
        })}
        {dashboard.loading && names.length === 0 ? (
          <Col span={24}>
            <AsyncView loading empty>
              {null}
            </AsyncView>
          </Col>
        ) : null}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="受理与办结趋势">
            <AsyncView loading={received.loading} error={received.error} empty={false}>
              {chartsEmpty ? (
                <Empty description="本期暂无案件" />
              ) : (
                <Chart option={trend} testId="chart-trend" />
              )}
            </AsyncView>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="各镇街受理量">
            <AsyncView loading={received.loading} error={received.error} empty={false}>
              {(received.data?.items.length ?? 0) === 0 ? (
                <Empty description="本期暂无受理" />
              ) : (
                <Chart option={perTownship} testId="chart-township" />
              )}
            </AsyncView>
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title="各单位派单、办结与超期">
            <AsyncView loading={issued.loading} error={issued.error} empty={false}>
              {(issued.data?.items.length ?? 0) === 0 ? (
                <Empty description="本期暂无派单" />
              ) : (
                <Chart
                  option={perUnit}
                  height={Math.max(200, perUnit.yAxis.data.length * 48 + 80)}
                  testId="chart-units"
                />
              )}
            </AsyncView>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={<Space>超期未办结 <Tag color="red">{overdue.data?.count ?? 0}</Tag></Space>}>
        <AsyncView loading={overdue.loading} error={overdue.error} empty={false} onRetry={overdue.reload}>
          <Table<Row>
            data-testid="overdue-table"
            size="small"
            rowKey={(r) => String(r.assignmentId ?? r.caseId)}
            dataSource={overdue.data?.items ?? []}
            locale={{ emptyText: '没有超期未办结的案件' }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: '案件编号', dataIndex: 'caseNumber' },
              { title: '承办单位', dataIndex: 'unit', render: (v: string) => unitName(v) },
              { title: '镇街', dataIndex: 'township', render: (v: string) => townshipName(v) },
              { title: '办结时限', dataIndex: 'resolveDueAt', render: (v: string) => <Tag color="red">{formatTime(v)}</Tag> },
            ]}
          />
        </AsyncView>
      </Card>
      <DrilldownDrawer metric={drill} scope={scope} window={window} onClose={() => setDrill(undefined)} />
    </Space>
  );
}
