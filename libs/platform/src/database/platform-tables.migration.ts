import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables every service has in its own schema: the outbox it publishes
 * from, and the record of the events it has already applied.
 */
export function platformTablesMigration(schema: string) {
  return class PlatformTables1733300000000 implements MigrationInterface {
    name = `PlatformTables1733300000000`;

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`create schema if not exists "${schema}"`);
      await runner.query(`
        create table if not exists "${schema}".outbox (
          seq bigserial primary key,
          event_id uuid not null unique,
          topic text not null,
          key text not null,
          payload text not null,
          headers jsonb not null default '{}',
          created_at timestamptz not null default now(),
          published_at timestamptz,
          attempts int not null default 0,
          last_error text
        )`);
      await runner.query(`
        create index if not exists outbox_unpublished
          on "${schema}".outbox (seq) where published_at is null`);
      await runner.query(`
        create table if not exists "${schema}".processed_events (
          event_id uuid primary key,
          topic text not null,
          processed_at timestamptz not null default now(),
          outcome text not null default 'applied'
        )`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`drop table if exists "${schema}".processed_events`);
      await runner.query(`drop table if exists "${schema}".outbox`);
    }
  };
}
