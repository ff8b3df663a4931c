/**
 * Accepted complaints per second through HTTP into PostgreSQL and onto
 * Kafka. Boots intake on a database and topic prefix of its own, posts
 * BENCH_COMPLAINTS complaints with BENCH_CONCURRENCY in flight, and waits
 * until every ComplaintReceived is on the broker.
 *
 *   node -r ./tools/register.js apps/intake/bench/intake.bench.ts
 *
 * The load generator shares the machine with the service, so the figure is
 * a floor for a dedicated host.
 */
import 'reflect-metadata';
import { Agent, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { TOPICS } from '@lianzhi/domain';
import { createService } from '@lianzhi/platform';
import { createTestEnvironment, tokenFor } from '@lianzhi/platform/testing';
import { AppModule } from '../src/app.module';

const TOTAL = Number(process.env.BENCH_COMPLAINTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const WARMUP = 200;
const TARGET = 2000;

async function main(): Promise<void> {
  process.env.DB_POOL_SIZE ??= '20';
  const env = await createTestEnvironment('intake_bench');
  const app = await createService(AppModule.register(env.env()), 'intake bench');
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;

  const token = tokenFor({ sub: 'bench', name: 'bench', role: 'operator' });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = (i: number) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({
        caller: { name: '压测', phone: '13800000000' },
        address: { text: `龙桥街道压测路${i}号`, township: 'longqiao' },
        description: `压测诉求 ${i}：楼道灯坏了，晚上看不见路`,
        urgency: 'normal',
      });
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/complaints',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  let onKafka = 0;
  const consumer = env.kafka().consumer({ groupId: `bench-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [env.topic(TOPICS.intake)], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      onKafka += batch.messages.length;
    },
  });

  try {
    await run(WARMUP, post, 0);
    await until(() => onKafka >= WARMUP);

    const started = performance.now();
    const failures = await run(TOTAL, post, WARMUP);
    const accepted = performance.now();
    await until(() => onKafka >= WARMUP + TOTAL - failures);
    const published = performance.now();

    const httpRate = (TOTAL - failures) / ((accepted - started) / 1000);
    const kafkaRate = (TOTAL - failures) / ((published - started) / 1000);
    process.stdout.write(
      [
        `intake bench: ${TOTAL} complaints, ${CONCURRENCY} in flight, ${failures} failed`,
        `  accepted (HTTP 201, in PostgreSQL): ${httpRate.toFixed(0)}/s`,
        `  on Kafka (end to end):             ${kafkaRate.toFixed(0)}/s`,
        `  target ${TARGET}/s: ${kafkaRate >= TARGET ? 'met' : 'not met'}`,
        '',
      ].join('\n'),
    );
  } finally {
    agent.destroy();
    await consumer.disconnect();
    await app.close();
    await env.dispose();
  }
}

async function run(
  count: number,
  post: (i: number) => Promise<number>,
  offset: number,
): Promise<number> {
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < count) {
      const i = offset + next;
      next += 1;
      const status = await post(i).catch(() => 0);
      if (status !== 201) {
        failures += 1;
        if (failures <= 3) process.stderr.write(`status ${status}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}

async function until(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('events did not reach Kafka in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

void main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack}\n`);
  process.exit(1);
});
