import { LadderDelays, parseLadderHours } from './escalation/ladder';

/** What reporting reads from its environment beyond the platform's config. */
export interface ReportingSettings {
  /** REPORTING_LADDER_HOURS: hours after a missed deadline for each step. */
  readonly ladder: LadderDelays;
  /** REPORTING_LADDER_INTERVAL_MS: how often the ladder runs (0 = never by itself). */
  readonly ladderIntervalMs: number;
  /**
   * REPORTING_MODE=rebuild runs neither the live consumer nor the ladder:
   * the rebuild command uses it beside a running service.
   */
  readonly live: boolean;
  /**
   * REPORTING_DAILY_FIGURES_MIN_DAYS: a dashboard spanning at least this many
   * whole days reads the daily figures; shorter ones count rows directly.
   */
  readonly dailyFiguresMinDays: number;
  /** REPORTING_DAILY_FIGURES_REFRESH_MS: background refresh (0 = only on read). */
  readonly dailyFiguresRefreshMs: number;
}

export const REPORTING_SETTINGS = Symbol('REPORTING_SETTINGS');

export function readReportingSettings(
  env: NodeJS.ProcessEnv,
): ReportingSettings {
  return {
    ladder: parseLadderHours(env.REPORTING_LADDER_HOURS),
    ladderIntervalMs: Number(env.REPORTING_LADDER_INTERVAL_MS ?? 60_000),
    live: env.REPORTING_MODE !== 'rebuild',
    dailyFiguresMinDays: Number(env.REPORTING_DAILY_FIGURES_MIN_DAYS ?? 62),
    dailyFiguresRefreshMs: Number(
      env.REPORTING_DAILY_FIGURES_REFRESH_MS ?? 60_000,
    ),
  };
}
