/**
 * Dashboard latency on one million historical cases.
 *
 *   node -r ./tools/register.js apps/reporting/bench/dashboard.bench.ts
 *
 * Loads synthetic cases and assignments with generate_series into a bench
 * database of its own (BENCH_DATABASE_URL), then times the dashboard's
 * queries — the same SQL the service runs — and prints p50/p95 per scenario.
 * Target: p95 under 100 ms for a month's dashboard in any scope.
 */
import { Client } from 'pg';
import { QueryRunner } from 'typeorm';
import { Scope } from '../src/access/scope';
import {
  countsFromDailyFigures,
  markAllDirty,
  markDirty,
  refreshDailyFigures,
  Run,
} from '../src/dashboard/daily-figures';
import {
  dashboardQueries,
  drilldownQuery,
  Window,
} from '../src/dashboard/metrics';
import { monthWindow } from '../src/dashboard/window';
import { DailyFigures1733500000001 } from '../src/migrations/1733500000001-daily-figures';
import { createProjectionTables } from '../src/projections/projection-tables';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const SCHEMA = 'reporting';
const url = new URL(
  process.env.BENCH_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/lianzhi_reporting_bench',
);

const TOWNSHIPS = [
  'longqiao',
  'gulou',
  'jiuxianqiao',
  'xinyan',
  'xiaomeng',
  'daan',
  'caohe',
  'xinglongzhuang',
  'xinyi',
  'yandian',
  'industrial-park',
  'agri-hightech',
];
const UNITS = [
  'zhujian',
  'chengguan',
  'gongan',
  'guihua',
  'huanbao',
  'wujia',
  'zhijian',
  'gongshang',
  'xiaoquban',
  'huanwei',
  'yuanlin',
  'renfang',
];

async function recreateDatabase(): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  const name = url.pathname.slice(1);
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.query(`create database "${name}"`);
  await client.end();
}

