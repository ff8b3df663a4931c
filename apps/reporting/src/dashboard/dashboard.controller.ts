import { Controller, Get, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { DomainError, Principal } from '@lianzhi/domain';
import { Clock, CurrentUser, Roles } from '@lianzhi/platform';
import { authorizeScope, scopeLabel } from '../access/scope';
import { parseFormat, respond } from '../exports/tabular';
import { ProjectionStore } from '../projections/projection-store';
import { DashboardFigures } from './dashboard-figures';
import {
  DRILLDOWN_LIMIT,
  drilldownQuery,
  DrilldownPart,
  MetricDefinition,
  METRIC_NAMES,
  MetricName,
  METRICS,
} from './metrics';
import { parseWindow } from './window';

export interface Figure {
  label: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  formula: string;
  drilldown: string;
}

/** Cross-agency figures for a scope and a period, each with its cases. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectionStore,
    private readonly clock: Clock,
    private readonly figures: DashboardFigures,
  ) {}

  @Get()
  @Roles('dispatcher', 'supervisor', 'admin', 'township', 'liaison')
  async dashboard(
    @CurrentUser() principal: Principal,
    @Query('scope') rawScope?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ) {
    const scope = authorizeScope(principal, rawScope);
    const now = this.clock.now();
    const window = parseWindow(from, to, now);
    const counts = await this.figures.counts(scope, window, now);

    const figures: Record<string, Figure> = {};
    for (const name of METRIC_NAMES) {
      const metric: MetricDefinition = METRICS[name];
      const numerator = counts[name];
      const denominator = metric.denominator ? counts[`${name}__of`] : null;
      const query = new URLSearchParams({
        metric: name,
        scope: scopeLabel(scope),
        from: window.from.toISOString(),
        to: window.to.toISOString(),
      });
      figures[name] = {
        label: metric.label,
        value:
          denominator === null
            ? numerator
            : denominator === 0
              ? null
              : Math.round((numerator / denominator) * 10_000) / 10_000,
        numerator,
        denominator,
        formula: metric.formula,
        drilldown: `/dashboard/drilldown?${query.toString()}`,
      };
    }

    return {
      scope: scopeLabel(scope),
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      asOf: now.toISOString(),
      figures,
    };
  }

  @Get('drilldown')
  @Roles('dispatcher', 'supervisor', 'admin', 'township', 'liaison')
  async drilldown(
    @CurrentUser() principal: Principal,
    @Res({ passthrough: true }) res: Response,
    @Query('metric') metric: string,
    @Query('part') part?: string,
    @Query('scope') rawScope?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('format') format?: string,
  ) {
    const chosen = parseFormat(format);
    if (!METRIC_NAMES.includes(metric as MetricName)) {
      throw new DomainError('METRIC.UNKNOWN', `no metric ${metric}`, 'metric');
    }
    if (part !== undefined && part !== 'numerator' && part !== 'denominator') {
      throw new DomainError(
        'PART.INVALID',
        'part is numerator or denominator',
        'part',
      );
    }
    const scope = authorizeScope(principal, rawScope);
    const now = this.clock.now();
    const window = parseWindow(from, to, now);
    const query = drilldownQuery(
      this.store.schema,
      metric as MetricName,
      (part ?? 'numerator') as DrilldownPart,
      scope,
      window,
      now,
    );
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      query.sql,
      query.params,
    );
    const truncated = rows.length > DRILLDOWN_LIMIT;
    const items = rows.slice(0, DRILLDOWN_LIMIT).map(camelRow);
    const definition: MetricDefinition = METRICS[metric as MetricName];

    const body = {
      metric,
      label: definition.label,
      part: part ?? 'numerator',
      grain: definition.grain,
      scope: scopeLabel(scope),
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      asOf: now.toISOString(),
      count: items.length,
      truncated,
      items,
    };
    return respond(res, chosen, body, () => ({
      title: `${definition.label}明细`,
      columns: DRILLDOWN_COLUMNS[definition.grain],
      rows: items,
    }));
  }
}

const DRILLDOWN_COLUMNS = {
  assignment: [
    { key: 'caseNumber', header: '案件编号' },
    { key: 'caseId', header: '案件ID' },
    { key: 'unit', header: '承办单位' },
    { key: 'township', header: '镇街' },
    { key: 'issuedAt', header: '派单时间' },
    { key: 'acknowledgeDueAt', header: '签收时限' },
    { key: 'acknowledgedAt', header: '签收时间' },
    { key: 'resolveDueAt', header: '办结时限' },
    { key: 'resolvedAt', header: '办结时间' },
    { key: 'returned', header: '退单' },
  ],
  case: [
    { key: 'caseNumber', header: '案件编号' },
    { key: 'caseId', header: '案件ID' },
    { key: 'township', header: '镇街' },
    { key: 'propertyCompany', header: '物业服务企业' },
    { key: 'receivedAt', header: '受理时间' },
    { key: 'status', header: '状态' },
    { key: 'closedAt', header: '结案时间' },
    { key: 'reopenCount', header: '重办次数' },
    { key: 'repeatCount', header: '重复投诉次数' },
  ],
};

export function camelRow(
  row: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] =
      value instanceof Date ? value.toISOString() : value;
  }
  return out;
}
