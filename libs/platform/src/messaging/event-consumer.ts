import {
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  context,
  Context,
  propagation,
  Span,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import {
  DomainEvent,
  isDomainError,
  parseEvent,
  TOPICS,
} from '@lianzhi/domain';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { KafkaClients } from './kafka-clients';
import { Metrics } from '../health/metrics';

export interface ConsumedEvent {
  readonly event: DomainEvent;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /**
   * The trace the event belongs to, in batches: pass it to `Outbox.append`
   * so that what the event causes continues its trace.
   */
  readonly trace?: Context;
}

/** Applies one event inside the consumer's transaction. */
export type EventHandler = (
  consumed: ConsumedEvent,
  manager: EntityManager,
) => Promise<void>;

/** Applies several events of one partition, in order, in one transaction. */
export type BatchEventHandler = (
  consumed: readonly ConsumedEvent[],
  manager: EntityManager,
) => Promise<void>;

export interface ConsumerOptions {
  readonly groupId: string;
  /** Logical topic names (without the prefix). */
  readonly topics: readonly string[];
  readonly handle: EventHandler;
  /**
   * Optional, for throughput: applies a whole chunk of new events at once.
   * When it throws a DomainError (or a message is unreadable) the chunk is
   * applied again event by event with `handle`, so that only the offending
   * event is dead-lettered.
   */
  readonly handleBatch?: BatchEventHandler;
  readonly fromBeginning?: boolean;
}

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  deadLettered: number;
  lastAppliedAt: string | null;
}

const CHUNK = 200;

/**
 * Runs a consumer group whose effects are exactly-once: each event id is
 * recorded in `processed_events` in the same transaction as its effects, and
 * offsets are committed only after that transaction. A message that is not a
 * valid event, or that breaks a domain rule, goes to the dead-letter topic and
 * the partition moves on; any other failure (database or broker down) is
 * retried, in order, until it succeeds.
 */
@Injectable()
export class EventConsumers implements OnApplicationShutdown {
  private readonly logger = new Logger(EventConsumers.name);
  private readonly consumers: Consumer[] = [];
  readonly stats: ConsumerStats = {
    applied: 0,
    duplicates: 0,
    deadLettered: 0,
    lastAppliedAt: null,
  };
  /** Consumers that are members of their group now; a rebalance rejoins, it does not add. */
  private readonly joined = new Set<Consumer>();
  private stopping = false;

