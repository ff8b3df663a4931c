import { MigrationInterface, QueryRunner } from 'typeorm';
import { createProjectionTables } from '../projections/projection-tables';

/**
 * The projections (rebuildable from Kafka) and the tables reporting owns as
 * a writer: the escalation steps it has taken, the joint meetings' minutes
 * and the households each property company serves.
 */
export class ReportingTables1733500000000 implements MigrationInterface {
  name = 'ReportingTables1733500000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = runner.connection.driver.schema ?? 'reporting';
    for (const statement of createProjectionTables(schema, '')) {
      await runner.query(statement);
    }

    await runner.query(`
      create table "${schema}".escalation_steps (
        assignment_id text not null,
        step text not null,
        case_id text not null,
        unit text not null,
        township text,
        event_id uuid not null unique,
        breach text not null,
        due_at timestamptz not null,
        taken_at timestamptz not null,
        points_deducted int not null default 0,
        primary key (assignment_id, step)
      )`);

    await runner.query(`
      create table "${schema}".joint_meetings (
        meeting_id uuid primary key,
        township text not null,
        month text not null,
        held_at timestamptz not null,
        attendees jsonb not null,
        decisions jsonb not null,
        recorded_by text not null,
        recorded_at timestamptz not null default now()
      )`);
    await runner.query(`
      create index joint_meetings_township_month
        on "${schema}".joint_meetings (township, month)`);

    await runner.query(`
      create table "${schema}".property_households (
        company text primary key,
        households int not null check (households > 0),
        updated_at timestamptz not null default now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = runner.connection.driver.schema ?? 'reporting';
    for (const table of [
      'property_households',
      'joint_meetings',
      'escalation_steps',
      'assignments',
      'cases',
      'events',
    ]) {
      await runner.query(`drop table if exists "${schema}".${table}`);
    }
  }
}
