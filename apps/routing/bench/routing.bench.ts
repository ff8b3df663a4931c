/**
 * How fast routing turns complaints into assignments, end to end: N
 * ComplaintReceived events go straight onto the intake topic of a fresh
 * prefix, a routing service consumes them, and the clock stops when the last
 * case's AssignmentIssued is on the routing topic. The target is to keep up
 * with 2,000 cases per second.
 *
 * Each routing instance is a process of its own, as in production, so the
 * bench's producer and consumer do not compete with it for a core.
 *
 *   node -r ./tools/register.js apps/routing/bench/routing.bench.ts [N] [instances]
 *
 * The services inherit the environment, so OUTBOX_BATCH_SIZE=1000 in front
 * of the command measures a larger relay batch.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  ComplaintReceived,
  EVENT_VERSIONS,
  TOPICS,
} from '@lianzhi/domain';
import { createTestEnvironment } from '@lianzhi/platform/testing';
import { ROUTING_GROUP } from '../src/routing-consumer';

const ROOT = join(__dirname, '..', '..', '..');
const TARGET_PER_SECOND = 2_000;

/** Complaints as residents word them, each routed to a unit automatically. */
const TEXTS = [
  '顶楼那家在楼顶又搭了个棚子住人',
  '一楼住户在自家院子里私搭乱建，盖了个彩钢房',
  '消防通道被私家车堵死了，消防车根本进不来',
  '邻居养了条大狗，遛狗从来不拴绳，吓到孩子',
  '物业乱收费，停车费一年涨了好几次',
  '有人把小区里的大树砍了',
  '高层二次供水水压太低，一到晚上就没水',
  '楼上总是往楼下乱扔垃圾烟头',
];

function complaint(i: number): ComplaintReceived {
  const caseId = randomUUID();
  const receivedAt = new Date().toISOString();
  return {
    type: 'ComplaintReceived',
    version: EVENT_VERSIONS.ComplaintReceived,
    id: randomUUID(),
    caseId,
    occurredAt: receivedAt,
    actor: { kind: 'system', id: 'bench' },
    data: {
      caseNumber: `BENCH${String(i).padStart(7, '0')}`,
      channel: 'hotline',
      urgency: 'normal',
      description: TEXTS[i % TEXTS.length],
      address: { text: '兖州区鼓楼街道某小区3号楼' },
      receivedAt,
      callerRef: null,
      anonymous: true,
      confidential: false,
      attachments: [],
    },
  };
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 10_000);
  const instances = Number(process.argv[3] ?? 2);
  const env = await createTestEnvironment('routing_bench');
  const services: ChildProcess[] = [];

  try {
    for (let i = 0; i < instances; i += 1) {
      services.push(
        spawn(
          process.execPath,
          ['-r', './tools/register.js', 'apps/routing/src/main.ts'],
          {
            cwd: ROOT,
            env: env.env({ LOG_LEVEL: 'warn' }),
            stdio: ['ignore', 'ignore', 'inherit'],
          },
        ),
      );
    }
    await untilGroupHas(env, instances);

    const cases = new Set<string>();
    let lastAt = 0;
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));

    const consumer = env.kafka().consumer({ groupId: `bench-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: env.topic(TOPICS.routing), fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          if (message.headers?.['event-type']?.toString() !== 'AssignmentIssued') {
            continue;
          }
          cases.add(message.key?.toString() ?? '');
        }
        lastAt = Date.now();
        if (cases.size >= total) finished();
      },
    });

    const events = Array.from({ length: total }, (_, i) => complaint(i));
    const producer = env.kafka().producer();
    await producer.connect();

    const started = Date.now();
    for (let i = 0; i < events.length; i += 1_000) {
      await producer.send({
        topic: env.topic(TOPICS.intake),
        acks: -1,
        messages: events.slice(i, i + 1_000).map((e) => ({
          key: e.caseId,
          value: JSON.stringify(e),
        })),
      });
    }
    const published = Date.now();

    const timeout = setTimeout(finished, 300_000);
    await done;
    clearTimeout(timeout);
    await producer.disconnect();
    await consumer.disconnect();

    // Where the time went: applying events versus relaying the outbox.
    const [stages] = await env.query<{ applied: number; relayed: number }>(
      `select extract(epoch from (select max(processed_at) - min(processed_at)
                                    from routing.processed_events))::float as applied,
              extract(epoch from (select max(published_at) - min(created_at)
                                    from routing.outbox))::float as relayed`,
    );
    const seconds = (lastAt - started) / 1_000;
    const rate = Math.round(cases.size / seconds);
    console.log(
      JSON.stringify({
        cases: total,
        routed: cases.size,
        instances,
        // The relay's batch, the knob that bounds publishing (default 500).
        outboxBatchSize: Number(process.env.OUTBOX_BATCH_SIZE ?? 500),
        publishSeconds: (published - started) / 1_000,
        endToEndSeconds: seconds,
        applySeconds: stages.applied,
        relaySeconds: stages.relayed,
        casesPerSecond: rate,
        target: TARGET_PER_SECOND,
        keepsUp: rate >= TARGET_PER_SECOND,
      }),
    );
  } finally {
    for (const service of services) service.kill('SIGTERM');
    await env.dispose();
  }
}

async function untilGroupHas(
  env: Awaited<ReturnType<typeof createTestEnvironment>>,
  members: number,
): Promise<void> {
  const admin = env.kafka().admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const { groups } = await admin.describeGroups([env.topic(ROUTING_GROUP)]);
      if (groups[0]?.state === 'Stable' && groups[0].members.length === members) {
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the routing instances did not join within two minutes`);
  } finally {
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