  constructor(
    private readonly kafka: KafkaClients,
    private readonly metrics: Metrics,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  get healthy(): boolean {
    return this.consumers.every((c) => this.joined.has(c));
  }

  async start(options: ConsumerOptions): Promise<void> {
    const consumer = this.kafka.kafka.consumer({
      groupId: this.kafka.topic(options.groupId),
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 20_000,
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
    this.consumers.push(consumer);

    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined.add(consumer);
    });
    consumer.on(consumer.events.CRASH, (e) => {
      this.joined.delete(consumer);
      this.logger.warn({ msg: 'consumer crashed; kafkajs restarts it', error: e.payload.error?.message });
    });
    consumer.on(consumer.events.DISCONNECT, () => {
      this.joined.delete(consumer);
    });

    await consumer.connect();
    await subscribeOnceTopicsAreKnown(consumer, {
      topics: options.topics.map((t) => this.kafka.topic(t)),
      fromBeginning: options.fromBeginning ?? true,
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: (payload) => this.consumeBatch(payload, options),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.consumers.map((c) => c.disconnect().catch(() => undefined)));
    this.consumers.length = 0;
  }

  private async consumeBatch(
    payload: EachBatchPayload,
    options: ConsumerOptions,
  ): Promise<void> {
    const { batch } = payload;

    for (let i = 0; i < batch.messages.length; i += CHUNK) {
      if (!payload.isRunning() || payload.isStale()) return;

      const chunk = batch.messages.slice(i, i + CHUNK);
      await this.untilApplied(payload, () =>
        this.applyChunk(batch.topic, batch.partition, chunk, options),
      );

      payload.resolveOffset(chunk[chunk.length - 1].offset);
      this.recordLag(batch.topic, batch.partition, batch.highWatermark, chunk[chunk.length - 1].offset);
      await payload.commitOffsetsIfNecessary({
        topics: [
          {
            topic: batch.topic,
            partitions: [
              {
                partition: batch.partition,
                offset: (BigInt(chunk[chunk.length - 1].offset) + 1n).toString(),
              },
            ],
          },
        ],
      });
      await payload.heartbeat();
    }
  }

  private readonly lag = new Map<string, Map<number, number>>();

  /** Messages behind the end of the topic, summed over its partitions. */
  private recordLag(topic: string, partition: number, highWatermark: string, offset: string): void {
    const partitions = this.lag.get(topic) ?? new Map<number, number>();
    partitions.set(partition, Math.max(0, Number(BigInt(highWatermark) - BigInt(offset) - 1n)));
    this.lag.set(topic, partitions);
    let total = 0;
    for (const behind of partitions.values()) total += behind;
    this.metrics.consumerLag.set({ topic }, total);
  }

  /** Retries a transient failure forever, keeping the partition in order. */
  private async untilApplied(
    payload: EachBatchPayload,
    apply: () => Promise<void>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await apply();
        return;
      } catch (error) {
        if (this.stopping || !payload.isRunning()) throw error;
        if (attempt === 1 || attempt % 20 === 0) {
          this.logger.warn({
            msg: 'cannot apply events yet; retrying',
            error: (error as Error).message,
            attempt,
          });
        }
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 5000)));
        await payload.heartbeat().catch(() => undefined);
      }
    }
  }

  private async applyChunk(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    options: ConsumerOptions,
  ): Promise<void> {
    const deadLetters: { message: KafkaMessage; code: string; reason: string; field?: string }[] = [];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let applied = 0;
    let duplicates = 0;
    try {
      await runner.startTransaction();
      const batch = options.handleBatch
        ? await this.applyAsBatch(runner, topic, partition, messages, options)
        : null;
      if (batch) {
        applied = batch.applied;
        duplicates = batch.duplicates;
      }
      for (const message of batch ? [] : messages) {
        let event: DomainEvent;
        try {
          event = parseEvent(message.value);
        } catch (error) {
          deadLetters.push({ message, ...describe(error) });
          continue;
        }

        const fresh = await runner.query(
          `insert into "${this.config.schema}".processed_events (event_id, topic)
           values ($1, $2) on conflict (event_id) do nothing returning event_id`,
          [event.id, topic],
        );
        if (fresh.length === 0) {
          duplicates += 1;
          continue;
        }

        await runner.query('savepoint apply_event');
        try {
          await this.traced(message, event, () =>
            options.handle(
              { event, topic, partition, offset: message.offset },
              runner.manager,
            ),
          );
          await runner.query('release savepoint apply_event');
          applied += 1;
        } catch (error) {
          if (!isPermanent(error)) throw error;
          await runner.query('rollback to savepoint apply_event');
          await runner.query(
            `update "${this.config.schema}".processed_events
                set outcome = 'dead-lettered' where event_id = $1`,
            [event.id],
          );
          deadLetters.push({ message, ...describe(error) });
        }
      }
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) {
        await runner.rollbackTransaction().catch(() => undefined);
      }
      throw error;
    } finally {
      await runner.release();
    }

    if (deadLetters.length > 0) {
      await this.deadLetter(topic, partition, options.groupId, deadLetters);
    }
    this.stats.applied += applied;
    this.stats.duplicates += duplicates;
    this.stats.deadLettered += deadLetters.length;
    if (applied > 0) this.stats.lastAppliedAt = new Date().toISOString();
  }

  /**
   * The whole chunk through `handleBatch`, or null when it must be applied
   * event by event (a message is unreadable or a domain rule is broken).
   */
  private async applyAsBatch(
    runner: QueryRunner,
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    options: ConsumerOptions,
  ): Promise<{ applied: number; duplicates: number } | null> {
    const parsed: { message: KafkaMessage; event: DomainEvent }[] = [];
    for (const message of messages) {
      try {
        parsed.push({ message, event: parseEvent(message.value) });
      } catch {
        return null;
      }
    }

    await runner.query('savepoint apply_batch');
    const rows: { event_id: string }[] = await runner.query(
      `insert into "${this.config.schema}".processed_events (event_id, topic)
       select unnest($1::uuid[]), $2
       on conflict (event_id) do nothing returning event_id`,
      [parsed.map((p) => p.event.id), topic],
    );
    // PostgreSQL answers uuids in lower case; a repeat within the chunk is
    // applied once.
    const fresh = new Set(rows.map((r) => r.event_id));
    const spans: Span[] = [];
    const apply: ConsumedEvent[] = parsed
      .filter((p) => fresh.delete(p.event.id.toLowerCase()))
      .map(({ message, event }) => {
        const { span, trace: traced } = this.startSpan(message, event);
        spans.push(span);
        const offset = message.offset;
        return { event, topic, partition, offset, trace: traced };
      });

    try {
      if (apply.length > 0) {
        await options.handleBatch?.(apply, runner.manager);
      }
      await runner.query('release savepoint apply_batch');
      return { applied: apply.length, duplicates: parsed.length - apply.length };
    } catch (error) {
      if (!isPermanent(error)) throw error;
      await runner.query('rollback to savepoint apply_batch');
      return null;
    } finally {
      for (const span of spans) span.end();
    }
  }

  /** A consumer span for one event of a batch, child of its producer's. */
  private startSpan(
    message: KafkaMessage,
    event: DomainEvent,
  ): { span: Span; trace: Context } {
    const carrier: Record<string, string> = {};
    for (const [key, value] of Object.entries(message.headers ?? {})) {
      if (value !== undefined) carrier[key] = value.toString();
    }
    const parent = propagation.extract(context.active(), carrier);
    const span = trace.getTracer(this.config.serviceName).startSpan(
      `consume ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'lianzhi.case_id': event.caseId,
          'lianzhi.event_id': event.id,
          'lianzhi.service': this.config.serviceName,
        },
      },
      parent,
    );
    return { span, trace: trace.setSpan(parent, span) };
  }

  private async traced<T>(
    message: KafkaMessage,
    event: DomainEvent,
    work: () => Promise<T>,
  ): Promise<T> {
    const carrier: Record<string, string> = {};
    for (const [key, value] of Object.entries(message.headers ?? {})) {
      if (value !== undefined) carrier[key] = value.toString();
    }
    const parent = propagation.extract(context.active(), carrier);
    const tracer = trace.getTracer(this.config.serviceName);
    return tracer.startActiveSpan(
      `consume ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'lianzhi.case_id': event.caseId,
          'lianzhi.event_id': event.id,
          'lianzhi.service': this.config.serviceName,
        },
      },
      parent,
      async (span) => {
        try {
          return await work();
        } finally {
          span.end();
        }
      },
    );
  }

  private async deadLetter(
    topic: string,
    partition: number,
    groupId: string,
    items: { message: KafkaMessage; code: string; reason: string; field?: string }[],
  ): Promise<void> {
    const producer = await this.kafka.producer();
    await producer.send({
      topic: this.kafka.topic(TOPICS.deadLetter),
      acks: -1,
      messages: items.map(({ message, code, reason, field }) => ({
        key: message.key,
        value: message.value,
        headers: {
          'dead-letter-code': code,
          'dead-letter-reason': reason,
          'dead-letter-field': field ?? '',
          'source-topic': topic,
          'source-partition': String(partition),
          'source-offset': message.offset,
          'consumer-group': groupId,
          'consumer-service': this.config.serviceName,
        },
      })),
    });
    for (const { message, code, reason } of items) {
      this.logger.warn({ msg: 'event dead-lettered', topic, partition, offset: message.offset, code, reason });
    }
  }
}

