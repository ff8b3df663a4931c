#!/usr/bin/env node
/**
 * The full pipeline under load: HTTP intake → outbox → Kafka → routing →
 * unit inboxes → reporting, with the four services as separate processes on
 * this machine, beside the raw limits of the same machine measured in the
 * same run. Prints the figures and writes them to bench-results/pipeline.json.
 *
 *   node tools/bench/pipeline.bench.mjs
 *
 * BENCH_MAX_COMPLAINTS (default 6000) for the maximum-rate phase;
 * BENCH_RATE (200) and BENCH_RATE_SECONDS (15) for the latency phase.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Cluster, root } from '../cluster.mjs';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');
const { Pool } = require('pg');

const MAX_COMPLAINTS = Number(process.env.BENCH_MAX_COMPLAINTS ?? 6000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const POOL_SIZE = Number(process.env.DB_POOL_SIZE ?? 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const TEXTS = readFileSync(join(root, 'tools', 'sample', 'complaints.sample.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
  .filter((c) => !c.title.includes('测试'));

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** PostgreSQL single-row inserts, each its own commit, over POOL_SIZE connections. */
async function rawPostgres(url, seconds = 5) {
  const pool = new Pool({ connectionString: url, max: POOL_SIZE });
  await pool.query('create table if not exists bench_raw (id bigserial primary key, body text not null)');
  let n = 0;
  const stopAt = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: POOL_SIZE }, async () => {
      while (Date.now() < stopAt) {
        await pool.query('insert into bench_raw (body) values ($1)', ['龙桥街道建设路小区楼顶加盖彩钢房']);
        n += 1;
      }
    }),
  );
  await pool.query('drop table bench_raw');
  await pool.end();
  return n / seconds;
}

/** Kafka produce → consume round trips with kafkajs, POOL_SIZE in flight. */
async function rawKafka(brokers, prefix, seconds = 5) {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const topic = `${prefix}.bench-raw`;
  const admin = kafka.admin();
  await admin.connect();
  for (let attempt = 1; ; attempt += 1) {
    // A just-started broker may not serve the new topic's metadata yet.
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6, replicationFactor: 1 }] });
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await sleep(500);
    }
  }
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `${prefix}-raw`, maxWaitTimeInMs: 10 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const waiting = new Map();
  let consumed = 0;
  await consumer.run({
    eachMessage: async ({ message }) => {
      consumed += 1;
      waiting.get(message.key.toString())?.();
    },
  });
  await sleep(1000);

  let n = 0;
  const latencies = [];
  const stopAt = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: POOL_SIZE }, async () => {
      while (Date.now() < stopAt) {
        const key = randomBytes(8).toString('hex');
        const started = performance.now();
        const arrived = new Promise((resolve) => waiting.set(key, resolve));
        await producer.send({ topic, acks: -1, messages: [{ key, value: 'x' }] });
        await arrived;
        waiting.delete(key);
        latencies.push(performance.now() - started);
        n += 1;
      }
    }),
  );

  // Throughput: batches of 100 in flight, as the outbox relay sends them.
  const before = consumed;
  const batchStart = performance.now();
  const batchStopAt = Date.now() + seconds * 1000;
  let produced = 0;
  await Promise.all(
    Array.from({ length: POOL_SIZE }, async () => {
      while (Date.now() < batchStopAt) {
        const messages = Array.from({ length: 100 }, () => ({ key: randomBytes(8).toString('hex'), value: 'x' }));
        await producer.send({ topic, acks: -1, messages });
        produced += messages.length;
      }
    }),
  );
  while (consumed - before < produced) await sleep(20);
  const throughput = produced / ((performance.now() - batchStart) / 1000);

  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  latencies.sort((a, b) => a - b);
  return {
    roundTripsPerSecond: n / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    perSecond: throughput,
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url, token, body, key) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': data.length,
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 201 && res.statusCode !== 200) {
            reject(new Error(`intake answered ${res.statusCode}: ${Buffer.concat(chunks)}`));
            return;
          }
          resolve(JSON.parse(Buffer.concat(chunks).toString()));
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

function complaint(n) {
  const sample = TEXTS[n % TEXTS.length];
  return {
    title: sample.title,
    description: `${sample.detail}（编号${n}）`,
    address: { text: `龙桥街道建设路小区${(n % 9) + 1}号楼`, township: 'longqiao' },
    channel: 'hotline',
    urgency: 'normal',
    caller: { anonymous: true },
  };
}

