/**
 * The projection tables, created under a suffix so that a rebuild can fill a
 * fresh set (`_next`) beside the live one and swap it in.
 */
export const PROJECTION_TABLES = ['events', 'cases', 'assignments'] as const;

export type ProjectionTable = (typeof PROJECTION_TABLES)[number];

export function tableName(
  schema: string,
  table: ProjectionTable,
  suffix = '',
): string {
  return `"${schema}"."${table}${suffix}"`;
}

export function createProjectionTables(
  schema: string,
  suffix: string,
): string[] {
  const events = tableName(schema, 'events', suffix);
  const cases = tableName(schema, 'cases', suffix);
  const assignments = tableName(schema, 'assignments', suffix);
  // Index names carry the suffix and a tag so swapped sets never collide.
  const tag = `${suffix.replace(/\W/g, '')}${Date.now().toString(36)}`;

  return [
    `create table ${events} (
      id uuid primary key,
      case_id text not null,
      type text not null,
      occurred_at timestamptz not null,
      actor jsonb not null,
      data jsonb not null,
      topic text not null,
      recorded_at timestamptz not null default now()
    )`,
    `create index events_case_${tag}
       on ${events} (case_id, occurred_at)`,

    `create table ${cases} (
      case_id text primary key,
      case_number text,
      township text,
      property_company text,
      units text[] not null default '{}',
      channel text,
      urgency text,
      received_at timestamptz not null,
      status text not null,
      closed_at timestamptz,
      resolved boolean not null default false,
      reopen_count int not null default 0,
      repeat_count int not null default 0,
      satisfied boolean,
      satisfaction int,
      hops int not null default 0,
      joint boolean not null default false,
      arbitration boolean not null default false,
      first_dispatch_accurate boolean,
      supervision_orders int not null default 0,
      last_event_at timestamptz not null
    )`,
    `create index cases_received_${tag} on ${cases} (received_at)`,
    // A unit's dashboard finds its cases without a join over all history.
    `create index cases_units_${tag} on ${cases} using gin (units)`,
    `create index cases_township_${tag} on ${cases} (township, received_at)`,
    `create index cases_company_${tag}
       on ${cases} (property_company, received_at)`,

    `create table ${assignments} (
      assignment_id text primary key,
      case_id text not null,
      unit text not null,
      township text,
      property_company text,
      role text not null,
      decision_id text,
      issued_at timestamptz not null,
      acknowledge_due_at timestamptz not null,
      resolve_due_at timestamptz not null,
      acknowledged_at timestamptz,
      resolved_at timestamptz,
      returned boolean not null default false,
      transferred boolean not null default false,
      extended boolean not null default false,
      closed boolean not null default false,
      reopen_count int not null default 0,
      supervision_orders int not null default 0,
      escalation_step text
    )`,
    `create index assignments_case_${tag} on ${assignments} (case_id)`,
    `create index assignments_issued_${tag} on ${assignments} (issued_at)`,
    `create index assignments_unit_${tag}
       on ${assignments} (unit, issued_at)`,
    `create index assignments_township_${tag}
       on ${assignments} (township, issued_at)`,
    // Clock-dependent figures over long windows read only unfinished rows.
    `create index assignments_unfinished_${tag}
       on ${assignments} (issued_at)
       where resolved_at is null or acknowledged_at is null`,
    // The escalation ladder and the overdue figures scan only open work.
    `create index assignments_open_${tag}
       on ${assignments} (acknowledge_due_at, resolve_due_at)
       where resolved_at is null and not returned and not transferred
         and not closed`,
  ];
}