/** Cases spread over three years up to now; 2 % still open, a fifth with a second unit. */
async function load(db: Client): Promise<void> {
  await db.query(`create schema ${SCHEMA}`);
  for (const statement of createProjectionTables(SCHEMA, '')) {
    await db.query(statement);
  }
  const runner = {
    connection: { driver: { schema: SCHEMA } },
    query: (sql: string) => db.query(sql),
  };
  await new DailyFigures1733500000001().up(runner as unknown as QueryRunner);
  const span = 3 * 365 * 24 * 3600;
  await db.query(
    `insert into ${SCHEMA}.cases
       (case_id, case_number, township, property_company, units, channel, urgency,
        received_at, status, closed_at, resolved, reopen_count, repeat_count,
        satisfied, satisfaction, hops, joint, arbitration,
        first_dispatch_accurate, supervision_orders, last_event_at)
     select 'c' || i, 'YZ' || i, ($2::text[])[1 + i % 12], '物业' || (i % 200),
            case when i % 5 = 0
                 then array[($5::text[])[1 + i % 12], ($5::text[])[1 + (i + 1) % 12]]
                 else array[($5::text[])[1 + i % 12]] end,
            'hotline', 'normal', t, case when i % 50 = 0 then 'in-progress' else 'closed' end,
            case when i % 50 = 0 then null else t + interval '5 days' end,
            i % 50 <> 0, (i % 40 = 0)::int, i % 7 / 3, case when i % 50 = 0 then null else i % 9 <> 0 end,
            case when i % 50 = 0 then null else 5 - i % 3 end,
            (i % 25 = 0)::int, i % 5 = 0, i % 200 = 0, i % 25 <> 0, (i % 300 = 0)::int, t
       from (select i, now() - ($3::int - i) * ($4::float / $3::int) * interval '1 second' as t
               from generate_series(1, $1::int) i) s`,
    [CASES, TOWNSHIPS, CASES, span, UNITS],
  );
  await db.query(
    `insert into ${SCHEMA}.assignments
       (assignment_id, case_id, unit, township, property_company, role,
        decision_id, issued_at, acknowledge_due_at, resolve_due_at,
        acknowledged_at, resolved_at, returned, transferred, extended, closed,
        reopen_count, supervision_orders, escalation_step)
     select c.case_id || '-' || k, c.case_id, ($1::text[])[1 + (h + k) % 12], c.township,
            c.property_company, case when k = 0 then 'lead' else 'assist' end,
            'd' || c.case_id, c.received_at + interval '10 minutes',
            c.received_at + interval '70 minutes', c.received_at + interval '7 days',
            case when h % 50 = 0 and h % 3 = 0 then null
                 else c.received_at + (h % 90) * interval '1 minute' end,
            case when c.resolved then c.received_at + (h % 9) * interval '1 day' end,
            h % 25 = 0 and k = 1, false, h % 30 = 0, c.closed_at is not null,
            c.reopen_count, c.supervision_orders, null
       from (select *, substr(case_id, 2)::int as h from ${SCHEMA}.cases) c,
            generate_series(0, 1) k
      where k = 0 or c.h % 5 = 0`,
    [UNITS],
  );
  await db.query(`vacuum analyze ${SCHEMA}.cases`);
  await db.query(`vacuum analyze ${SCHEMA}.assignments`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function time(
  db: Client,
  label: string,
  run: () => Promise<unknown>,
): Promise<number> {
  for (let i = 0; i < 3; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const p95 = percentile(samples, 95);
  console.log(
    `${label.padEnd(44)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms`,
  );
  return p95;
}

async function main(): Promise<void> {
  await recreateDatabase();
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  try {
    const loadStart = Date.now();
    await load(db);
    const [{ cases }] = (
      await db.query(`select count(*)::int as cases from ${SCHEMA}.cases`)
    ).rows;
    const [{ assignments }] = (
      await db.query(
        `select count(*)::int as assignments from ${SCHEMA}.assignments`,
      )
    ).rows;
    console.log(
      `loaded ${cases} cases, ${assignments} assignments in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`,
    );

    const now = new Date();
    const month = monthWindow(now.toISOString().slice(0, 7));
    const lastMonth: Window = {
      from: new Date(month.from.getTime() - 30 * 86400_000),
      to: month.from,
    };
    const year: Window = {
      from: new Date(now.getTime() - 365 * 86400_000),
      to: now,
    };
    const unit: Scope = { kind: 'unit', code: 'chengguan' };
    const township: Scope = { kind: 'township', code: 'gulou' };
    const scenarios: [string, Scope, Window][] = [
      ['district, last month', { kind: 'district' }, lastMonth],
      ['unit:chengguan, last month', unit, lastMonth],
      ['township:gulou, last month', township, lastMonth],
      ['district, current month', { kind: 'district' }, month],
      ['unit:chengguan, last 12 months', unit, year],
      ['township:gulou, last 12 months', township, year],
      ['district, last 12 months', { kind: 'district' }, year],
    ];

    const run: Run = async (sql, params) => (await db.query(sql, params)).rows;
    const refresh = async () => {
      await db.query('begin');
      const days = await refreshDailyFigures(run, SCHEMA);
      await db.query('commit');
      return days;
    };
    await markAllDirty(run, SCHEMA);
    const refreshStart = Date.now();
    const days = await refresh();
    console.log(
      `daily figures: ${days} days counted in ${((Date.now() - refreshStart) / 1000).toFixed(1)} s (once, after a load or rebuild)`,
    );

    // Short windows count rows; long ones read the daily figures, as the
    // service does (REPORTING_DAILY_FIGURES_MIN_DAYS, default 62).
    const longWindow = (window: Window) =>
      window.to.getTime() - window.from.getTime() >= 62 * 86_400_000;
    const p95s: number[] = [];
    for (const [label, scope, window] of scenarios) {
      const queries = dashboardQueries(SCHEMA, scope, window, now);
      const p95 = longWindow(window)
        ? await time(db, `dashboard ${label} (daily)`, async () => {
            await markDirty(run, SCHEMA, [
              new Date(now.getTime() - 86_400_000),
            ]);
            await refresh();
            return countsFromDailyFigures(run, SCHEMA, scope, window, now);
          })
        : await time(db, `dashboard ${label}`, () =>
            Promise.all([
              db.query(queries.assignment.sql, queries.assignment.params),
              db.query(queries.case.sql, queries.case.params),
            ]),
          );
      p95s.push(p95);
      if (!longWindow(window)) continue;
      const direct = await time(db, `  same, row by row`, () =>
        Promise.all([
          db.query(queries.assignment.sql, queries.assignment.params),
          db.query(queries.case.sql, queries.case.params),
        ]),
      );
      void direct;
    }

    const drill = drilldownQuery(
      SCHEMA,
      'overdue',
      'numerator',
      { kind: 'unit', code: 'chengguan' },
      lastMonth,
      now,
    );
    await time(db, 'drilldown overdue unit:chengguan, last month', () =>
      db.query(drill.sql, drill.params),
    );

    const worst = Math.max(...p95s);
    console.log(
      `dashboards: worst p95 ${worst.toFixed(1)} ms (target < 100 ms) ${worst < 100 ? 'OK' : 'OVER'}`,
    );
  } finally {
    await db.end();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
