import { Scope } from '../access/scope';

/**
 * Every figure of the dashboard, defined once as SQL predicates over the
 * projection rows. The dashboard counts rows matching them and the
 * drill-down lists the same rows, so a number and its cases always agree.
 * The definitions follow the indicators of libs/domain (`kept` = neither
 * returned nor transferred).
 */
export type Grain = 'assignment' | 'case';

export interface MetricDefinition {
  readonly grain: Grain;
  readonly label: string;
  readonly formula: string;
  /** Rows counted; `$now` is the clock's time. */
  readonly numerator: string;
  /** For rates: the rows it is a share of. */
  readonly denominator?: string;
}

const KEPT = 'not a.returned and not a.transferred';
const OPEN = `${KEPT} and a.resolved_at is null and not a.closed`;

export const METRICS = {
  issued: {
    grain: 'assignment',
    label: '派单数',
    formula: '派单数 = 期内派发的单位派单数',
    numerator: 'true',
  },
  open: {
    grain: 'assignment',
    label: '在办',
    formula: '在办数 = 未办结、未退单/转办、案件未结案的派单数',
    numerator: OPEN,
  },
  overdue: {
    grain: 'assignment',
    label: '超期',
    formula: '超期数 = 在办派单中超过签收时限未签收或超过办结时限未办结的数',
    numerator: `${OPEN} and ((a.acknowledged_at is null and a.acknowledge_due_at < $now) or a.resolve_due_at < $now)`,
  },
  acknowledgedOnTime: {
    grain: 'assignment',
    label: '按时签收',
    formula: '按时签收数 = 在签收时限内签收的派单数',
    numerator: `${KEPT} and a.acknowledged_at <= a.acknowledge_due_at`,
  },
  resolved: {
    grain: 'assignment',
    label: '办结',
    formula: '办结数 = 已处置反馈的派单数',
    numerator: `${KEPT} and a.resolved_at is not null`,
  },
  returned: {
    grain: 'assignment',
    label: '退单',
    formula: '退单数 = 被单位退回的派单数',
    numerator: 'a.returned',
  },
  received: {
    grain: 'case',
    label: '受理',
    formula: '受理数 = 期内受理的案件数',
    numerator: 'true',
  },
  closed: {
    grain: 'case',
    label: '结案',
    formula: '结案数 = 已结案归档的案件数',
    numerator: 'c.closed_at is not null',
  },
  reopened: {
    grain: 'case',
    label: '重办',
    formula: '重办数 = 回访不满意后重办过的案件数',
    numerator: 'c.reopen_count > 0',
  },
  acknowledgementRate: {
    grain: 'assignment',
    label: '签收率',
    formula: '签收率 = 已签收派单数 ÷ 派单数',
    numerator: `${KEPT} and a.acknowledged_at is not null`,
    denominator: KEPT,
  },
  onTimeAcknowledgementRate: {
    grain: 'assignment',
    label: '按时签收率',
    formula: '按时签收率 = 按时签收数 ÷ 应签收数',
    numerator: `${KEPT} and a.acknowledged_at <= a.acknowledge_due_at`,
    denominator: `${KEPT} and (a.acknowledged_at is not null or a.acknowledge_due_at <= $now)`,
  },
  resolutionRate: {
    grain: 'assignment',
    label: '办结率',
    formula: '办结率 = 办结数 ÷ 派单数',
    numerator: `${KEPT} and a.resolved_at is not null`,
    denominator: KEPT,
  },
  onTimeResolutionRate: {
    grain: 'assignment',
    label: '按期办结率',
    formula: '按期办结率 = 按期办结数 ÷ 应办结数',
    numerator: `${KEPT} and a.resolved_at <= a.resolve_due_at`,
    denominator: `${KEPT} and (a.resolved_at is not null or a.resolve_due_at <= $now)`,
  },
  overdueUnresolved: {
    grain: 'assignment',
    label: '超期未办结数',
    formula: '超期未办结数 = 超过办理时限仍未办结的派单数',
    numerator: `${KEPT} and a.resolved_at is null and a.resolve_due_at < $now`,
  },
  returnRate: {
    grain: 'assignment',
    label: '退单率',
    formula: '退单率 = 退单数 ÷ 派单数',
    numerator: 'a.returned',
    denominator: 'true',
  },
  extensionRate: {
    grain: 'assignment',
    label: '延期率',
    formula: '延期率 = 批准延期派单数 ÷ 派单数',
    numerator: `${KEPT} and a.extended`,
    denominator: KEPT,
  },
  reopenRate: {
    grain: 'case',
    label: '重办率',
    formula: '重办率 = 重办案件数 ÷ 办结案件数',
    numerator: 'c.resolved and c.reopen_count > 0',
    denominator: 'c.resolved',
  },
  satisfactionRate: {
    grain: 'case',
    label: '满意率',
    formula: '满意率 = 满意数 ÷ 回访数',
    numerator: 'c.satisfied',
    denominator: 'c.satisfied is not null',
  },
  firstDispatchAccuracy: {
    grain: 'case',
    label: '首派准确率',
    formula: '首派准确率 = 无退单且无增派的首次派单数 ÷ 首次派单数',
    numerator: 'c.first_dispatch_accurate',
    denominator: 'c.first_dispatch_accurate is not null',
  },
  repeatComplaints: {
    grain: 'case',
    label: '重复投诉',
    formula: '重复投诉数 = 同一事项投诉3次及以上的案件数',
    numerator: 'c.repeat_count + 1 >= 3',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;

/**
 * The clock-dependent parts, each as a part that can be counted once per
 * day (`stored`) plus a part that holds only unfinished rows — not resolved
 * or not acknowledged — which the daily figures leave to a live count.
 * Keys are a metric name (its numerator) or `<name>__of` (its denominator).
 */
export const CLOCK_SPLITS: Readonly<
  Record<string, { stored: string | null; unfinished: string }>
> = {
  overdue: { stored: null, unfinished: METRICS.overdue.numerator },
  onTimeAcknowledgementRate__of: {
    stored: `${KEPT} and a.acknowledged_at is not null`,
    unfinished: `${KEPT} and a.acknowledged_at is null and a.acknowledge_due_at <= $now`,
  },
  onTimeResolutionRate__of: {
    stored: `${KEPT} and a.resolved_at is not null`,
    unfinished: `${KEPT} and a.resolved_at is null and a.resolve_due_at <= $now`,
  },
  overdueUnresolved: {
    stored: null,
    unfinished: METRICS.overdueUnresolved.numerator,
  },
};

/** The rows a clock-dependent part can still change: not yet finished. */
export const UNFINISHED =
  '(a.resolved_at is null or a.acknowledged_at is null)';

export interface MetricPart {
  /** `<name>` for a numerator, `<name>__of` for a denominator. */
  readonly key: string;
  readonly predicate: string;
}

/** Every counted part of the metrics of one grain. */
export function partsOf(grain: Grain): MetricPart[] {
  return METRIC_NAMES.filter((name) => METRICS[name].grain === grain).flatMap(
    (name) => {
      const metric: MetricDefinition = METRICS[name];
      const parts = [{ key: name as string, predicate: metric.numerator }];
      if (metric.denominator) {
        parts.push({ key: `${name}__of`, predicate: metric.denominator });
      }
      return parts;
    },
  );
}

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export interface Window {
  readonly from: Date;
  readonly to: Date;
}

export interface SqlQuery {
  readonly sql: string;
  readonly params: unknown[];
}

/** The rows of one grain inside a scope and window, as `a` or `c`. */
export function rowsOf(
  schema: string,
  grain: Grain,
  scope: Scope,
  window: Window,
  params: unknown[],
  suffix = '',
): { table: string; where: string } {
  const at = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const assignments = `"${schema}"."assignments${suffix}"`;
  const cases = `"${schema}"."cases${suffix}"`;

  if (grain === 'assignment') {
    const where = [
      `a.issued_at >= ${at(window.from)}`,
      `a.issued_at < ${at(window.to)}`,
    ];
    if (scope.kind === 'unit') where.push(`a.unit = ${at(scope.code)}`);
    if (scope.kind === 'township') where.push(`a.township = ${at(scope.code)}`);
    return { table: `${assignments} a`, where: where.join(' and ') };
  }

  const where = [
    `c.received_at >= ${at(window.from)}`,
    `c.received_at < ${at(window.to)}`,
  ];
  if (scope.kind === 'township') where.push(`c.township = ${at(scope.code)}`);
  if (scope.kind === 'unit') {
    where.push(`c.units @> array[${at(scope.code)}]::text[]`);
  }
  return { table: `${cases} c`, where: where.join(' and ') };
}

/**
 * Puts the clock's time into predicates that use it, adding the parameter
 * only then: PostgreSQL cannot type a parameter no statement mentions.
 */
function nowBinder(
  params: unknown[],
  now: Date,
): (predicate: string) => string {
  let placeholder: string | null = null;
  return (predicate) => {
    if (!predicate.includes('$now')) return predicate;
    if (placeholder === null) {
      params.push(now);
      placeholder = `$${params.length}::timestamptz`;
    }
    return predicate.replace(/\$now/g, placeholder);
  };
}

/** One query per grain counting every metric of that grain. */
export function dashboardQueries(
  schema: string,
  scope: Scope,
  window: Window,
  now: Date,
): Record<Grain, SqlQuery> {
  const build = (grain: Grain): SqlQuery => {
    const params: unknown[] = [];
    const rows = rowsOf(schema, grain, scope, window, params);
    const bindNow = nowBinder(params, now);
    const counts = METRIC_NAMES.filter(
      (name) => METRICS[name].grain === grain,
    ).flatMap((name) => {
      const metric: MetricDefinition = METRICS[name];
      const parts = [
        `count(*) filter (where ${bindNow(metric.numerator)})::int as "${name}"`,
      ];
      if (metric.denominator) {
        parts.push(
          `count(*) filter (where ${bindNow(metric.denominator)})::int as "${name}__of"`,
        );
      }
      return parts;
    });
    return {
      sql: `select ${counts.join(', ')} from ${rows.table} where ${rows.where}`,
      params,
    };
  };
  return { assignment: build('assignment'), case: build('case') };
}

export type DrilldownPart = 'numerator' | 'denominator';

export const DRILLDOWN_LIMIT = 10_000;

/** The rows behind one figure, in the order they happened. */
export function drilldownQuery(
  schema: string,
  metric: MetricName,
  part: DrilldownPart,
  scope: Scope,
  window: Window,
  now: Date,
): SqlQuery {
  const definition: MetricDefinition = METRICS[metric];
  const predicate =
    part === 'denominator'
      ? (definition.denominator ?? 'true')
      : definition.numerator;
  const params: unknown[] = [];
  const rows = rowsOf(schema, definition.grain, scope, window, params);
  const matching = `${rows.where} and ${nowBinder(params, now)(predicate)}`;
  params.push(DRILLDOWN_LIMIT + 1);
  const limit = `$${params.length}`;

  if (definition.grain === 'assignment') {
    return {
      sql: `select a.case_id, c.case_number, a.assignment_id, a.unit,
                   a.township, a.issued_at, a.acknowledge_due_at,
                   a.acknowledged_at, a.resolve_due_at, a.resolved_at,
                   a.returned, a.transferred
              from ${rows.table}
              left join "${schema}".cases c on c.case_id = a.case_id
             where ${matching}
             order by a.issued_at, a.assignment_id
             limit ${limit}`,
      params,
    };
  }
  return {
    sql: `select c.case_id, c.case_number, c.township, c.property_company,
                 c.received_at, c.status, c.closed_at, c.reopen_count,
                 c.repeat_count, c.satisfied
            from ${rows.table}
           where ${matching}
           order by c.received_at, c.case_id
           limit ${limit}`,
    params,
  };
}
