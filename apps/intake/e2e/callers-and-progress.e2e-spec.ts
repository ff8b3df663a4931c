import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { NestExpressApplication } from '@nestjs/platform-express';
import { CaseRouted, DomainEvent, TOPICS } from '@lianzhi/domain';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import { bearer, bootIntake, complaint, tokens } from './support';

function event<T extends DomainEvent>(
  type: T['type'],
  caseId: string,
  data: T['data'],
  minutesLater: number,
): T {
  return {
    type,
    version: 1,
    id: randomUUID(),
    caseId,
    occurredAt: new Date(Date.now() + minutesLater * 60_000).toISOString(),
    actor: { kind: 'system', id: 'test' },
    data,
  } as T;
}

function routed(caseId: string, units: string[]): CaseRouted {
  return event<CaseRouted>(
    'CaseRouted',
    caseId,
    {
      decisionId: randomUUID(),
      matrixVersion: '2015-11-04',
      matterTypes: [],
      township: 'longqiao',
      townshipCandidates: ['longqiao'],
      assignments: units.map((unit, i) => ({
        assignmentId: randomUUID(),
        unit,
        role: i === 0 ? 'lead' : 'assist',
        matterType: 'zhujian.renovation-encroachment',
        clause: { document: 'd', section: '二', item: '(二)1' },
        acknowledgeDueAt: new Date().toISOString(),
        resolveDueAt: new Date().toISOString(),
      })),
      coordinator: null,
      joint: false,
      hop: 0,
      manualDecision: false,
      explanation: '内部说明：不应公开',
    },
    1,
  );
}

