import { AddressInfo, createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { TOPICS, TOPIC_PARTITIONS, withPrefix } from '@lianzhi/domain';

/**
 * A database and a topic prefix of a test's own on the shared broker and
 * server, so that test files run side by side without seeing each other.
 */
export interface TestEnvironment {
  readonly databaseUrl: string;
  readonly topicPrefix: string;
  readonly brokers: string[];
  /** Environment for a service under test. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  topic(name: string): string;
  kafka(): Kafka;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
}

export async function createTestEnvironment(
  name: string,
  extraTopics: string[] = [],
): Promise<TestEnvironment> {
  const adminUrl =
    process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const suffix = randomBytes(4).toString('hex');
  const database = `t_${name.replace(/\W/g, '_')}_${suffix}`.toLowerCase();
  const topicPrefix = `t${suffix}`;

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();

  const kafka = new Kafka({ clientId: `test-${name}`, brokers, logLevel: logLevel.NOTHING });
  const topics = [...Object.values(TOPICS), ...extraTopics].map((t) =>
    withPrefix(topicPrefix, t),
  );
  // A busy broker may briefly not serve a new topic's metadata; that is
  // retriable, and creating only what is missing makes a retry safe.
  for (let attempt = 1; ; attempt += 1) {
    const kafkaAdmin = kafka.admin();
    try {
      await kafkaAdmin.connect();
      const existing = new Set(await kafkaAdmin.listTopics());
      await kafkaAdmin.createTopics({
        waitForLeaders: true,
        topics: topics
          .filter((topic) => !existing.has(topic))
          .map((topic) => ({
            topic,
            numPartitions: TOPIC_PARTITIONS,
            replicationFactor: 1,
          })),
      });
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await kafkaAdmin.disconnect().catch(() => undefined);
    }
  }

  let db: Client | null = null;

  return {
    databaseUrl,
    topicPrefix,
    brokers,
    env: (extra = {}) => ({
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...extra,
    }),
    topic: (t) => withPrefix(topicPrefix, t),
    kafka: () => kafka,
    async query(sql, params = []) {
      if (!db) {
        db = new Client({ connectionString: databaseUrl });
        await db.connect();
      }
      const result = await db.query(sql, params);
      return result.rows;
    },
    async dispose() {
      await (db as Client | null)?.end().catch(() => undefined);
      const cleanup = kafka.admin();
      await cleanup.connect();
      await cleanup.deleteTopics({ topics }).catch(() => undefined);
      await cleanup.disconnect();
      const drop = new Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`drop database if exists "${database}" with (force)`);
      await drop.end();
    },
  };
}

/** Polls until `check` returns a truthy value or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  { timeoutMs = 30_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** A signed token for a test principal, as the sign-in endpoint would issue. */
export function tokenFor(
  principal: { sub: string; name: string; role: string; unit?: string; township?: string },
  secret = process.env.JWT_SECRET ?? 'lianzhi-development-secret-change-me',
): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JwtService } = require('@nestjs/jwt');
  return new JwtService({ secret }).sign(principal, { algorithm: 'HS256', expiresIn: '1h' });
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
