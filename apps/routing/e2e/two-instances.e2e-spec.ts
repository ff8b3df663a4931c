import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import { ROUTING_GROUP } from '../src/routing-consumer';
import {
  asMessages,
  complaint,
  INTAKE_TOPIC,
  publish,
  ROUTING_TOPIC,
  startRouting,
  TopicRecorder,
} from './support';

const ROOT = join(__dirname, '..', '..', '..');

describe('two routing instances in one consumer group', () => {
  let env: TestEnvironment;
  let survivor: NestExpressApplication;
  let doomed: ChildProcess | null = null;
  let routed: TopicRecorder;

  beforeAll(async () => {
    env = await createTestEnvironment('routing_pair');
    survivor = await startRouting(env);
    // The second instance runs as its own process so it can die mid-stream.
    doomed = spawn(
      process.execPath,
      ['-r', './tools/register.js', 'apps/routing/src/main.ts'],
      { cwd: ROOT, env: env.env({ LOG_LEVEL: 'error' }), stdio: ['ignore', 'ignore', 'inherit'] },
    );
    routed = await new TopicRecorder(env, ROUTING_TOPIC).start();

    const admin = env.kafka().admin();
    await admin.connect();
    try {
      await eventually(
        async () => {
          const { groups } = await admin.describeGroups([
            env.topic(ROUTING_GROUP),
          ]);
          return groups[0]?.state === 'Stable' && groups[0].members.length === 2;
        },
        { what: 'both instances in the group', timeoutMs: 60_000 },
      );
    } finally {
      await admin.disconnect();
    }
  });

  afterAll(async () => {
    doomed?.kill('SIGKILL');
    await routed?.stop();
    await survivor?.close();
    await env?.dispose();
  });

  it('routes every case exactly once when one instance dies abruptly while 200 complaints flow', async () => {
    const complaints = Array.from({ length: 200 }, () => complaint());
    await publish(env, INTAKE_TOPIC, asMessages(complaints.slice(0, 100)));

    await eventually(
      async () => {
        const [row] = await env.query<{ n: number }>(
          `select count(*)::int as n from routing.decisions`,
        );
        return row.n >= 20;
      },
      { what: 'routing under way' },
    );
    doomed?.kill('SIGKILL');
    await publish(env, INTAKE_TOPIC, asMessages(complaints.slice(100)));

    const ids = new Set(complaints.map((c) => c.caseId));
    await eventually(
      async () =>
        new Set(
          routed
            .of('CaseRouted')
            .map((e) => e.caseId)
            .filter((id) => ids.has(id)),
        ).size === 200,
      { what: 'all 200 cases routed', timeoutMs: 60_000 },
    );

    // The relay may re-send after a crash; consumers drop a repeated id, so
    // what counts is one distinct decision event per case.
    const decisionsPerCase = new Map<string, Set<string>>();
    for (const e of routed.of('CaseRouted')) {
      const seen = decisionsPerCase.get(e.caseId) ?? new Set<string>();
      seen.add(e.id);
      decisionsPerCase.set(e.caseId, seen);
    }
    for (const id of ids) {
      expect(decisionsPerCase.get(id)?.size).toBe(1);
    }

    const rows = await env.query<{ case_id: string; n: number }>(
      `select case_id, count(*)::int as n from routing.decisions
        group by case_id having count(*) <> 1`,
    );
    expect(rows).toEqual([]);
    const [assignments] = await env.query<{ n: number }>(
      `select count(*)::int as n from routing.assignments`,
    );
    expect(assignments.n).toBe(200);
  });
});
