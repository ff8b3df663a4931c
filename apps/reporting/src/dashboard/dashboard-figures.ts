import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Clock } from '@lianzhi/platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Scope } from '../access/scope';
import { ProjectionStore } from '../projections/projection-store';
import { REPORTING_SETTINGS, ReportingSettings } from '../reporting.settings';
import {
  countsFromDailyFigures,
  dayCeil,
  dayFloor,
  refreshDailyFigures,
} from './daily-figures';
import { dashboardQueries, Window } from './metrics';

const DAY_MS = 86_400_000;

/**
 * The dashboard's counts for a scope and window: counted row by row for
 * short windows, from the daily figures for long ones. Both give the same
 * numbers; the drill-down always lists rows.
 */
@Injectable()
export class DashboardFigures
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(DashboardFigures.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectionStore,
    private readonly clock: Clock,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  /** Keeps the dirty days few even when nobody reads a long dashboard. */
  onApplicationBootstrap(): void {
    const every = this.settings.dailyFiguresRefreshMs;
    if (!this.settings.live || this.clock.manual || every <= 0) return;
    this.timer = setInterval(() => {
      this.refresh().catch((error: Error) =>
        this.logger.warn({
          msg: 'daily figures refresh failed; the next read retries',
          error: error.message,
        }),
      );
    }, every);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async counts(
    scope: Scope,
    window: Window,
    now: Date,
  ): Promise<Record<string, number>> {
    const wholeDays =
      (dayFloor(window.to).getTime() - dayCeil(window.from).getTime()) / DAY_MS;
    return wholeDays >= this.settings.dailyFiguresMinDays
      ? this.fromDailyFigures(scope, window, now)
      : this.direct(scope, window, now);
  }

  async direct(
    scope: Scope,
    window: Window,
    now: Date,
  ): Promise<Record<string, number>> {
    const queries = dashboardQueries(this.store.schema, scope, window, now);
    const [[assignments], [cases]] = await Promise.all([
      this.dataSource.query(queries.assignment.sql, queries.assignment.params),
      this.dataSource.query(queries.case.sql, queries.case.params),
    ]);
    return { ...assignments, ...cases };
  }

  async fromDailyFigures(
    scope: Scope,
    window: Window,
    now: Date,
  ): Promise<Record<string, number>> {
    await this.refresh();
    return countsFromDailyFigures(
      (sql, params) => this.dataSource.query(sql, params),
      this.store.schema,
      scope,
      window,
      now,
    );
  }

  /** Counts the days changed since the last refresh; returns how many. */
  refresh(): Promise<number> {
    return this.dataSource.transaction((manager) =>
      refreshDailyFigures(
        (sql, params) => manager.query(sql, params),
        this.store.schema,
      ),
    );
  }
}
