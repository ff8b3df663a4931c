import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake's own tables. The phone and name of a caller live only in
 * `callers`; cases and events carry the caller's id. `audit_log` refuses
 * updates and deletes at the database, whatever the code above it does.
 */
export class IntakeTables1733400000000 implements MigrationInterface {
  name = 'IntakeTables1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`create sequence intake.case_number_seq`);

    await runner.query(`
      create table intake.callers (
        id uuid primary key,
        case_id uuid not null,
        name text,
        phone text,
        confidential boolean not null default false,
        created_at timestamptz not null default now()
      )`);

    await runner.query(`
      create table intake.cases (
        id uuid primary key,
        case_number text not null unique,
        channel text not null,
        urgency text not null,
        category text,
        title text,
        description text not null,
        address jsonb not null,
        address_key text not null,
        township text,
        happened_at timestamptz,
        received_at timestamptz not null,
        caller_id uuid references intake.callers (id),
        anonymous boolean not null default false,
        confidential boolean not null default false,
        property_company text,
        attachments jsonb not null default '[]',
        repeat_count int not null default 0,
        received_by text not null
      )`);
    await runner.query(`
      create index cases_township_category
        on intake.cases (township, category, received_at desc)`);
    await runner.query(`
      create index cases_address_key
        on intake.cases (address_key, received_at desc)`);

    await runner.query(`
      create table intake.repeat_calls (
        id uuid primary key,
        case_id uuid not null references intake.cases (id),
        caller_id uuid references intake.callers (id),
        channel text not null,
        description text not null,
        received_at timestamptz not null,
        received_by text not null
      )`);

    await runner.query(`
      create table intake.idempotency_keys (
        key text primary key,
        request_hash text not null,
        status int,
        response jsonb,
        created_at timestamptz not null default now()
      )`);

    await runner.query(`
      create table intake.users (
        username text primary key,
        password_hash text not null,
        display_name text not null,
        role text not null,
        unit text,
        township text,
        created_at timestamptz not null default now()
      )`);

    await runner.query(`
      create table intake.audit_log (
        id bigserial primary key,
        at timestamptz not null default now(),
        actor text not null,
        actor_role text not null,
        action text not null,
        case_id uuid,
        caller_id uuid,
        reason text not null
      )`);
    await runner.query(`
      create function intake.audit_log_is_append_only() returns trigger
        language plpgsql as $$
        begin
          raise exception 'audit_log is append-only';
        end $$`);
    await runner.query(`
      create trigger audit_log_append_only
        before update or delete on intake.audit_log
        for each row execute function intake.audit_log_is_append_only()`);
    await runner.query(`
      create trigger audit_log_no_truncate
        before truncate on intake.audit_log
        for each statement execute function intake.audit_log_is_append_only()`);

    await runner.query(`
      create table intake.case_progress (
        case_id uuid primary key,
        case_number text,
        status text not null,
        township text,
        units text[] not null default '{}',
        steps jsonb not null default '[]',
        updated_at timestamptz not null default now()
      )`);
    await runner.query(`
      create index case_progress_number on intake.case_progress (case_number)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'case_progress',
      'audit_log',
      'users',
      'idempotency_keys',
      'repeat_calls',
      'cases',
      'callers',
    ]) {
      await runner.query(`drop table if exists intake.${table}`);
    }
    await runner.query(`drop function if exists intake.audit_log_is_append_only`);
    await runner.query(`drop sequence if exists intake.case_number_seq`);
  }
}