/** Only complaints that route to units without a person, so each reaches an inbox. */
async function keepRoutableTexts(routingUrl, token) {
  const keep = [];
  for (const text of TEXTS) {
    const res = await fetch(`${routingUrl}/routing/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ description: text.detail, address: '龙桥街道建设路小区1号楼' }),
    });
    const preview = await res.json();
    if (!res.ok) throw new Error(`preview answered ${res.status}: ${JSON.stringify(preview)}`);
    if (res.ok && !preview.manual && preview.assignments.length > 0) keep.push(text);
  }
  TEXTS.splice(0, TEXTS.length, ...keep);
  console.log(`  ${keep.length} sample complaints route without a person`);
}

async function signIn(url) {
  const res = await fetch(`${url}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'op1', password: 'demo1234' }),
  });
  return (await res.json()).token;
}

async function count(pool, sql, params) {
  const { rows } = await pool.query(sql, params);
  return Number(rows[0].n);
}

async function main() {
  const kafkaLauncher = await import('../kafka/launcher.mjs');
  const { resolvePostgres, ensureDatabase, dropDatabase } = await import('../postgres.mjs');
  await kafkaLauncher.start();
  const prefix = `bench${randomBytes(3).toString('hex')}`;
  require(join(root, 'tools', 'register.js'));
  const { UNITS } = require(join(root, 'libs', 'domain', 'src', 'units', 'units.ts'));
  await kafkaLauncher.createTopics(prefix, UNITS.map((u) => u.code));

  const pg = await resolvePostgres();
  await dropDatabase(pg.url, 'lianzhi_bench');
  const databaseUrl = await ensureDatabase(pg.url, 'lianzhi_bench');
  const brokers = [kafkaLauncher.KAFKA_BROKERS];
  const results = { machine: { cores: (await import('node:os')).cpus().length }, poolSize: POOL_SIZE };

  console.log('raw limits of this machine …');
  results.rawPostgresInsertsPerSecond = Math.round(await rawPostgres(databaseUrl));
  results.rawKafka = await rawKafka(brokers, prefix);
  console.log(`  PostgreSQL single-row insert+commit: ${results.rawPostgresInsertsPerSecond}/s over ${POOL_SIZE} connections`);
  console.log(`  Kafka produce→consume: ${Math.round(results.rawKafka.perSecond)} messages/s in batches of 100; single round trips ${Math.round(results.rawKafka.roundTripsPerSecond)}/s, p50 ${results.rawKafka.p50Ms.toFixed(1)} ms`);

  const cluster = new Cluster({
    runDir: join(root, '.run', 'bench'),
    basePort: 3301,
    env: { ...process.env, DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers.join(','), KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000' },
  });
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await cluster.stopAll(); // leftovers of an interrupted run
    await cluster.startAll();
    const token = await signIn(cluster.url('intake'));
    await keepRoutableTexts(cluster.url('routing'), token);
    const intakeUrl = `${cluster.url('intake')}/complaints`;

    // Warm up every service's code paths before measuring.
    await Promise.all(Array.from({ length: 100 }, (_, i) => post(intakeUrl, token, complaint(i), `warm-${i}`)));
    await sleep(3000);
    const baseAssignments = await count(db, 'select count(*) as n from gateway.assignments');

    console.log(`maximum rate: ${MAX_COMPLAINTS} complaints, ${CONCURRENCY} in flight …`);
    const started = performance.now();
    let next = 0;
    const caseIds = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < MAX_COMPLAINTS) {
          const n = next++;
          const res = await post(intakeUrl, token, complaint(1000 + n), `max-${n}`);
          caseIds.push(res.caseId);
        }
      }),
    );
    const acceptedMs = performance.now() - started;
    let routedCases = 0;
    while (routedCases < MAX_COMPLAINTS) {
      routedCases = await count(db, 'select count(distinct case_id) as n from gateway.assignments where case_id = any($1)', [caseIds]);
      await sleep(200);
    }
    const inboxMs = performance.now() - started;
    let counted = 0;
    const assignmentsNow = await count(db, 'select count(*) as n from gateway.assignments');
    while (counted < assignmentsNow) {
      counted = await count(db, "select count(*) as n from reporting.events where type = 'AssignmentIssued'");
      await sleep(200);
    }
    const reportedMs = performance.now() - started;
    results.maximumRate = {
      complaints: MAX_COMPLAINTS,
      assignments: assignmentsNow - baseAssignments,
      acceptedPerSecond: Math.round(MAX_COMPLAINTS / (acceptedMs / 1000)),
      inInboxesPerSecond: Math.round(MAX_COMPLAINTS / (inboxMs / 1000)),
      countedPerSecond: Math.round(MAX_COMPLAINTS / (reportedMs / 1000)),
    };
    results.maximumRate.ratioToSlowerRawLimit = Number(
      (results.maximumRate.inInboxesPerSecond / Math.min(results.rawPostgresInsertsPerSecond, results.rawKafka.perSecond)).toFixed(3),
    );
    console.log(`  accepted ${results.maximumRate.acceptedPerSecond}/s; in unit inboxes ${results.maximumRate.inInboxesPerSecond}/s; counted on the dashboard ${results.maximumRate.countedPerSecond}/s`);

    console.log(`fixed rate: ${RATE}/s for ${RATE_SECONDS} s …`);
    const accepted = new Map();
    const inInbox = new Map();
    const onDashboard = new Map();
    let polling = true;
    const poller = (async () => {
      while (polling || inInbox.size < accepted.size || onDashboard.size < accepted.size) {
        const ids = [...accepted.keys()].filter((id) => !inInbox.has(id) || !onDashboard.has(id));
        if (ids.length > 0) {
          const now = performance.now();
          const inbox = await db.query('select distinct case_id from gateway.assignments where case_id = any($1)', [ids]);
          for (const { case_id } of inbox.rows) if (!inInbox.has(case_id)) inInbox.set(case_id, now);
          const dash = await db.query("select distinct case_id from reporting.events where type = 'AssignmentIssued' and case_id = any($1)", [ids]);
          for (const { case_id } of dash.rows) if (!onDashboard.has(case_id)) onDashboard.set(case_id, now);
        }
        if (!polling && performance.now() - lastAccepted > 60_000) break;
        await sleep(5);
      }
    })();
    let lastAccepted = performance.now();
    const total = RATE * RATE_SECONDS;
    const t0 = performance.now();
    const sends = [];
    for (let n = 0; n < total; n += 1) {
      const due = t0 + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const sentAt = performance.now();
      sends.push(
        post(intakeUrl, token, complaint(100_000 + n), `rate-${n}`).then((res) => {
          accepted.set(res.caseId, sentAt);
          lastAccepted = performance.now();
        }),
      );
    }
    await Promise.all(sends);
    polling = false;
    await poller;
    const toInbox = [...accepted].filter(([id]) => inInbox.has(id)).map(([id, at]) => inInbox.get(id) - at).sort((a, b) => a - b);
    const toDashboard = [...accepted].filter(([id]) => onDashboard.has(id)).map(([id, at]) => onDashboard.get(id) - at).sort((a, b) => a - b);
    results.fixedRate = {
      ratePerSecond: RATE,
      complaints: total,
      acceptedToInboxMs: { p50: percentile(toInbox, 50), p95: percentile(toInbox, 95), p99: percentile(toInbox, 99), seen: toInbox.length },
      acceptedToDashboardMs: { p50: percentile(toDashboard, 50), p95: percentile(toDashboard, 95), p99: percentile(toDashboard, 99), seen: toDashboard.length },
    };
    const fmt = (l) => `p50 ${l.p50?.toFixed(0)} ms, p95 ${l.p95?.toFixed(0)} ms, p99 ${l.p99?.toFixed(0)} ms`;
    console.log(`  sent → in the unit's inbox: ${fmt(results.fixedRate.acceptedToInboxMs)}`);
    console.log(`  sent → counted by reporting: ${fmt(results.fixedRate.acceptedToDashboardMs)}`);

    results.memoryMb = Object.fromEntries(cluster.services.map((s) => [s.name, cluster.rssMb(s.name)]));
    for (const [name, mem] of Object.entries(results.memoryMb)) {
      console.log(`  ${name}: resident ${mem?.rss?.toFixed(0)} MB, peak ${mem?.peak?.toFixed(0)} MB`);
    }
  } finally {
    await db.end();
    await cluster.stopAll();
    await dropDatabase(pg.url, 'lianzhi_bench').catch(() => undefined);
  }

  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results', 'pipeline.json'), JSON.stringify(results, null, 2));
  console.log('written to bench-results/pipeline.json');
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
