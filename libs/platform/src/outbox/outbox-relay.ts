import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { context, propagation, Span, SpanKind, trace } from '@opentelemetry/api';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { KafkaClients } from '../messaging/kafka-clients';
import { Outbox } from './outbox';

interface OutboxRow {
  seq: string;
  event_id: string;
  topic: string;
  key: string;
  payload: string;
  headers: Record<string, string>;
}

const BATCH_SIZE = Number(process.env.OUTBOX_BATCH_SIZE ?? 1000);
/**
 * Kafka refuses a record batch over the broker's message.max.bytes (1 MB by
 * default); a batch of long complaints could exceed it and stall the relay
 * forever, so a batch also stops at this many bytes of payload.
 */
const BATCH_BYTES = Number(process.env.OUTBOX_BATCH_BYTES ?? 768 * 1024);
const IDLE_POLL_MS = 250;

/**
 * Publishes the outbox to Kafka in `seq` order. One relay at a time holds a
 * transaction-scoped advisory lock, so several instances never reorder a
 * case's events. A crash between send and mark re-sends the batch: consumers
 * drop the duplicates by event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private listener: Client | null = null;
  private failures = 0;
  published = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kafka: KafkaClients,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.OUTBOX_RELAY === 'off') return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Rows not yet on Kafka: the backlog a health check and a metric show. */
  async backlog(): Promise<number> {
    const [row] = await this.dataSource.query(
      `select count(*)::int as n from "${this.config.schema}".outbox
        where published_at is null`,
    );
    return row.n;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.relayBatch();
        if (this.failures > 0) {
          this.logger.log({ msg: 'outbox relay recovered', failures: this.failures });
        }
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn({
            msg: 'outbox relay cannot publish; will retry',
            error: (error as Error).message,
            failures: this.failures,
          });
        }
        await this.kafka.resetProducer();
        await this.sleep(Math.min(200 * 2 ** Math.min(this.failures, 5), 5000));
        continue;
      }
      if (sent === 0) await this.sleep(IDLE_POLL_MS);
    }
  }

  private async relayBatch(): Promise<number> {
    // Connect to the broker before taking the lock: a relay cut off from
    // Kafka must not hold the lock (and a transaction) while it retries.
    await this.kafka.producer();

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [lock] = await runner.query(
        `select pg_try_advisory_xact_lock(hashtext($1)) as ok`,
        [`${this.config.schema}.outbox`],
      );
      if (!lock.ok) {
        await runner.rollbackTransaction();
        return 0;
      }

      const selected: OutboxRow[] = await runner.query(
        `select seq, event_id, topic, key, payload, headers
           from "${this.config.schema}".outbox
          where published_at is null
          order by seq
          limit $1`,
        [BATCH_SIZE],
      );
      const rows = withinBytes(selected, BATCH_BYTES);
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }

      await this.send(rows);
      await runner.query(
        `update "${this.config.schema}".outbox
            set published_at = now(), attempts = attempts + 1
          where seq = any($1::bigint[])`,
        [rows.map((r) => r.seq)],
      );
      await runner.commitTransaction();
      this.published += rows.length;
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) {
        await runner.rollbackTransaction().catch(() => undefined);
      }
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const list = byTopic.get(row.topic) ?? [];
      list.push(row);
      byTopic.set(row.topic, list);
    }

    const tracer = trace.getTracer(this.config.serviceName);
    const spans: Span[] = [];
    const producer = await this.kafka.producer();
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic.entries()].map(([topic, list]) => ({
          topic: this.kafka.topic(topic),
          messages: list.map((row) => {
            // Each event continues the trace of the request that stored it.
            const parent = propagation.extract(context.active(), row.headers);
            const span = tracer.startSpan(
              `publish ${row.headers['event-type'] ?? 'event'}`,
              {
                kind: SpanKind.PRODUCER,
                attributes: { 'messaging.destination.name': topic, 'lianzhi.case_id': row.key, 'lianzhi.service': this.config.serviceName },
              },
              parent,
            );
            spans.push(span);
            const headers: Record<string, string> = { ...row.headers, 'event-id': row.event_id };
            propagation.inject(trace.setSpan(parent, span), headers);
            return { key: row.key, value: row.payload, headers };
          }),
        })),
      });
    } finally {
      for (const span of spans) span.end();
    }
  }

  private async listen(): Promise<void> {
    try {
      this.listener = new Client({ connectionString: this.config.databaseUrl });
      this.listener.on('notification', () => this.wake?.());
      this.listener.on('error', () => undefined);
      await this.listener.connect();
      await this.listener.query(`listen "${this.outbox.channel}"`);
    } catch {
      // LISTEN is only a wake-up hint; polling still delivers everything.
      this.listener = null;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** The leading rows whose payloads fit in `limit` bytes; always at least one. */
export function withinBytes<T extends { payload: string }>(rows: T[], limit: number): T[] {
  let total = 0;
  for (let i = 0; i < rows.length; i += 1) {
    total += Buffer.byteLength(rows[i].payload) + 256;
    if (total > limit && i > 0) return rows.slice(0, i);
  }
  return rows;
}