describe('caller details, audit and public progress', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;

  beforeAll(async () => {
    env = await createTestEnvironment('intake_callers');
    app = await bootIntake(env);
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  const http = () => request(app.getHttpServer());

  async function openCase(caller: Record<string, unknown>) {
    const res = await http()
      .post('/complaints')
      .set(bearer(tokens.operator))
      .send(complaint({ caller }));
    expect(res.status).toBe(201);
    const [row] = await env.query<{ caller_id: string }>(
      `select caller_id from intake.cases where id = $1`,
      [res.body.caseId],
    );
    return { ...res.body, callerRef: row.caller_id };
  }

  async function publish(...events: DomainEvent[]) {
    const producer = env.kafka().producer();
    await producer.connect();
    for (const e of events) {
      const topic = e.type.startsWith('Assignment') && e.type !== 'AssignmentIssued'
        ? TOPICS.gateway
        : ['CaseClosed', 'FollowUpRecorded', 'CaseReopened'].includes(e.type)
          ? TOPICS.gateway
          : TOPICS.routing;
      await producer.send({
        topic: env.topic(topic),
        messages: [{ key: e.caseId, value: JSON.stringify(e) }],
      });
    }
    await producer.disconnect();
  }

  it('tracks public progress from routing and gateway events, without internal notes', async () => {
    const opened = await openCase({ name: '王五', phone: '13811112222' });
    const initial = await http().get(`/progress/${opened.caseNumber}`);
    expect(initial.status).toBe(200);
    expect(initial.body.status).toBe('received');

    await publish(
      routed(opened.caseId, ['zhujian']),
      event('AssignmentAcknowledged', opened.caseId, { assignmentId: 'a', unit: 'zhujian', onTime: true }, 2),
      event('AssignmentResolved', opened.caseId, { assignmentId: 'a', unit: 'zhujian', result: '已约谈业主恢复原状（内部）', evidence: [], onTime: true }, 3),
    );

    const progress = await eventually(async () => {
      const res = await http().get(`/progress/${opened.caseNumber}`);
      return res.body.status === 'resolved' && res;
    });
    expect(progress.body.steps.map((s: { label: string }) => s.label)).toEqual([
      '已受理',
      '已派单',
      '已签收',
      '已办结',
    ]);
    expect(progress.body.steps[1].units).toEqual(['区住建局']);
    const text = JSON.stringify(progress.body);
    for (const secret of ['王五', '13811112222', '内部', 'callerRef']) {
      expect(text).not.toContain(secret);
    }
  });

  it('answers an unknown case number with 404', async () => {
    const res = await http().get('/progress/LZ20000101-999999');
    expect(res.status).toBe(404);
  });

  it('shows a liaison of an assigned unit the caller masked, and nothing else', async () => {
    const opened = await openCase({ name: '赵六', phone: '13922223333' });
    await publish(routed(opened.caseId, ['zhujian']));
    const res = await eventually(async () => {
      const r = await http().get(`/callers/${opened.callerRef}`).set(bearer(tokens.liaison));
      return r.status === 200 && r;
    });
    expect(res.body).toMatchObject({ name: '赵*', phone: '139****3333', masked: true });
    expect(JSON.stringify(res.body)).not.toContain('13922223333');

    const other = await http().get(`/callers/${opened.callerRef}`).set(bearer(tokens.otherLiaison));
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('CALLER.WRONG_UNIT');

    const coordinator = await http().get(`/callers/${opened.callerRef}`).set(bearer(tokens.township));
    expect(coordinator.status).toBe(200);
    expect(coordinator.body.phone).toBe('139****3333');
  });

  it('shows a case with its caller masked, and only to the units it concerns', async () => {
    const opened = await openCase({ name: '周九', phone: '13955556666' });
    const asOperator = await http().get(`/complaints/${opened.caseId}`).set(bearer(tokens.operator));
    expect(asOperator.status).toBe(200);
    expect(asOperator.body).toMatchObject({
      caseNumber: opened.caseNumber,
      caller: { callerRef: opened.callerRef, name: '周*', phone: '139****6666' },
    });
    expect(JSON.stringify(asOperator.body)).not.toContain('13955556666');

    const byNumber = await http().get(`/complaints/${opened.caseNumber}`).set(bearer(tokens.operator));
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.caseId).toBe(opened.caseId);

    const before = await http().get(`/complaints/${opened.caseId}`).set(bearer(tokens.liaison));
    expect(before.status).toBe(403);
    await publish(routed(opened.caseId, ['zhujian']));
    await eventually(async () => {
      const r = await http().get(`/complaints/${opened.caseId}`).set(bearer(tokens.liaison));
      return r.status === 200 && r;
    });
    const similar = await http().get('/complaints/similar').query({ township: '龙桥街道' }).set(bearer(tokens.operator));
    expect(similar.status).toBe(200);
    const unknown = await http().get('/complaints/similar').query({ township: 'atlantis' }).set(bearer(tokens.operator));
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('township');
  });

  it('hides a confidential caller from the units with CALLER.CONFIDENTIAL', async () => {
    const opened = await openCase({ name: '钱七', phone: '13933334444', confidential: true });
    await publish(routed(opened.caseId, ['zhujian']));
    await eventually(async () => {
      const [row] = await env.query<{ units: string[] }>(
        `select units from intake.case_progress where case_id = $1`,
        [opened.caseId],
      );
      return row.units.includes('zhujian');
    });
    const res = await http().get(`/callers/${opened.callerRef}`).set(bearer(tokens.liaison));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CALLER.CONFIDENTIAL');
  });

  it('gives operators the caller unmasked only with a reason, and audits each read', async () => {
    const opened = await openCase({ name: '孙八', phone: '13944445555' });
    const noReason = await http().get(`/callers/${opened.callerRef}`).set(bearer(tokens.operator));
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('reason');

    const res = await http()
      .get(`/callers/${opened.callerRef}`)
      .query({ reason: '回访核实' })
      .set(bearer(tokens.operator));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '孙八', phone: '13944445555', masked: false });

    const audit = await http()
      .get('/audit')
      .query({ caseId: opened.caseId })
      .set(bearer(tokens.supervisor));
    expect(audit.status).toBe(200);
    expect(audit.body).toEqual([
      expect.objectContaining({
        actor: 'op1',
        actorRole: 'operator',
        caseId: opened.caseId,
        callerRef: opened.callerRef,
        reason: '回访核实',
      }),
    ]);
  });

  it('keeps the audit log append-only at the database', async () => {
    await expect(env.query(`delete from intake.audit_log`)).rejects.toThrow(/append-only/);
    await expect(env.query(`update intake.audit_log set reason = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('lets only supervisors and admins read the audit log', async () => {
    const res = await http().get('/audit').set(bearer(tokens.operator));
    expect(res.status).toBe(403);
  });

  it('signs in demo users and refuses a wrong password', async () => {
    const ok = await http().post('/auth/sign-in').send({ username: 'zhujian1', password: 'demo1234' });
    expect(ok.status).toBe(200);
    expect(ok.body.principal).toEqual({
      sub: 'zhujian1',
      name: '区住建局联络员',
      role: 'liaison',
      unit: 'zhujian',
    });
    const me = await http().get('/auth/me').set(bearer(ok.body.token));
    expect(me.body.unit).toBe('zhujian');

    for (const username of ['op1', 'dispatch1', 'super1', 'admin1', 'longqiao1', 'chengguan1', 'gongan1']) {
      const r = await http().post('/auth/sign-in').send({ username, password: 'demo1234' });
      expect(r.status).toBe(200);
    }

    const bad = await http().post('/auth/sign-in').send({ username: 'op1', password: 'wrong' });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    const nobody = await http().post('/auth/sign-in').send({ username: 'nobody', password: 'demo1234' });
    expect(nobody.status).toBe(401);
  });

  it('lets a signed-in operator open a case with the issued token', async () => {
    const signIn = await http().post('/auth/sign-in').send({ username: 'op1', password: 'demo1234' });
    const res = await http().post('/complaints').set(bearer(signIn.body.token)).send(complaint());
    expect(res.status).toBe(201);
  });
});