/**
 * A failure that no retry can cure: a broken domain rule, or data PostgreSQL
 * refuses (SQLSTATE class 22, data exception — a NUL in text, an invalid
 * date; class 23, integrity constraint violation). Retrying such an event
 * would stop its partition for ever, so it is dead-lettered instead.
 */
export function isPermanent(error: unknown): boolean {
  return isDomainError(error) || /^2[23]/.test(sqlState(error) ?? '');
}

function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function describe(error: unknown): { code: string; reason: string; field?: string } {
  if (isDomainError(error)) {
    return { code: error.code, reason: error.message, field: error.field };
  }
  const state = sqlState(error);
  if (state) {
    return { code: `DATABASE.REJECTED_${state}`, reason: (error as Error).message };
  }
  return { code: 'EVENT.UNREADABLE', reason: (error as Error).message };
}

/**
 * Subscribes, waiting while the broker does not yet know a topic. Topics are
 * created before the services start, but a broker that has just created them
 * can answer a metadata request with UNKNOWN_TOPIC_OR_PARTITION for a moment;
 * kafkajs does not retry that inside subscribe.
 */
export async function subscribeOnceTopicsAreKnown(
  consumer: Pick<Consumer, 'subscribe'>,
  subscription: { topics: string[]; fromBeginning: boolean },
  attempts = 60,
  pauseMs = 500,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await consumer.subscribe(subscription);
      return;
    } catch (error) {
      const unknownTopic = (error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION';
      if (!unknownTopic || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
