import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_MATRIX } from '@lianzhi/domain';

/**
 * The routing schema: each case's routing inputs and state, every decision
 * with its explanation, the assignments issued, the hop trail, and the
 * versions of the responsibility matrix (职责清单) with their history. The
 * matrix the gazette set out is seeded as version 1.
 */
export class RoutingTables1733400000000 implements MigrationInterface {
  name = 'RoutingTables1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table routing.cases (
        case_id text primary key,
        case_number text not null,
        description text not null,
        address jsonb not null,
        category text,
        urgency text not null,
        township_hint text,
        confidential boolean not null,
        caller_ref text,
        property_company text,
        received_at timestamptz not null,
        status text not null,
        township text,
        hop int not null default 0,
        bounces int not null default 0,
        excluded_units text[] not null default '{}',
        first_dispatched_at timestamptz,
        first_dispatch_changed boolean not null default false,
        first_dispatch_change text,
        waiting_reason text,
        waiting_suggestions jsonb,
        waiting_candidates jsonb,
        waiting_since timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await runner.query(`
      create index cases_waiting on routing.cases (status, waiting_since)
        where status in ('manual', 'arbitration')`);

    await runner.query(`
      create table routing.decisions (
        decision_id uuid primary key,
        case_id text not null references routing.cases (case_id),
        hop int not null,
        kind text not null,
        matrix_version text,
        matter_types jsonb not null,
        township text,
        township_candidates jsonb not null,
        assignments jsonb not null,
        coordinator text,
        joint boolean not null,
        manual_reason text,
        explanation jsonb not null,
        decided_by jsonb not null,
        note text,
        decided_at timestamptz not null,
        caused_by uuid
      )`);
    await runner.query(
      `create index decisions_case on routing.decisions (case_id, decided_at)`,
    );

    await runner.query(`
      create table routing.assignments (
        assignment_id uuid primary key,
        case_id text not null references routing.cases (case_id),
        decision_id uuid not null,
        unit text not null,
        role text not null,
        matter_type text not null,
        clause jsonb not null,
        hop int not null,
        status text not null default 'active',
        issued_at timestamptz not null,
        acknowledge_due_at timestamptz not null,
        resolve_due_at timestamptz not null,
        ended_at timestamptz
      )`);
    await runner.query(
      `create index assignments_case on routing.assignments (case_id)`,
    );

    await runner.query(`
      create table routing.hops (
        id bigserial primary key,
        case_id text not null references routing.cases (case_id),
        hop int not null,
        unit text not null,
        action text not null,
        reason text not null,
        legal_basis text,
        to_unit text,
        assignment_id uuid,
        event_id uuid not null unique,
        at timestamptz not null
      )`);
    await runner.query(`create index hops_case on routing.hops (case_id, id)`);

    await runner.query(`
      create table routing.matrix_versions (
        version text primary key,
        number int not null unique,
        status text not null,
        effective_from date not null,
        entries jsonb not null,
        note text,
        created_by text not null,
        created_at timestamptz not null default now(),
        activated_by text,
        activated_at timestamptz
      )`);
    await runner.query(`
      create table routing.matrix_history (
        id bigserial primary key,
        version text not null references routing.matrix_versions (version),
        action text not null,
        effective_from date not null,
        actor text not null,
        note text,
        at timestamptz not null default now()
      )`);

    await runner.query(
      `insert into routing.matrix_versions
         (version, number, status, effective_from, entries, note, created_by,
          activated_by, activated_at)
       values ('1', 1, 'active', $1, $2, $3, 'system', 'system', now())`,
      [
        DEFAULT_MATRIX.effectiveFrom,
        JSON.stringify(DEFAULT_MATRIX.entries),
        `职责清单 ${DEFAULT_MATRIX.version}`,
      ],
    );
    await runner.query(
      `insert into routing.matrix_history (version, action, effective_from, actor)
       values ('1', 'activated', $1, 'system')`,
      [DEFAULT_MATRIX.effectiveFrom],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'matrix_history',
      'matrix_versions',
      'hops',
      'assignments',
      'decisions',
      'cases',
    ]) {
      await runner.query(`drop table if exists routing.${table}`);
    }
  }
}
