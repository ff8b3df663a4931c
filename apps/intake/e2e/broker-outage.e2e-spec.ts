import request from 'supertest';
import { NestExpressApplication } from '@nestjs/platform-express';
import { TOPICS } from '@lianzhi/domain';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import { bearer, bootIntake, complaint, readTopic, tokens } from './support';

const COMPLAINTS = 500;
const REPEATS = 50;

async function inBatches<T>(count: number, size: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, j) => work(start + j));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

describe('a complaint accepted while Kafka is unreachable', () => {
  let env: TestEnvironment;
  let cut: NestExpressApplication | undefined;
  let healthy: NestExpressApplication | undefined;

  beforeAll(async () => {
    env = await createTestEnvironment('intake_outage');
  });

  afterAll(async () => {
    await Promise.all([cut?.close(), healthy?.close()]);
    await env?.dispose();
  });

  it('is published once, in per-case order, by another instance when the broker is back', async () => {
    // This instance cannot reach any broker: the outbox keeps what it accepts.
    cut = await bootIntake(env, { KAFKA_BROKERS: '127.0.0.1:1' });
    const server = cut.getHttpServer();

    const accepted = await inBatches(COMPLAINTS, 25, (i) =>
      request(server)
        .post('/complaints')
        .set(bearer(tokens.operator))
        .send(complaint({ description: `停电第${i}户 ⚡`, address: { text: `新兖镇第${i}号` } })),
    );
    expect(accepted.map((r) => r.status)).toEqual(Array(COMPLAINTS).fill(201));

    const repeated = accepted.slice(0, REPEATS).map((r) => r.body.caseId as string);
    const repeats = await inBatches(REPEATS, 25, (i) =>
      request(server)
        .post(`/complaints/${repeated[i]}/repeats`)
        .set(bearer(tokens.operator))
        .send({ description: '又打电话来催' }),
    );
    expect(repeats.map((r) => r.status)).toEqual(Array(REPEATS).fill(201));

    const [backlog] = await env.query<{ n: number }>(
      `select count(*)::int as n from intake.outbox where published_at is null`,
    );
    expect(backlog.n).toBe(COMPLAINTS + REPEATS);

    const reader = await readTopic(env, TOPICS.intake);
    try {
      healthy = await bootIntake(env);
      await eventually(async () => reader.messages.length >= COMPLAINTS + REPEATS, {
        timeoutMs: 60_000,
        what: 'every event on Kafka',
      });

      const ids = reader.messages.map((m) => m.eventId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(COMPLAINTS + REPEATS);

      const cases = new Set(accepted.map((r) => r.body.caseId));
      expect(new Set(reader.messages.map((m) => m.key))).toEqual(cases);
      for (const caseId of repeated) {
        const types = reader.messages.filter((m) => m.key === caseId).map((m) => m.event.type);
        expect(types).toEqual(['ComplaintReceived', 'RepeatComplaintAttached']);
      }
    } finally {
      await reader.stop();
    }
  });
});
