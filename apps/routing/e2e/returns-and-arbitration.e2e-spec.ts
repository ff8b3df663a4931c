import request from 'supertest';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AssignmentIssued } from '@lianzhi/domain';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import {
  asMessages,
  bearer,
  complaint,
  gatewayEvent,
  GATEWAY_TOPIC,
  INTAKE_TOPIC,
  publish,
  ROUTING_TOPIC,
  startRouting,
  TopicRecorder,
} from './support';

describe('returns, transfers, the manual dispatch queue and arbitration', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;
  let routed: TopicRecorder;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    env = await createTestEnvironment('routing_returns');
    app = await startRouting(env, { ROUTING_MAX_HOPS: '3' });
    routed = await new TopicRecorder(env, ROUTING_TOPIC).start();
  });

  afterAll(async () => {
    await routed?.stop();
    await app?.close();
    await env?.dispose();
  });

  async function issuedTo(caseId: string, unit: string): Promise<AssignmentIssued> {
    return eventually(
      async () =>
        routed.of('AssignmentIssued', caseId).find((e) => e.data.unit === unit),
      { what: `AssignmentIssued to ${unit}` },
    );
  }

  async function returnIt(issued: AssignmentIssued, reason = '不属于本单位职责') {
    await publish(
      env,
      GATEWAY_TOPIC,
      asMessages([
        gatewayEvent('AssignmentReturned', issued.caseId, {
          assignmentId: issued.data.assignmentId,
          unit: issued.data.unit,
          reason,
          legalBasis: '《兖州区建立健全物业管理执法联动机制的意见》',
        }),
      ]),
    );
  }

  async function queued(caseId: string, count: number) {
    return eventually(
      async () => {
        const list = routed.of('CaseQueuedForManualDispatch', caseId);
        return list.length >= count && list[count - 1];
      },
      { what: `queued #${count}` },
    );
  }

  it('sends a case returned three times to arbitration with its whole trail, and lets the district decide it', async () => {
    const event = complaint({ description: '邻居养了条大狗，遛狗从来不拴绳' });
    await publish(env, INTAKE_TOPIC, asMessages([event]));
    const caseId = event.caseId;

    // 1st return: no other unit under the matrix → the manual queue.
    await returnIt(await issuedTo(caseId, 'gongan'));
    const first = await queued(caseId, 1);
    expect(first.data).toMatchObject({ reason: 'no-unit-left', hop: 1 });

    const queue = await http()
      .get('/dispatch/queue')
      .set('Authorization', bearer('dispatcher'))
      .expect(200);
    expect(queue.body.items).toContainEqual(
      expect.objectContaining({ caseId, reason: 'no-unit-left', hop: 1 }),
    );

    await http()
      .post(`/dispatch/queue/${caseId}/decision`)
      .set('Authorization', bearer('dispatcher'))
      .send({ township: 'gulou', units: [{ unit: 'chengguan', role: 'lead' }], note: '先由城管核查' })
      .expect(201);
    const manual = await eventually(
      async () =>
        routed.of('CaseRouted', caseId).find((e) => e.data.manualDecision),
      { what: 'the manual decision' },
    );
    expect(manual.data.assignments.map((a) => a.unit)).toEqual(['chengguan']);

    // 2nd return → queue again; the dispatcher names another unit.
    await returnIt(await issuedTo(caseId, 'chengguan'));
    await queued(caseId, 2);
    await http()
      .post(`/dispatch/queue/${caseId}/decision`)
      .set('Authorization', bearer('supervisor'))
      .send({ township: 'gulou', units: [{ unit: 'huanwei', role: 'lead' }], note: '环卫协助' })
      .expect(201);

    // 3rd return: arbitration instead of another bounce.
    await returnIt(await issuedTo(caseId, 'huanwei'), '狗的问题不归环卫');
    const [sent] = await eventually(
      async () =>
        routed.of('CaseSentToArbitration', caseId).length > 0 &&
        routed.of('CaseSentToArbitration', caseId),
      { what: 'CaseSentToArbitration' },
    );
    expect(sent.data.township).toBe('gulou');
    expect(sent.data.trail.map((h) => [h.unit, h.action])).toEqual([
      ['gongan', 'returned'],
      ['chengguan', 'returned'],
      ['huanwei', 'returned'],
    ]);
    expect(sent.data.trail[2].reason).toBe('狗的问题不归环卫');
    expect(routed.of('CaseQueuedForManualDispatch', caseId)).toHaveLength(2);

    const pending = await http()
      .get('/arbitration')
      .set('Authorization', bearer('supervisor'))
      .expect(200);
    const mine = pending.body.items.find((c: { caseId: string }) => c.caseId === caseId);
    expect(mine.trail).toHaveLength(3);
    await http().get('/arbitration').set('Authorization', bearer('operator')).expect(403);

    // The queue is not the place for a case under arbitration.
    await http()
      .post(`/dispatch/queue/${caseId}/decision`)
      .set('Authorization', bearer('dispatcher'))
      .send({ township: 'gulou', units: [{ unit: 'gongan', role: 'lead' }], note: 'x' })
      .expect(409);

    const decided = await http()
      .post(`/arbitration/${caseId}/decision`)
      .set('Authorization', bearer('supervisor'))
      .send({ units: [{ unit: 'gongan', role: 'lead' }, { unit: 'huanwei', role: 'assist' }], note: '审定：公安牵头，环卫协办' });
    expect(decided.status).toBe(201);
    expect(decided.body.assignments.map((a: { unit: string }) => a.unit).sort()).toEqual(['gongan', 'huanwei']);
    await eventually(
      async () =>
        routed.of('AssignmentIssued', caseId).filter((e) => e.data.hop === 3).length === 2,
      { what: 'assignments after arbitration' },
    );
    await http()
      .post(`/arbitration/${caseId}/decision`)
      .set('Authorization', bearer('supervisor'))
      .send({ units: [{ unit: 'gongan', role: 'lead' }], note: '再次' })
      .expect(409);

    const view = await http()
      .get(`/routing/cases/${caseId}`)
      .set('Authorization', bearer('township', { township: 'gulou' }))
      .expect(200);
    expect(view.body).toMatchObject({
      status: 'routed',
      hop: 3,
      excludedUnits: ['gongan', 'chengguan', 'huanwei'],
      firstDispatch: { changed: true, change: 'returned' },
    });
    expect(view.body.trail).toHaveLength(3);
    expect(view.body.decisions.map((d: { kind: string }) => d.kind)).toEqual([
      'automatic',
      'queued',
      'manual',
      'queued',
      'manual',
      'arbitration',
    ]);
    expect(view.body.decisions[0].explanation).toMatchObject({
      matrixVersion: '1',
      matchedWords: expect.arrayContaining(['狗']),
    });
    await http()
      .get(`/routing/cases/${caseId}`)
      .set('Authorization', bearer('township', { township: 'xinyi' }))
      .expect(403);
  });

  it('replaces only the returning unit and leaves the others on the case', async () => {
    const event = complaint({ description: '邻居遛狗不拴绳。楼下晚上跳广场舞太吵。楼顶还有人搭棚子。' });
    await publish(env, INTAKE_TOPIC, asMessages([event]));
    const chengguan = await issuedTo(event.caseId, 'chengguan');
    await issuedTo(event.caseId, 'gongan');

    await returnIt(chengguan);
    await eventually(
      async () => {
        const [row] = await env.query<{ hop: number }>(
          `select hop from routing.cases where case_id = $1`,
          [event.caseId],
        );
        return row.hop === 1;
      },
      { what: 'the return applied' },
    );
    const active = await env.query<{ unit: string; status: string }>(
      `select unit, status from routing.assignments where case_id = $1 order by unit`,
      [event.caseId],
    );
    expect(active).toEqual([
      { unit: 'chengguan', status: 'returned' },
      { unit: 'gongan', status: 'active' },
    ]);
    expect(routed.of('AssignmentIssued', event.caseId)).toHaveLength(2);
  });

  it('moves a transferred case to the named unit, one hop further, on a fresh clock', async () => {
    const event = complaint({ description: '邻居养了条大狗，遛狗从来不拴绳' });
    await publish(env, INTAKE_TOPIC, asMessages([event]));
    const gongan = await issuedTo(event.caseId, 'gongan');

    const at = '2026-03-03T02:00:00.000Z';
    await publish(
      env,
      GATEWAY_TOPIC,
      asMessages([
        gatewayEvent(
          'AssignmentTransferred',
          event.caseId,
          {
            assignmentId: gongan.data.assignmentId,
            unit: 'gongan',
            toUnit: 'chengguan',
            reason: '属城管职责',
          },
          at,
        ),
      ]),
    );
    const moved = await issuedTo(event.caseId, 'chengguan');
    expect(moved.data).toMatchObject({
      hop: 1,
      role: 'lead',
      matterType: gongan.data.matterType,
      clause: expect.objectContaining({ section: '三', item: '(二)' }),
    });
    expect(new Date(moved.data.acknowledgeDueAt).getTime()).toBeGreaterThan(
      new Date(at).getTime(),
    );

    const view = await http()
      .get(`/routing/cases/${event.caseId}`)
      .set('Authorization', bearer('dispatcher'))
      .expect(200);
    expect(view.body.firstDispatch).toMatchObject({ changed: true, change: 'transferred' });
    expect(view.body.trail).toEqual([
      expect.objectContaining({ unit: 'gongan', action: 'transferred', toUnit: 'chengguan' }),
    ]);
  });

  it('keeps a unit transferred into a joint case under the township coordinator', async () => {
    const event = complaint({ description: '邻居遛狗不拴绳。楼下晚上跳广场舞太吵。楼顶还有人搭棚子。' });
    await publish(env, INTAKE_TOPIC, asMessages([event]));
    const gongan = await issuedTo(event.caseId, 'gongan');

    await publish(
      env,
      GATEWAY_TOPIC,
      asMessages([
        gatewayEvent('AssignmentTransferred', event.caseId, {
          assignmentId: gongan.data.assignmentId,
          unit: 'gongan',
          toUnit: 'huanwei',
          reason: '属环卫职责',
        }),
      ]),
    );
    const moved = await issuedTo(event.caseId, 'huanwei');
    expect(moved.data).toMatchObject({ coordinator: 'gulou', hop: 1 });
    expect(routed.of('JointEnforcementOpened', event.caseId)).toHaveLength(1);
  });

  it('answers 409 for a case that is not waiting and 404 for an unknown one', async () => {
    const event = complaint();
    await publish(env, INTAKE_TOPIC, asMessages([event]));
    await issuedTo(event.caseId, 'chengguan');

    const res = await http()
      .post(`/dispatch/queue/${event.caseId}/decision`)
      .set('Authorization', bearer('dispatcher'))
      .send({ township: 'gulou', units: [{ unit: 'gongan', role: 'lead' }], note: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DISPATCH.NOT_WAITING');

    await http()
      .post('/dispatch/queue/00000000-0000-4000-8000-000000000000/decision')
      .set('Authorization', bearer('dispatcher'))
      .send({ township: 'gulou', units: [{ unit: 'gongan', role: 'lead' }], note: 'x' })
      .expect(404);
    const invalid = await http()
      .post(`/dispatch/queue/${event.caseId}/decision`)
      .set('Authorization', bearer('dispatcher'))
      .send({ township: 'gulou', units: [{ unit: 'gongan', role: 'boss' }], note: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.field).toBe('units.0.role');
    await http()
      .get('/dispatch/queue')
      .set('Authorization', bearer('operator'))
      .expect(403);
  });

  it('decides a queued case from matter types the dispatcher chose, with the matrix clauses', async () => {
    const event = complaint({ description: '老业委会不交公章', address: { text: '马楼村' } });
    await publish(env, INTAKE_TOPIC, asMessages([event]));
    await queued(event.caseId, 1);

    const bad = await http()
      .post(`/dispatch/queue/${event.caseId}/decision`)
      .set('Authorization', bearer('dispatcher'))
      .send({ township: 'nowhere', matterTypes: ['township.committee-handover'], note: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('township');

    await http()
      .post(`/dispatch/queue/${event.caseId}/decision`)
      .set('Authorization', bearer('dispatcher'))
      .send({ township: 'yandian', matterTypes: ['township.committee-handover'], note: '来电人确认在颜店镇' })
      .expect(201);
    const issued = await issuedTo(event.caseId, 'yandian');
    expect(issued.data.clause.item).toBe('(一)2');
    expect(issued.data.township).toBe('yandian');
  });

  it('accepts a district decision only with exactly one lead unit', async () => {
    const event = complaint({ description: '老业委会不交公章', address: { text: '马楼村' } });
    await publish(env, INTAKE_TOPIC, asMessages([event]));
    await queued(event.caseId, 1);

    const as = bearer('dispatcher');
    const twoLeads = [
      { unit: 'yandian', role: 'lead' },
      { unit: 'xiaoquban', role: 'lead' },
    ];
    const noLead = [{ unit: 'yandian', role: 'assist' }];
    for (const units of [twoLeads, noLead]) {
      const manual = await http()
        .post(`/dispatch/queue/${event.caseId}/decision`)
        .set('Authorization', as)
        .send({ township: 'yandian', units, note: 'x' });
      expect(manual.status).toBe(400);
      expect(manual.body).toMatchObject({ code: 'VALIDATION.EXACTLY_ONE_LEAD', field: 'units' });

      const arbitration = await http()
        .post(`/arbitration/${event.caseId}/decision`)
        .set('Authorization', as)
        .send({ units, note: 'x' });
      expect(arbitration.status).toBe(400);
      expect(arbitration.body.field).toBe('units');
    }

    const queue = await http()
      .get('/dispatch/queue?limit=500')
      .set('Authorization', as)
      .expect(200);
    expect(queue.body.items.map((c: { caseId: string }) => c.caseId)).toContain(event.caseId);
    expect(routed.of('AssignmentIssued', event.caseId)).toEqual([]);

    await http()
      .post(`/dispatch/queue/${event.caseId}/decision`)
      .set('Authorization', as)
      .send({
        township: 'yandian',
        units: [
          { unit: 'yandian', role: 'lead' },
          { unit: 'xiaoquban', role: 'assist' },
        ],
        note: '颜店镇牵头，小区办协办',
      })
      .expect(201);
  });

  it('pages the manual dispatch queue and the arbitration list, saying how many wait in all', async () => {
    const events = [1, 2, 3].map(() =>
      complaint({ description: '老业委会不交公章', address: { text: '马楼村' } }),
    );
    await publish(env, INTAKE_TOPIC, asMessages(events));
    for (const event of events) await queued(event.caseId, 1);

    const as = bearer('dispatcher');
    const whole = await http().get('/dispatch/queue').set('Authorization', as).expect(200);
    expect(whole.body).toMatchObject({ limit: 50, offset: 0 });
    expect(whole.body.total).toBeGreaterThanOrEqual(3);
    expect(whole.body.items).toHaveLength(Math.min(whole.body.total, 50));

    const first = await http()
      .get('/dispatch/queue?limit=2')
      .set('Authorization', as)
      .expect(200);
    const rest = await http()
      .get(`/dispatch/queue?limit=500&offset=2`)
      .set('Authorization', as)
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBe(whole.body.total);
    expect(rest.body.items).toHaveLength(whole.body.total - 2);
    const ids = [...first.body.items, ...rest.body.items].map(
      (c: { caseId: string }) => c.caseId,
    );
    expect(new Set(ids).size).toBe(whole.body.total);
    for (const event of events) expect(ids).toContain(event.caseId);

    for (const path of ['/dispatch/queue', '/arbitration']) {
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=501', 'limit'],
        ['limit=ten', 'limit'],
        ['offset=-1', 'offset'],
        ['offset=1.5', 'offset'],
      ]) {
        const bad = await http().get(`${path}?${query}`).set('Authorization', as);
        expect({ path, query, status: bad.status, field: bad.body.field }).toEqual({
          path,
          query,
          status: 400,
          field,
        });
      }
    }

    const arbitration = await http()
      .get('/arbitration?limit=1')
      .set('Authorization', as)
      .expect(200);
    expect(arbitration.body).toMatchObject({ limit: 1, offset: 0 });
    expect(typeof arbitration.body.total).toBe('number');
    expect(arbitration.body.items.length).toBeLessThanOrEqual(1);
  });
});
