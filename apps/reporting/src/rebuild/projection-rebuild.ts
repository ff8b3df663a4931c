import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Consumer } from 'kafkajs';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DomainError, DomainEvent, parseEvent } from '@lianzhi/domain';
import { KafkaClients } from '@lianzhi/platform';
import { markAllDirty } from '../dashboard/daily-figures';
import { PROJECTED_TOPICS } from '../projections/project-events.consumer';
import { ProjectionStore } from '../projections/projection-store';
import {
  createProjectionTables,
  PROJECTION_TABLES,
  tableName,
} from '../projections/projection-tables';

const NEXT = '_next';
const OLD = '_old';
const RECOMPUTE_BATCH = 500;

export interface RebuildResult {
  readonly events: number;
  readonly cases: number;
  /** Events the live consumer applied while the replay ran, copied in at the swap. */
  readonly caughtUp: number;
  readonly startedAt: string;
  readonly finishedAt: string;
}

/**
 * Replays every topic from its first offset, under a consumer group of its
 * own, into a fresh set of projection tables, then swaps them in. The swap
 * locks the live tables, copies in whatever the live consumer stored in the
 * meantime, and renames, so no event is lost and readers never see a half
 * set.
 */
@Injectable()
export class ProjectionRebuild {
  private readonly logger = new Logger(ProjectionRebuild.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kafka: KafkaClients,
    private readonly store: ProjectionStore,
  ) {}

  async rebuild(): Promise<RebuildResult> {
    const startedAt = new Date().toISOString();
    const guard = this.dataSource.createQueryRunner();
    await guard.connect();
    try {
      const [lock] = await guard.query(
        `select pg_try_advisory_lock(hashtext($1)) as ok`,
        [`${this.store.schema}.rebuild`],
      );
      if (!lock.ok) {
        throw new DomainError(
          'REBUILD.IN_PROGRESS',
          'a rebuild is already running',
        );
      }
      try {
        return await this.run(startedAt);
      } finally {
        await guard.query(`select pg_advisory_unlock(hashtext($1))`, [
          `${this.store.schema}.rebuild`,
        ]);
      }
    } finally {
      await guard.release();
    }
  }

  private async run(startedAt: string): Promise<RebuildResult> {
    await this.createNextTables();
    const events = await this.replay();
    const cases = await this.recomputeAll();
    const caughtUp = await this.swap();
    const result = {
      events,
      cases,
      caughtUp,
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    this.logger.log({ msg: 'projections rebuilt', ...result });
    return result;
  }

  private async createNextTables(): Promise<void> {
    const schema = this.store.schema;
    await this.dataSource.transaction(async (manager) => {
      for (const table of PROJECTION_TABLES) {
        await manager.query(
          `drop table if exists ${tableName(schema, table, NEXT)}`,
        );
      }
      for (const statement of createProjectionTables(schema, NEXT)) {
        await manager.query(statement);
      }
    });
  }

  /** Reads every partition up to the end it had when the replay began. */
  private async replay(): Promise<number> {
    const topics = PROJECTED_TOPICS.map((t) => this.kafka.topic(t));
    const remaining = new Map<string, bigint>();
    const admin = this.kafka.kafka.admin();
    await admin.connect();
    try {
      for (const topic of topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(p.high) > BigInt(p.low)) {
            remaining.set(`${topic}:${p.partition}`, BigInt(p.high) - 1n);
          }
        }
      }
    } finally {
      await admin.disconnect();
    }
    if (remaining.size === 0) return 0;

    const groupId = this.kafka.topic(`reporting-rebuild-${randomUUID()}`);
    const consumer: Consumer = this.kafka.kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      allowAutoTopicCreation: false,
    });
    let stored = 0;
    const events = tableName(this.store.schema, 'events', NEXT);

    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch, heartbeat }) => {
              const key = `${batch.topic}:${batch.partition}`;
              const last = remaining.get(key);
              const wanted = batch.messages.filter(
                (m) => last !== undefined && BigInt(m.offset) <= last,
              );
              const parsed: DomainEvent[] = [];
              for (const message of wanted) {
                try {
                  parsed.push(parseEvent(message.value));
                } catch {
                  // The live consumer dead-lettered it; a replay skips it too.
                }
              }
              stored += await this.storeEvents(events, batch.topic, parsed);
              await heartbeat();

              const reached = wanted.at(-1);
              if (
                last !== undefined &&
                reached &&
                BigInt(reached.offset) >= last
              ) {
                remaining.delete(key);
                if (remaining.size === 0) resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
      const admin2 = this.kafka.kafka.admin();
      await admin2.connect();
      await admin2.deleteGroups([groupId]).catch(() => undefined);
      await admin2.disconnect();
    }
    return stored;
  }

  private async storeEvents(
    table: string,
    topic: string,
    events: readonly DomainEvent[],
  ): Promise<number> {
    if (events.length === 0) return 0;
    const params: unknown[] = [];
    const tuples = events.map((event) => {
      params.push(
        event.id,
        event.caseId,
        event.type,
        event.occurredAt,
        JSON.stringify(event.actor),
        JSON.stringify(event.data),
        topic,
      );
      const base = params.length - 7;
      return `(${[1, 2, 3, 4, 5, 6, 7].map((i) => `$${base + i}`).join(', ')})`;
    });
    const rows = await this.dataSource.query(
      `insert into ${table} (id, case_id, type, occurred_at, actor, data, topic)
       values ${tuples.join(', ')}
       on conflict (id) do nothing
       returning id`,
      params,
    );
    return rows.length;
  }

  private async recomputeAll(): Promise<number> {
    const ids: { case_id: string }[] = await this.dataSource.query(
      `select distinct case_id from ${tableName(this.store.schema, 'events', NEXT)}`,
    );
    for (let i = 0; i < ids.length; i += RECOMPUTE_BATCH) {
      const batch = ids.slice(i, i + RECOMPUTE_BATCH);
      await this.dataSource.transaction(async (manager) => {
        for (const { case_id } of batch) {
          await this.store.recompute(manager, case_id, NEXT);
        }
      });
    }
    return ids.length;
  }

  private async swap(): Promise<number> {
    const schema = this.store.schema;
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const manager: EntityManager = runner.manager;
      await manager.query(
        `lock table ${PROJECTION_TABLES.map((t) => tableName(schema, t)).join(', ')}
          in access exclusive mode`,
      );

      const copied: { case_id: string }[] = await manager.query(
        `insert into ${tableName(schema, 'events', NEXT)}
         select * from ${tableName(schema, 'events')} live
          where not exists (
            select 1 from ${tableName(schema, 'events', NEXT)} n where n.id = live.id)
         returning case_id`,
      );
      for (const caseId of new Set(copied.map((row) => row.case_id))) {
        await this.store.recompute(manager, caseId, NEXT);
      }

      for (const table of PROJECTION_TABLES) {
        await manager.query(
          `alter table ${tableName(schema, table)} rename to "${table}${OLD}"`,
        );
        await manager.query(
          `alter table ${tableName(schema, table, NEXT)} rename to "${table}"`,
        );
        await manager.query(`drop table ${tableName(schema, table, OLD)}`);
      }
      await markAllDirty((sql, params) => manager.query(sql, params), schema);
      await runner.commitTransaction();
      return copied.length;
    } catch (error) {
      if (runner.isTransactionActive)
        await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
