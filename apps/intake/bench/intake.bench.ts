/**
 * Accepted complaints per second through HTTP into PostgreSQL and onto
 * Kafka. Boots intake on a database and topic prefix of its own, then a
 * worker thread posts BENCH_COMPLAINTS complaints with BENCH_CONCURRENCY in
 * flight and waits until every ComplaintReceived is on the broker, so the
 * load generator does not share the service's event loop.
 *
 *   node -r ./tools/register.js apps/intake/bench/intake.bench.ts
 *
 * The broker, PostgreSQL and the generator still share the machine with the
 * service, so the figure is a floor for a dedicated host.
 */
import 'reflect-metadata';
import { Agent, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';

const TOTAL = Number(process.env.BENCH_COMPLAINTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const WARMUP = 200;
const TARGET = 2000;

interface Load {
  port: number;
  token: string;
  topic: string;
  brokers: string[];
}

interface Result {
  failures: number;
  acceptedMs: number;
  publishedMs: number;
}

async function main(): Promise<void> {
  process.env.DB_POOL_SIZE ??= '20';
  const { TOPICS } = await import('@lianzhi/domain');
  const { createService } = await import('@lianzhi/platform');
  const { createTestEnvironment, tokenFor } = await import('@lianzhi/platform/testing');
  const { AppModule } = await import('../src/app.module');

  const env = await createTestEnvironment('intake_bench');
  const app = await createService(AppModule.register(env.env()), 'intake bench');
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;

  try {
    const load: Load = {
      port,
      token: tokenFor({ sub: 'bench', name: 'bench', role: 'operator' }),
      topic: env.topic(TOPICS.intake),
      brokers: env.brokers,
    };
    const result = await new Promise<Result>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: load });
      worker.once('message', resolve);
      worker.once('error', reject);
    });

    const ok = TOTAL - result.failures;
    const httpRate = ok / (result.acceptedMs / 1000);
    const kafkaRate = ok / (result.publishedMs / 1000);
    process.stdout.write(
      [
        `intake bench: ${TOTAL} complaints, ${CONCURRENCY} in flight, ${result.failures} failed`,
        `  accepted (HTTP 201, in PostgreSQL): ${httpRate.toFixed(0)}/s`,
        `  on Kafka (end to end):             ${kafkaRate.toFixed(0)}/s`,
        `  target ${TARGET}/s: ${kafkaRate >= TARGET ? 'met' : 'not met'}`,
        '',
      ].join('\n'),
    );
  } finally {
    await app.close();
    await env.dispose();
  }
}

/** The load generator: posts, then counts events on the topic. */
async function generate(load: Load): Promise<Result> {
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
          port: load.port,
          path: '/complaints',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${load.token}`,
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
  const kafka = new Kafka({ clientId: 'intake-bench', brokers: load.brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [load.topic], fromBeginning: true });
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
    return { failures, acceptedMs: accepted - started, publishedMs: published - started };
  } finally {
    agent.destroy();
    await consumer.disconnect();
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

if (isMainThread) {
  void main().catch((error: Error) => {
    process.stderr.write(`bench failed: ${error.stack}\n`);
    process.exit(1);
  });
} else {
  void generate(workerData as Load).then((result) => parentPort?.postMessage(result));
}
