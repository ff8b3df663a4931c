import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counts per Shanghai day and scope, so a dashboard over many months reads
 * a few hundred rows instead of every case; days a recompute touched are
 * marked dirty and counted again before they are read.
 */
export class DailyFigures1733500000001 implements MigrationInterface {
  name = 'DailyFigures1733500000001';

  async up(runner: QueryRunner): Promise<void> {
    const schema = runner.connection.driver.schema ?? 'reporting';
    await runner.query(`
      create table "${schema}".daily_figures (
        day date not null,
        grain text not null,
        scope text not null,
        counts jsonb not null,
        primary key (scope, day, grain)
      )`);
    await runner.query(`
      create table "${schema}".daily_dirty (
        id bigserial primary key,
        day date not null
      )`);
    await runner.query(`
      create index if not exists assignments_unfinished_m2
        on "${schema}".assignments (issued_at)
        where resolved_at is null or acknowledged_at is null`);
    await runner.query(`
      insert into "${schema}".daily_dirty (day)
      select distinct (issued_at at time zone 'Asia/Shanghai')::date
        from "${schema}".assignments
      union
      select distinct (received_at at time zone 'Asia/Shanghai')::date
        from "${schema}".cases`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = runner.connection.driver.schema ?? 'reporting';
    await runner.query(`drop table if exists "${schema}".daily_dirty`);
    await runner.query(`drop table if exists "${schema}".daily_figures`);
  }
}
