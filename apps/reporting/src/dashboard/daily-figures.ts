import { Scope } from '../access/scope';
import {
  CLOCK_SPLITS,
  dashboardQueries,
  Grain,
  partsOf,
  rowsOf,
  UNFINISHED,
  Window,
} from './metrics';

/** Runs one statement; a TypeORM manager or a pg client both fit. */
export type Run = (sql: string, params?: unknown[]) => Promise<unknown[]>;

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3600_000;

/** Midnight in Asia/Shanghai at or before an instant. */
export function dayFloor(at: Date): Date {
  const local = at.getTime() + SHANGHAI_MS;
  return new Date(local - (local % DAY_MS) - SHANGHAI_MS);
}

export function dayCeil(at: Date): Date {
  const floor = dayFloor(at);
  return floor.getTime() === at.getTime()
    ? floor
    : new Date(floor.getTime() + DAY_MS);
}

function dayText(midnight: Date): string {
  return new Date(midnight.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
}

/** A stored part: the whole predicate, or the day-countable half of a split. */
function storedParts(grain: Grain) {
  return partsOf(grain).flatMap(({ key, predicate }) => {
    const split = CLOCK_SPLITS[key];
    if (split) return split.stored ? [{ key, predicate: split.stored }] : [];
    if (predicate.includes('$now')) {
      throw new Error(`${key} depends on the clock and has no split`);
    }
    return [{ key, predicate }];
  });
}

function counts(grain: Grain): string {
  return storedParts(grain)
    .map(
      ({ key, predicate }) => `'${key}', count(*) filter (where ${predicate})`,
    )
    .join(', ');
}

const inDay = (column: string) =>
  `${column} >= (d.day::timestamp at time zone 'Asia/Shanghai')
   and ${column} < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')`;

/**
 * Counts the days marked dirty again, one transaction at a time: a mark
 * written by a transaction not yet committed is not deleted here, so it is
 * still there for the next refresh.
 */
export async function refreshDailyFigures(
  run: Run,
  schema: string,
): Promise<number> {
  await run(`select pg_advisory_xact_lock(hashtext($1))`, [
    `${schema}.daily_figures`,
  ]);
  const dirty = (await run(
    `with taken as (delete from "${schema}".daily_dirty returning day)
     select distinct to_char(day, 'YYYY-MM-DD') as day from taken`,
  )) as { day: string }[];
  const days = [...new Set(dirty.map((row) => row.day))];
  if (days.length === 0) return 0;

  await run(
    `delete from "${schema}".daily_figures where day = any($1::date[])`,
    [days],
  );
  await run(
    `insert into "${schema}".daily_figures (day, grain, scope, counts)
     select d.day, 'assignment', s.scope, jsonb_build_object(${counts('assignment')})
       from unnest($1::date[]) d(day)
       join "${schema}".assignments a on ${inDay('a.issued_at')}
       cross join lateral (values ('district'), ('unit:' || a.unit),
                                  ('township:' || coalesce(a.township, '-'))) s(scope)
      group by d.day, s.scope`,
    [days],
  );
  await run(
    `insert into "${schema}".daily_figures (day, grain, scope, counts)
     select d.day, 'case', s.scope, jsonb_build_object(${counts('case')})
       from unnest($1::date[]) d(day)
       join "${schema}".cases c on ${inDay('c.received_at')}
       cross join lateral (
         select 'district' union all
         select 'township:' || coalesce(c.township, '-') union all
         select 'unit:' || u from unnest(c.units) u) s(scope)
      group by d.day, s.scope`,
    [days],
  );
  return days.length;
}

/** Marks the Shanghai days of these instants for counting again. */
export async function markDirty(
  run: Run,
  schema: string,
  instants: readonly (string | Date)[],
): Promise<void> {
  const days = [
    ...new Set(instants.map((at) => dayText(dayFloor(new Date(at))))),
  ];
  if (days.length === 0) return;
  await run(
    `insert into "${schema}".daily_dirty (day) select unnest($1::date[])`,
    [days],
  );
}

/** Every day of the live projections, to count again after a rebuild. */
export async function markAllDirty(run: Run, schema: string): Promise<void> {
  await run(`delete from "${schema}".daily_figures`);
  await run(
    `insert into "${schema}".daily_dirty (day)
     select distinct (issued_at at time zone 'Asia/Shanghai')::date
       from "${schema}".assignments
     union
     select distinct (received_at at time zone 'Asia/Shanghai')::date
       from "${schema}".cases`,
  );
}

function add(into: Record<string, number>, from: Record<string, unknown>) {
  for (const [key, value] of Object.entries(from)) {
    into[key] = (into[key] ?? 0) + Number(value ?? 0);
  }
}

/**
 * The dashboard's counts from the daily figures: whole days from the stored
 * counts, the clock-dependent parts from the unfinished rows, and the part
 * days at either end of the window counted directly.
 */
export async function countsFromDailyFigures(
  run: Run,
  schema: string,
  scope: Scope,
  window: Window,
  now: Date,
): Promise<Record<string, number>> {
  const whole = { from: dayCeil(window.from), to: dayFloor(window.to) };
  const total: Record<string, number> = {};
  for (const { key } of [...partsOf('assignment'), ...partsOf('case')]) {
    total[key] = 0;
  }
  const scopeKey =
    scope.kind === 'district' ? 'district' : `${scope.kind}:${scope.code}`;

  const stored = (await run(
    `select counts from "${schema}".daily_figures
      where scope = $1 and day >= $2::date and day < $3::date`,
    [scopeKey, dayText(whole.from), dayText(whole.to)],
  )) as { counts: Record<string, number> }[];
  for (const row of stored) add(total, row.counts);

  const params: unknown[] = [];
  const rows = rowsOf(schema, 'assignment', scope, whole, params);
  params.push(now);
  const live = Object.entries(CLOCK_SPLITS)
    .map(
      ([key, split]) =>
        `count(*) filter (where ${split.unfinished.replace(/\$now/g, `$${params.length}::timestamptz`)})::int as "${key}"`,
    )
    .join(', ');
  const [unfinished] = (await run(
    `select ${live} from ${rows.table} where ${rows.where} and ${UNFINISHED}`,
    params,
  )) as Record<string, number>[];
  add(total, unfinished);

  const edges: Window[] = [
    { from: window.from, to: whole.from },
    { from: whole.to, to: window.to },
  ].filter((edge) => edge.from < edge.to);
  for (const edge of edges) {
    const queries = dashboardQueries(schema, scope, edge, now);
    const [assignments] = (await run(
      queries.assignment.sql,
      queries.assignment.params,
    )) as Record<string, unknown>[];
    const [cases] = (await run(
      queries.case.sql,
      queries.case.params,
    )) as Record<string, unknown>[];
    add(total, assignments);
    add(total, cases);
  }
  return total;
}
