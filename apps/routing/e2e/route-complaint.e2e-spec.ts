import { NestExpressApplication } from '@nestjs/platform-express';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import { TOPICS } from '@lianzhi/domain';
import {
  asMessages,
  complaint,
  INTAKE_TOPIC,
  publish,
  ROUTING_TOPIC,
  startRouting,
  TopicRecorder,
} from './support';

describe('routing a received complaint', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;
  let routed: TopicRecorder;
  let deadLetters: TopicRecorder;

  beforeAll(async () => {
    env = await createTestEnvironment('routing_route');
    app = await startRouting(env);
    routed = await new TopicRecorder(env, ROUTING_TOPIC).start();
    deadLetters = await new TopicRecorder(env, TOPICS.deadLetter).start();
  });

  afterAll(async () => {
    await routed?.stop();
    await deadLetters?.stop();
    await app?.close();
    await env?.dispose();
  });

  it('turns a rooftop-extension complaint into CaseRouted and one AssignmentIssued to 区城管执法局 with its clause and clocks', async () => {
    const event = complaint();
    await publish(env, INTAKE_TOPIC, asMessages([event]));

    const [issued] = await eventually(
      async () => routed.of('AssignmentIssued', event.caseId).length === 1 &&
        routed.of('AssignmentIssued', event.caseId),
      { what: 'AssignmentIssued' },
    );
    const [decision] = routed.of('CaseRouted', event.caseId);

    expect(decision.data).toMatchObject({
      matrixVersion: '1',
      township: 'gulou',
      hop: 0,
      manualDecision: false,
      joint: false,
    });
    expect(decision.data.matterTypes[0].matched).toContain('楼顶');
    expect(decision.data.explanation).toContain('(三)1');
    expect(decision.causationId).toBe(event.id);

    expect(issued.data).toMatchObject({
      unit: 'chengguan',
      role: 'lead',
      caseNumber: event.data.caseNumber,
      decisionId: decision.data.decisionId,
      clause: { section: '二', item: '(三)1' },
      urgency: 'normal',
      callerRef: 'caller-ref-1',
    });
    // 2026-03-02 09:00 Shanghai is a Monday: 1 working hour, 15 working days.
    expect(issued.data.acknowledgeDueAt).toBe('2026-03-02T02:00:00.000Z');
    expect(new Date(issued.data.resolveDueAt).getTime()).toBeGreaterThan(
      new Date(event.data.receivedAt).getTime() + 15 * 24 * 3600 * 1000,
    );
  });

  it('opens joint enforcement coordinated by the township when several enforcement units must act', async () => {
    const event = complaint({
      description: '邻居遛狗不拴绳。楼下晚上跳广场舞太吵。楼顶还有人搭棚子。',
    });
    await publish(env, INTAKE_TOPIC, asMessages([event]));

    const [joint] = await eventually(
      async () => routed.of('JointEnforcementOpened', event.caseId).length > 0 &&
        routed.of('JointEnforcementOpened', event.caseId),
      { what: 'JointEnforcementOpened' },
    );
    expect(joint.data.coordinator).toBe('gulou');
    expect([...joint.data.units].sort()).toEqual(['chengguan', 'gongan']);
    const [decision] = routed.of('CaseRouted', event.caseId);
    expect(decision.data.joint).toBe(true);
  });

  it('queues a case whose village stands under several townships, with the candidates', async () => {
    const event = complaint({
      description: '老业委会不交公章',
      address: { text: '马楼村' },
    });
    await publish(env, INTAKE_TOPIC, asMessages([event]));

    const [queued] = await eventually(
      async () => routed.of('CaseQueuedForManualDispatch', event.caseId).length > 0 &&
        routed.of('CaseQueuedForManualDispatch', event.caseId),
      { what: 'CaseQueuedForManualDispatch' },
    );
    expect(queued.data.reason).toBe('ambiguous-township');
    expect([...queued.data.townshipCandidates].sort()).toEqual(['xinyi', 'yandian']);
    expect(routed.of('AssignmentIssued', event.caseId)).toEqual([]);
  });

  it('routes a case once even when intake sends a second ComplaintReceived for it', async () => {
    const first = complaint();
    const second = complaint({}, first.caseId);
    await publish(env, INTAKE_TOPIC, asMessages([first, first, second]));

    await eventually(
      async () => routed.of('CaseRouted', first.caseId).length > 0,
      { what: 'CaseRouted' },
    );
    await eventually(
      async () => {
        const [row] = await env.query<{ n: number }>(
          `select count(*)::int as n from routing.processed_events where event_id = any($1)`,
          [[first.id, second.id]],
        );
        return row.n === 2;
      },
      { what: 'both events processed' },
    );
    const decisions = await env.query(
      `select * from routing.decisions where case_id = $1`,
      [first.caseId],
    );
    expect(decisions).toHaveLength(1);
    expect(routed.of('CaseRouted', first.caseId)).toHaveLength(1);
    const refused = await eventually(
      async () =>
        deadLetters.raw.find((l) => l.value.includes(second.id)),
      { what: 'the second ComplaintReceived dead-lettered' },
    );
    expect(refused.headers['dead-letter-code']).toBe('CASE.ALREADY_RECEIVED');
  });

  it('routes a case received before any matrix version applied on the earliest version', async () => {
    const event = complaint({ receivedAt: '2010-05-04T02:00:00.000Z' });
    await publish(env, INTAKE_TOPIC, asMessages([event]));

    const [decision] = await eventually(
      async () => routed.of('CaseRouted', event.caseId).length > 0 &&
        routed.of('CaseRouted', event.caseId),
      { what: 'CaseRouted' },
    );
    expect(decision.data.matrixVersion).toBe('1');
  });

  it('dead-letters poison messages on the intake topic while other cases keep flowing', async () => {
    const before = complaint();
    const after = complaint();
    const unreadable = complaint({ description: '' });
    await publish(env, INTAKE_TOPIC, [
      ...asMessages([before]),
      { key: before.caseId, value: '{not json' },
      {
        key: before.caseId,
        value: JSON.stringify({ ...complaint(), type: 'ComplaintTeleported' }),
      },
      ...asMessages([unreadable, after]),
    ]);

    await eventually(
      async () =>
        routed.of('CaseRouted', before.caseId).length === 1 &&
        routed.of('CaseRouted', after.caseId).length === 1,
      { what: 'the good cases routed' },
    );
    const fields = ['value', 'type', 'data.description'];
    const letters = await eventually(
      async () => {
        const found = deadLetters.raw.filter((l) =>
          fields.includes(l.headers['dead-letter-field']),
        );
        return found.length === 3 && found;
      },
      { what: 'three dead letters' },
    );
    expect(letters.map((l) => l.headers['consumer-service'])).toEqual([
      'routing',
      'routing',
      'routing',
    ]);
    expect(
      letters.find((l) => l.headers['dead-letter-field'] === 'value')?.value,
    ).toBe('{not json');
    expect(routed.of('CaseRouted', unreadable.caseId)).toEqual([]);
  });
});
