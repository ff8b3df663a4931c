import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's own tables: cases as the gateway knows them, each unit's
 * assignment with its clocks, extension requests, joint enforcement,
 * reminders raised, 回访 records, and delivery to the units' systems.
 */
export class GatewayTables1733400000000 implements MigrationInterface {
  name = 'GatewayTables1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table gateway.cases (
        case_id text primary key,
        case_number text,
        township text,
        status text not null default 'open',
        reopen_count int not null default 0,
        arbitration_reason text,
        closed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);

    await runner.query(`
      create table gateway.assignments (
        assignment_id text primary key,
        case_id text not null references gateway.cases (case_id),
        unit text not null,
        township text,
        urgency text not null,
        status text not null,
        role text not null,
        issued_at timestamptz not null,
        acknowledge_due_at timestamptz not null,
        resolve_due_at timestamptz not null,
        resolve_clock_started_at timestamptz not null,
        due_at timestamptz,
        acknowledged_at timestamptz,
        resolved_at timestamptz,
        details jsonb not null,
        state jsonb not null,
        version int not null default 1,
        updated_at timestamptz not null default now()
      )`);
    await runner.query(
      `create index assignments_unit on gateway.assignments (unit, due_at)`,
    );
    await runner.query(
      `create index assignments_township on gateway.assignments (township, due_at)`,
    );
    await runner.query(
      `create index assignments_case on gateway.assignments (case_id)`,
    );
    await runner.query(
      `create index assignments_open_due on gateway.assignments (due_at)
         where due_at is not null`,
    );

    await runner.query(`
      create table gateway.extensions (
        extension_id uuid primary key,
        assignment_id text not null references gateway.assignments (assignment_id),
        case_id text not null,
        unit text not null,
        state text not null default 'pending',
        requested_due_at timestamptz not null,
        previous_due_at timestamptz not null,
        reason text not null,
        requested_by text not null,
        requested_at timestamptz not null,
        new_due_at timestamptz,
        decision_reason text,
        decided_by text,
        decided_at timestamptz
      )`);
    await runner.query(
      `create unique index extensions_one_pending on gateway.extensions (assignment_id)
         where state = 'pending'`,
    );

    await runner.query(`
      create table gateway.joint_cases (
        case_id text primary key references gateway.cases (case_id),
        coordinator text not null,
        units text[] not null,
        status text not null default 'open',
        summary text,
        opened_at timestamptz not null,
        closed_at timestamptz
      )`);
    await runner.query(`
      create table gateway.joint_tasks (
        task_id uuid primary key,
        case_id text not null references gateway.joint_cases (case_id),
        unit text not null,
        task text not null,
        assigned_by text not null,
        assigned_at timestamptz not null,
        result text,
        reported_by text,
        reported_at timestamptz
      )`);

    await runner.query(`
      create table gateway.reminders (
        reminder_id uuid primary key,
        assignment_id text not null references gateway.assignments (assignment_id),
        clock text not null,
        stage text not null,
        due_at timestamptz not null,
        issued_at timestamptz not null,
        unique (assignment_id, clock, stage, due_at)
      )`);

    await runner.query(`
      create table gateway.follow_ups (
        follow_up_id uuid primary key,
        case_id text not null references gateway.cases (case_id),
        satisfaction int not null,
        satisfied boolean not null,
        note text not null,
        recorded_by text not null,
        recorded_at timestamptz not null
      )`);

    await runner.query(`
      create table gateway.unit_feed (
        seq bigserial primary key,
        event_id uuid not null,
        unit text not null,
        case_id text not null,
        payload text not null,
        created_at timestamptz not null default now(),
        published_at timestamptz,
        unique (event_id, unit)
      )`);
    await runner.query(
      `create index unit_feed_unpublished on gateway.unit_feed (seq)
         where published_at is null`,
    );

    await runner.query(`
      create table gateway.webhook_subscriptions (
        subscription_id uuid primary key,
        unit text not null,
        url text not null,
        secret text not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        deleted_at timestamptz
      )`);
    await runner.query(`
      create table gateway.webhook_deliveries (
        delivery_id uuid primary key,
        subscription_id uuid not null references gateway.webhook_subscriptions (subscription_id),
        event_id uuid not null,
        event_type text not null,
        payload text not null,
        state text not null default 'pending',
        attempts int not null default 0,
        next_attempt_at timestamptz not null default now(),
        created_at timestamptz not null default now(),
        delivered_at timestamptz,
        unique (subscription_id, event_id)
      )`);
    await runner.query(
      `create index webhook_deliveries_due on gateway.webhook_deliveries (next_attempt_at)
         where state = 'pending'`,
    );
    await runner.query(`
      create table gateway.webhook_attempts (
        attempt_id bigserial primary key,
        delivery_id uuid not null references gateway.webhook_deliveries (delivery_id),
        subscription_id uuid not null,
        event_id uuid not null,
        attempt int not null,
        attempted_at timestamptz not null default now(),
        status_code int,
        error text,
        duration_ms int not null
      )`);
    await runner.query(
      `create index webhook_attempts_subscription
         on gateway.webhook_attempts (subscription_id, attempt_id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'webhook_attempts',
      'webhook_deliveries',
      'webhook_subscriptions',
      'unit_feed',
      'follow_ups',
      'reminders',
      'joint_tasks',
      'joint_cases',
      'extensions',
      'assignments',
      'cases',
    ]) {
      await runner.query(`drop table if exists gateway.${table}`);
    }
  }
}
