/**
 * Accepted complaints per second through HTTP into PostgreSQL and onto
 * Kafka. Starts intake's main on a database and topic prefix of its own,
 * once per entry of BENCH_WORKERS (default 1,2: one process, then two
 * copies sharing the port, as WORKERS=2 runs it on a two-core host); a
 * worker thread posts BENCH_COMPLAINTS complaints with BENCH_CONCURRENCY in
 * flight (default 64, then 256) and waits until every ComplaintReceived is on
 * the broker; prints rates and the answer latency's p50 and p99.
 *
 *   node -r ./tools/register.js apps/intake/bench/intake.bench.ts
 *
 * The broker, PostgreSQL and the generator still share the machine with the
 * service, so the figure is a floor for a dedicated host.
 *
 * BENCH_NODE_ARGS adds flags to the service's node (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof" to profile it); BENCH_SERVICE_LOG writes its
 * standard output to a file.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { connect, Socket } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';

/**
 * Long enough to measure the steady state: JIT compilation and the first
 * connections to PostgreSQL and the broker weigh on a short run.
 */
const TOTAL = Number(process.env.BENCH_COMPLAINTS ?? 30_000);
/** Requests in flight, one list entry per run (BENCH_CONCURRENCY=64,256). */
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '64,256').split(',').map(Number);
const WARMUP = 200;
const TARGET = 2000;

interface Load {
  concurrency: number;
  port: number;
  token: string;
  topic: string;
  brokers: string[];
}

interface Result {
  failures: number;
  acceptedMs: number;
  publishedMs: number;
  /** Milliseconds from sending a request to its answer, sorted. */
  latencies: Float64Array;
}

async function main(): Promise<void> {
  const counts = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
  for (const workers of counts) {
    for (const concurrency of CONCURRENCIES) await measure(workers, concurrency);
  }
}

/**
 * Starts intake as it is deployed (its main, with WORKERS copies sharing
 * the port) on a database and topic prefix of its own, then loads it.
 */
async function measure(workers: number, concurrency: number): Promise<void> {
  const { TOPICS } = await import('@lianzhi/domain');
  const { createTestEnvironment, freePort, tokenFor } = await import('@lianzhi/platform/testing');

  const env = await createTestEnvironment('intake_bench');
  const port = await freePort();
  const service = spawn(
    process.execPath,
    // As tools/cluster.mjs and the Dockerfile start it.
    [...(process.env.BENCH_NODE_ARGS?.split(' ') ?? []), '--max-semi-space-size=32', '-r', './tools/register.js', 'apps/intake/src/main.ts'],
    {
      env: env.env({ PORT: String(port), WORKERS: String(workers), DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20' }),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise((resolve) => service.once('exit', resolve));

  try {
    await listening(service, port, workers);
    const load: Load = {
      concurrency,
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
        `intake bench: ${workers} worker process${workers > 1 ? 'es' : ''}, ${TOTAL} complaints, ${concurrency} in flight, ${result.failures} failed`,
        `  accepted (HTTP 201, in PostgreSQL): ${httpRate.toFixed(0)}/s`,
        `  answer latency: p50 ${percentile(result.latencies, 0.5)} ms, p99 ${percentile(result.latencies, 0.99)} ms`,
        `  on Kafka (end to end):             ${kafkaRate.toFixed(0)}/s`,
        `  target ${TARGET}/s: ${kafkaRate >= TARGET ? 'met' : 'not met'}`,
        '',
      ].join('\n'),
    );
  } finally {
    service.kill('SIGTERM');
    await exited;
    await env.dispose();
  }
}

function percentile(sorted: Float64Array, p: number): string {
  if (sorted.length === 0) return '-';
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
}

/** Ready when every copy listens: a copy still starting takes no connections. */
async function listening(service: ChildProcess, port: number, workers: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  if (workers > 1) {
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('intake workers did not start')), 120_000);
      service.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(`all ${workers} workers listening`)) {
          clearTimeout(timer);
          resolve();
        }
      });
      service.once('exit', () => reject(new Error('intake exited')));
    });
  }
  if (process.env.BENCH_SERVICE_LOG) {
    service.stdout?.pipe(createWriteStream(process.env.BENCH_SERVICE_LOG));
  } else {
    service.stdout?.resume();
  }
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('intake did not become ready');
}

/**
 * The load generator: posts, then counts events on the topic. It writes
 * HTTP/1.1 by hand on keep-alive sockets, one request in flight per socket,
 * so the generator takes as little of the shared CPU as it can.
 */
async function generate(load: Load): Promise<Result> {
  const head = (length: number) =>
    `POST /complaints HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: keep-alive\r\n` +
    `content-type: application/json\r\nauthorization: Bearer ${load.token}\r\n` +
    `content-length: ${length}\r\n\r\n`;
  const body = (i: number) =>
    Buffer.from(
      JSON.stringify({
        caller: { name: '压测', phone: '13800000000' },
        address: { text: `龙桥街道压测路${i}号`, township: 'longqiao' },
        description: `压测诉求 ${i}：楼道灯坏了，晚上看不见路`,
        urgency: 'normal',
      }),
    );
  const post = (socket: Connection, i: number) => {
    const payload = body(i);
    return socket.send(Buffer.concat([Buffer.from(head(payload.length)), payload]));
  };

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

  const sockets = await Promise.all(
    Array.from({ length: load.concurrency }, () => Connection.open(load.port)),
  );
  try {
    await run(WARMUP, sockets, post, 0, new Float64Array(WARMUP));
    await until(() => onKafka >= WARMUP);

    const latencies = new Float64Array(TOTAL);
    const started = performance.now();
    const failures = await run(TOTAL, sockets, post, WARMUP, latencies);
    const accepted = performance.now();
    await until(() => onKafka >= WARMUP + TOTAL - failures);
    const published = performance.now();
    return {
      failures,
      acceptedMs: accepted - started,
      publishedMs: published - started,
      latencies: latencies.sort(),
    };
  } finally {
    sockets.forEach((s) => s.close());
    await consumer.disconnect();
  }
}

/** One keep-alive connection answering one request at a time. */
class Connection {
  private buffer = Buffer.alloc(0);
  private pending: { resolve: (status: number) => void; reject: (e: Error) => void } | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (error) => this.pending?.reject(error));
    socket.on('close', () => this.pending?.reject(new Error('connection closed')));
  }

  static open(port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new Connection(socket)));
      socket.setNoDelay(true);
      socket.once('error', reject);
    });
  }

  send(request: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  /** Waits for a whole response (headers and a content-length body). */
  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const headers = this.buffer.toString('latin1', 0, end);
    const length = Number(/content-length: *(\d+)/i.exec(headers)?.[1] ?? 0);
    if (this.buffer.length < end + 4 + length) return;
    this.buffer = this.buffer.subarray(end + 4 + length);
    const status = Number(headers.slice(9, 12));
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(status);
  }
}

async function run(
  count: number,
  sockets: Connection[],
  post: (socket: Connection, i: number) => Promise<number>,
  offset: number,
  latencies: Float64Array,
): Promise<number> {
  let next = 0;
  let failures = 0;
  const worker = async (socket: Connection) => {
    while (next < count) {
      const n = next;
      const i = offset + n;
      next += 1;
      const sent = performance.now();
      const status = await post(socket, i).catch(() => 0);
      latencies[n] = performance.now() - sent;
      if (status !== 201) {
        failures += 1;
        if (failures <= 3) process.stderr.write(`status ${status}\n`);
      }
    }
  };
  await Promise.all(sockets.map(worker));
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
