import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TOPIC_PARTITIONS, UNITS, unitTopic } from '@lianzhi/domain';
import { KafkaClients } from '@lianzhi/platform';
import { GATEWAY_SETTINGS, GatewaySettings } from '../gateway.settings';

interface FeedRow {
  seq: string;
  event_id: string;
  unit: string;
  case_id: string;
  payload: string;
}

const BATCH = 200;

/**
 * Publishes each unit's copy of its events to `lianzhi.unit.<code>`, in the
 * order they were recorded, for unit systems that consume Kafka directly.
 * Like the outbox relay, one instance at a time holds the lock, and a crash
 * between send and mark re-sends: consumers drop duplicates by event id.
 */
@Injectable()
export class UnitTopicRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UnitTopicRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kafka: KafkaClients,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A broker that is down at start must not keep the inbox from starting:
    // the topics are created as soon as it answers.
    this.topicsReady = this.createUnitTopicsWhenPossible();
    if (this.settings.deliveryPollMs > 0) this.schedule();
  }

  private topicsReady: Promise<void> | null = null;

  private async createUnitTopicsWhenPossible(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt += 1) {
      try {
        await this.createUnitTopics();
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 10 === 0) {
          this.logger.warn({
            msg: 'cannot create unit topics yet; retrying',
            error: (error as Error).message,
          });
        }
        await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 5000)));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.topicsReady;
  }

  /** Every member unit gets its topic at start, so none waits for its first event. */
  async createUnitTopics(): Promise<void> {
    const admin = this.kafka.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = UNITS.map((u) => this.kafka.topic(unitTopic(u.code))).filter(
        (t) => !existing.has(t),
      );
      if (missing.length === 0) return;

      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: TOPIC_PARTITIONS,
        })),
      });
      this.logger.log({ msg: 'unit topics created', count: missing.length });
    } finally {
      await admin.disconnect();
    }
  }

  /** Publishes what is waiting; returns how many copies went out. */
  async runOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [lock] = await manager.query(
        `select pg_try_advisory_xact_lock(hashtext('gateway.unit_feed')) as ok`,
      );
      if (!lock.ok) return 0;

      const rows: FeedRow[] = await manager.query(
        `select seq, event_id, unit, case_id, payload from gateway.unit_feed
          where published_at is null order by seq limit $1`,
        [BATCH],
      );
      if (rows.length === 0) return 0;

      const byTopic = new Map<string, FeedRow[]>();
      for (const row of rows) {
        const topic = this.kafka.topic(unitTopic(row.unit));
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), row]);
      }

      const producer = await this.kafka.producer();
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic.entries()].map(([topic, list]) => ({
          topic,
          messages: list.map((row) => ({
            key: row.case_id,
            value: row.payload,
            headers: { 'event-id': row.event_id },
          })),
        })),
      });
      await manager.query(
        `update gateway.unit_feed set published_at = now()
          where seq = any($1::bigint[])`,
        [rows.map((r) => r.seq)],
      );
      return rows.length;
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch(async (error: Error) => {
          this.logger.warn({ msg: 'unit topic copy failed; will retry', error: error.message });
          await this.kafka.resetProducer();
        })
        .finally(() => this.schedule());
    }, this.settings.deliveryPollMs);
  }
}
