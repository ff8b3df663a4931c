import { Controller, Get, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { AssignmentFact, Principal } from '@lianzhi/domain';
import { Clock, CurrentUser, Roles } from '@lianzhi/platform';
import { parseFormat, respond, Table } from '../exports/tabular';
import { monthWindow } from '../dashboard/window';
import { ProjectionStore } from '../projections/projection-store';
import { tableName } from '../projections/projection-tables';
import {
  buildMonthlyReport,
  MonthCase,
  MonthlyReport,
  OverdueItem,
  SupervisionOrder,
} from './monthly-report';

/** 月报: per township and property company, due by the 5th of the next month. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class MonthlyReportController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectionStore,
    private readonly clock: Clock,
  ) {}

  @Get('monthly')
  @Roles('dispatcher', 'supervisor', 'admin', 'township')
  async monthly(
    @CurrentUser() principal: Principal,
    @Res({ passthrough: true }) res: Response,
    @Query('month') month: string,
    @Query('format') format?: string,
    @Query('section') section?: string,
  ) {
    const chosen = parseFormat(format);
    const window = monthWindow(month);
    const now = this.clock.now();
    const asOf = now < window.to ? now : window.to;
    // A township coordinator gets the report of their own township only.
    const township =
      principal.role === 'township' ? (principal.township ?? '') : null;

    const report = buildMonthlyReport({
      month,
      asOf,
      cases: await this.cases(window, township),
      assignments: await this.assignments(window, township),
      supervisionOrders: await this.supervisionOrders(window, township),
      overdue: await this.overdue(window, asOf, township),
      households: await this.households(),
    });
    return respond(
      res,
      chosen,
      report,
      () => reportTables(report),
      Number(section ?? 0),
    );
  }

  private async cases(
    window: { from: Date; to: Date },
    township: string | null,
  ): Promise<MonthCase[]> {
    // 办结 as the report is generated: closed, or every unit that kept the
    // case has a result standing (a 重办 takes it back out).
    const kept = `${tableName(this.store.schema, 'assignments')} a
      where not a.returned and not a.transferred`;
    const rows = await this.dataSource.query(
      `select c.case_id, c.case_number, c.township, c.property_company,
              c.channel, c.resolved, c.reopen_count, c.repeat_count,
              c.satisfied,
              c.closed_at is not null or (
                exists (select 1 from ${kept} and a.case_id = c.case_id)
                and not exists (select 1 from ${kept} and a.case_id = c.case_id
                                  and a.resolved_at is null)) as done
         from ${tableName(this.store.schema, 'cases')} c
        where c.received_at >= $1 and c.received_at < $2
          and ($3::text is null or c.township = $3)
        order by c.received_at, c.case_id`,
      [window.from, window.to, township],
    );
    return rows.map((r: Record<string, unknown>) => ({
      caseId: r.case_id as string,
      caseNumber: r.case_number as string | null,
      township: r.township as string | null,
      propertyCompany: r.property_company as string | null,
      channel: r.channel as string | null,
      resolved: r.resolved as boolean,
      done: r.done as boolean,
      reopenCount: r.reopen_count as number,
      repeatCount: r.repeat_count as number,
      satisfied: r.satisfied as boolean | null,
    }));
  }

  private async assignments(
    window: { from: Date; to: Date },
    township: string | null,
  ): Promise<AssignmentFact[]> {
    const rows = await this.dataSource.query(
      `select a.* from ${tableName(this.store.schema, 'assignments')} a
         join ${tableName(this.store.schema, 'cases')} c on c.case_id = a.case_id
        where c.received_at >= $1 and c.received_at < $2
          and ($3::text is null or c.township = $3)
        order by a.issued_at, a.assignment_id`,
      [window.from, window.to, township],
    );
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return rows.map((r: Record<string, unknown>) => ({
      assignmentId: r.assignment_id as string,
      caseId: r.case_id as string,
      unit: r.unit as string,
      issuedAt: iso(r.issued_at as Date) as string,
      acknowledgeDueAt: iso(r.acknowledge_due_at as Date) as string,
      resolveDueAt: iso(r.resolve_due_at as Date) as string,
      acknowledgedAt: iso(r.acknowledged_at as Date | null),
      resolvedAt: iso(r.resolved_at as Date | null),
      returned: r.returned as boolean,
      transferred: r.transferred as boolean,
      extensionGranted: r.extended as boolean,
    }));
  }

  /** 督办单 issued in the month, from the recorded CaseEscalated events. */
  private async supervisionOrders(
    window: { from: Date; to: Date },
    township: string | null,
  ): Promise<SupervisionOrder[]> {
    const rows = await this.dataSource.query(
      `select e.case_id, c.case_number, e.data->>'unit' as unit,
              coalesce(e.data->>'township', c.township) as township,
              c.property_company, e.occurred_at,
              (e.data->>'pointsDeducted')::int as points
         from ${tableName(this.store.schema, 'events')} e
         left join ${tableName(this.store.schema, 'cases')} c on c.case_id = e.case_id
        where e.type = 'CaseEscalated' and e.data->>'step' = 'supervision-order'
          and e.occurred_at >= $1 and e.occurred_at < $2
          and ($3::text is null or coalesce(e.data->>'township', c.township) = $3)
        order by e.occurred_at, e.id`,
      [window.from, window.to, township],
    );
    return rows.map((r: Record<string, unknown>) => ({
      caseId: r.case_id as string,
      caseNumber: r.case_number as string | null,
      unit: r.unit as string,
      township: r.township as string | null,
      propertyCompany: r.property_company as string | null,
      takenAt: (r.occurred_at as Date).toISOString(),
      points: r.points as number,
    }));
  }

  /**
   * Assignments issued by the end of the month that were past a deadline
   * and not done at `asOf` (the month's end, or now for the current month).
   */
  private async overdue(
    window: { from: Date; to: Date },
    asOf: Date,
    township: string | null,
  ): Promise<OverdueItem[]> {
    const rows = await this.dataSource.query(
      `select a.case_id, c.case_number, a.assignment_id, a.unit, a.township,
              a.property_company,
              case when (a.acknowledged_at is null or a.acknowledged_at > $2)
                        and a.acknowledge_due_at < $2
                   then 'acknowledge' else 'resolve' end as missed,
              case when (a.acknowledged_at is null or a.acknowledged_at > $2)
                        and a.acknowledge_due_at < $2
                   then a.acknowledge_due_at else a.resolve_due_at end as due_at
         from ${tableName(this.store.schema, 'assignments')} a
         left join ${tableName(this.store.schema, 'cases')} c on c.case_id = a.case_id
        where a.issued_at < $1
          and not a.returned and not a.transferred
          and (a.resolved_at is null or a.resolved_at > $2)
          and (c.closed_at is null or c.closed_at > $2)
          and (((a.acknowledged_at is null or a.acknowledged_at > $2)
                and a.acknowledge_due_at < $2)
               or a.resolve_due_at < $2)
          and ($3::text is null or a.township = $3)
        order by due_at, a.assignment_id`,
      [window.to, asOf, township],
    );
    return rows.map((r: Record<string, unknown>) => ({
      caseId: r.case_id as string,
      caseNumber: r.case_number as string | null,
      assignmentId: r.assignment_id as string,
      unit: r.unit as string,
      township: r.township as string | null,
      propertyCompany: r.property_company as string | null,
      missed: r.missed as 'acknowledge' | 'resolve',
      dueAt: (r.due_at as Date).toISOString(),
      hoursOverdue: Math.floor(
        (asOf.getTime() - (r.due_at as Date).getTime()) / 3600_000,
      ),
    }));
  }

  private async households(): Promise<Map<string, number>> {
    const rows: { company: string; households: number }[] =
      await this.dataSource.query(
        `select company, households from "${this.store.schema}".property_households`,
      );
    return new Map(rows.map((r) => [r.company, r.households]));
  }
}

