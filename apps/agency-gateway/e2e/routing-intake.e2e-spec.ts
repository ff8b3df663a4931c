import { randomUUID } from 'node:crypto';
import { Consumer, KafkaMessage } from 'kafkajs';
import { TOPICS } from '@lianzhi/domain';
import { eventually } from '@lianzhi/platform/testing';
import { district, GatewayHarness, liaison, operator, routingEvent } from './gateway.harness';

describe('routing’s decisions arriving at the gateway', () => {
  let gw: GatewayHarness;
  let deadLetters: Consumer;
  const dead: KafkaMessage[] = [];

  beforeAll(async () => {
    gw = await GatewayHarness.start('gateway_intake');
    deadLetters = gw.env.kafka().consumer({
      groupId: `${gw.env.topicPrefix}.dead-reader`,
      maxWaitTimeInMs: 200,
    });
    await deadLetters.connect();
    await deadLetters.subscribe({ topics: [gw.env.topic(TOPICS.deadLetter)], fromBeginning: true });
    await deadLetters.run({ eachMessage: async ({ message }) => void dead.push(message) });
  });

  afterAll(async () => {
    await deadLetters?.disconnect();
    await gw?.stop();
  });

  it('reports ready with its database, broker and consumer up', async () => {
    await eventually(
      async () => (await gw.http().get('/health/ready')).status === 200,
      { what: 'readiness' },
    );
  });

  it('records a redelivered or repeated AssignmentIssued once', async () => {
    const { assignmentId, event } = await gw.issue({ unit: 'water' });
    await gw.publishRouting(event, { ...event, id: randomUUID() });
    const marker = await gw.issue({ unit: 'water' });

    const rows = await gw.env.query(
      `select 1 from gateway.assignments where assignment_id = $1`,
      [assignmentId],
    );
    expect(rows).toHaveLength(1);
    const copies = await gw.env.query(
      `select 1 from gateway.unit_feed where unit = 'water' and case_id = any($1)`,
      [[event.caseId, marker.caseId]],
    );
    expect(copies).toHaveLength(2);
  });

  it('dead-letters an assignment for a unit that does not exist and keeps going', async () => {
    const caseId = randomUUID();
    const bad = routingEvent('AssignmentIssued', caseId, gw.clock.now(), {
      ...(await gw.issue({ unit: 'power' })).event.data,
      assignmentId: randomUUID(),
      unit: 'no-such-unit',
    });
    await gw.publishRouting(bad);
    const next = await gw.issue({ unit: 'power', caseId });

    const letter = await eventually(
      async () => dead.find((m) => m.key?.toString() === caseId),
      { what: 'the dead letter' },
    );
    expect(letter.headers?.['dead-letter-code']?.toString()).toBe('UNIT.UNKNOWN');
    const inbox = await gw.http().get('/inbox').set('Authorization', liaison('power'));
    expect(inbox.body.items.map((i: { assignmentId: string }) => i.assignmentId)).toContain(
      next.assignmentId,
    );
  });

  it('marks a case sent to arbitration', async () => {
    const { caseId } = await gw.issue({ unit: 'heating' });
    await gw.publishRouting(
      routingEvent('CaseSentToArbitration', caseId, gw.clock.now(), {
        trail: [],
        township: 'longqiao',
        reason: '多次退单',
      }),
    );

    await eventually(
      async () => {
        const res = await gw.http().get(`/cases/${caseId}/assignments`).set('Authorization', district());
        return res.body.status === 'arbitration';
      },
      { what: 'the arbitration mark' },
    );
    const forOperator = await gw.http().get(`/cases/${caseId}/assignments`).set('Authorization', operator());
    expect(forOperator.body.assignments).toHaveLength(1);
    const forLiaison = await gw.http().get(`/cases/${caseId}/assignments`).set('Authorization', liaison('heating'));
    expect(forLiaison.status).toBe(403);
  });
});