const percent = (value: number | null) =>
  value === null ? '' : `${(value * 100).toFixed(2)}%`;

/** The report as sheets: townships, companies, units, overdue, 督办单. */
export function reportTables(report: MonthlyReport): Table[] {
  return [
    {
      title: `${report.month}月报-镇街`,
      columns: [
        { key: 'name', header: '镇街' },
        { key: 'complaints', header: '投诉件数' },
        { key: 'resolved', header: '办结件数' },
        { key: 'resolutionRate', header: '办结率' },
        { key: 'overdue', header: '超期件数' },
        { key: 'supervisionOrders', header: '督办单数' },
      ],
      rows: report.townships.map((t) => ({
        name: t.name,
        complaints: t.complaints,
        resolved: t.resolutionRate.numerator,
        resolutionRate: percent(t.resolutionRate.value),
        overdue: t.overdue,
        supervisionOrders: t.supervisionOrders,
      })),
    },
    {
      title: `${report.month}月报-物业服务企业`,
      columns: [
        { key: 'company', header: '物业服务企业' },
        { key: 'households', header: '服务户数' },
        { key: 'complaints', header: '投诉件数' },
        { key: 'complaintRate', header: '投诉率' },
        { key: 'resolutionRate', header: '办结率' },
        { key: 'supervisionOrders', header: '督办单数' },
        { key: 'points', header: '扣分' },
        { key: 'score', header: '参考得分' },
        { key: 'stars', header: '参考星级' },
      ],
      rows: report.propertyCompanies.map((p) => ({
        company: p.company,
        households: p.households ?? '未登记',
        complaints: p.complaints,
        complaintRate:
          p.complaintRate.basis === 'households'
            ? `${(((p.complaintRate.value as number) ?? 0) * 100).toFixed(3)}%`
            : `${p.complaints}件（未登记户数）`,
        resolutionRate: percent(p.resolutionRate.value),
        supervisionOrders: p.supervisionOrders,
        points: p.deductions.total,
        score: p.indicativeScore,
        stars: p.indicativeStars,
      })),
    },
    {
      title: `${report.month}月报-单位督办`,
      columns: [
        { key: 'name', header: '单位' },
        { key: 'supervisionOrders', header: '督办单数' },
        { key: 'pointsDeducted', header: '扣分' },
      ],
      rows: report.units,
    },
    {
      title: `${report.month}月报-超期清单`,
      columns: [
        { key: 'caseNumber', header: '案件编号' },
        { key: 'unit', header: '承办单位' },
        { key: 'township', header: '镇街' },
        { key: 'missed', header: '超期环节' },
        { key: 'dueAt', header: '时限' },
        { key: 'hoursOverdue', header: '超期小时' },
      ],
      rows: report.overdue.map((o) => ({
        ...o,
        missed: o.missed === 'acknowledge' ? '签收' : '办结',
      })),
    },
    {
      title: `${report.month}月报-督办单`,
      columns: [
        { key: 'caseNumber', header: '案件编号' },
        { key: 'unit', header: '被督办单位' },
        { key: 'township', header: '镇街' },
        { key: 'takenAt', header: '督办时间' },
        { key: 'points', header: '扣分' },
      ],
      rows: report.supervisionOrders,
    },
  ];
}
