import { ReminderScheduler } from '../src/reminders/reminder.scheduler';
import {
  coordinator,
  district,
  GatewayHarness,
  HOURS,
  liaison,
} from './gateway.harness';

const MINUTE = 60_000;

describe('joint enforcement and the clocks', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await GatewayHarness.start('gateway_joint', {
      GATEWAY_REMINDER_SHARE: '0.5',
    });
  });

  afterAll(async () => {
    await gw?.stop();
  });

  it('lets the coordinating township hand out tasks, each unit report, and the township close', async () => {
    const lead = await gw.issue({ unit: 'chengguan', coordinator: 'longqiao' });
    await gw.issue({
      unit: 'renfang',
      caseId: lead.caseId,
      role: 'assist',
      coordinator: 'longqiao',
    });
    await gw.openJoint(lead.caseId, 'longqiao', ['chengguan', 'renfang']);

    const listed = await gw.http().get('/joint').set('Authorization', coordinator('longqiao'));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([lead.caseId]);
    const elsewhere = await gw.http().get('/joint').set('Authorization', coordinator('gulou'));
    expect(elsewhere.body.items).toEqual([]);

    const notCoordinator = await gw
      .http()
      .post(`/joint/${lead.caseId}/tasks`)
      .set('Authorization', coordinator('gulou'))
      .send({ unit: 'chengguan', task: '拆除违建' });
    expect(notCoordinator.status).toBe(403);
    expect(notCoordinator.body.code).toBe('JOINT.FORBIDDEN');

    const tasks: Record<string, string> = {};
    for (const [unit, task] of [
      ['chengguan', '依法拆除占用人防工程的违建'],
      ['renfang', '核查人防工程受损情况'],
    ]) {
      const res = await gw
        .http()
        .post(`/joint/${lead.caseId}/tasks`)
        .set('Authorization', coordinator('longqiao'))
        .send({ unit, task });
      expect(res.status).toBe(201);
      tasks[unit] = res.body.taskId;
    }

    const tooEarly = await gw
      .http()
      .post(`/joint/${lead.caseId}/close`)
      .set('Authorization', coordinator('longqiao'))
      .send({ summary: '联合执法完成' });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.code).toBe('JOINT.TASKS_OPEN');

    const othersTask = await gw
      .http()
      .post(`/joint/${lead.caseId}/tasks/${tasks.chengguan}/report`)
      .set('Authorization', liaison('renfang'))
      .send({ result: '代为报告' });
    expect(othersTask.status).toBe(403);
    expect(othersTask.body.code).toBe('JOINT.WRONG_UNIT');

    for (const unit of ['chengguan', 'renfang']) {
      await gw
        .http()
        .post(`/joint/${lead.caseId}/tasks/${tasks[unit]}/report`)
        .set('Authorization', liaison(unit))
        .send({ result: `${unit} 已完成` })
        .expect(200);
    }
    const twice = await gw
      .http()
      .post(`/joint/${lead.caseId}/tasks/${tasks.renfang}/report`)
      .set('Authorization', liaison('renfang'))
      .send({ result: '再次报告' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('JOINT.TASK_ALREADY_REPORTED');

    const closed = await gw
      .http()
      .post(`/joint/${lead.caseId}/close`)
      .set('Authorization', coordinator('longqiao'))
      .send({ summary: '违建已拆除，人防工程恢复' });
    expect(closed.status).toBe(200);

    const assigned = await gw.gatewayEvent('JointTaskAssigned', (e) => e.data.taskId === tasks.renfang);
    expect(assigned.data).toMatchObject({ coordinator: 'longqiao', unit: 'renfang' });
    await gw.gatewayEvent('JointTaskReported', (e) => e.data.taskId === tasks.chengguan);
    const done = await gw.gatewayEvent('JointEnforcementClosed', (e) => e.caseId === lead.caseId);
    expect(done.data).toEqual({ coordinator: 'longqiao', summary: '违建已拆除，人防工程恢复' });

    const afterClose = await gw
      .http()
      .post(`/joint/${lead.caseId}/tasks`)
      .set('Authorization', coordinator('longqiao'))
      .send({ unit: 'chengguan', task: '再去一次' });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.code).toBe('JOINT.CLOSED');

    const district_ = await gw.http().get('/joint').set('Authorization', district());
    expect(district_.body.items[0].tasks).toHaveLength(2);
  });

  it('closes only once tasks were handed out and reported, and hands tasks only to units on the case', async () => {
    const lead = await gw.issue({ unit: 'zhujian', coordinator: 'gulou' });
    await gw.issue({ unit: 'xiaoquban', caseId: lead.caseId, role: 'assist', coordinator: 'gulou' });
    await gw.openJoint(lead.caseId, 'gulou', ['zhujian', 'xiaoquban']);
    const as = coordinator('gulou');

    const nothingDone = await gw
      .http()
      .post(`/joint/${lead.caseId}/close`)
      .set('Authorization', as)
      .send({ summary: '联合执法完成' });
    expect(nothingDone.status).toBe(409);
    expect(nothingDone.body.code).toBe('JOINT.NO_TASKS');

    const stranger = await gw
      .http()
      .post(`/joint/${lead.caseId}/tasks`)
      .set('Authorization', as)
      .send({ unit: 'gongan', task: '到场维持秩序' });
    expect(stranger.status).toBe(409);
    expect(stranger.body).toMatchObject({ code: 'JOINT.UNIT_NOT_ON_CASE', field: 'unit' });

    const task = await gw
      .http()
      .post(`/joint/${lead.caseId}/tasks`)
      .set('Authorization', as)
      .send({ unit: 'xiaoquban', task: '约谈物业' });
    expect(task.status).toBe(201);
    const unreported = await gw
      .http()
      .post(`/joint/${lead.caseId}/close`)
      .set('Authorization', as)
      .send({ summary: '联合执法完成' });
    expect(unreported.status).toBe(409);
    expect(unreported.body.code).toBe('JOINT.TASKS_OPEN');

    await gw
      .http()
      .post(`/joint/${lead.caseId}/tasks/${task.body.taskId}/report`)
      .set('Authorization', liaison('xiaoquban'))
      .send({ result: '已约谈' })
      .expect(200);
    await gw
      .http()
      .post(`/joint/${lead.caseId}/close`)
      .set('Authorization', as)
      .send({ summary: '物业已整改' })
      .expect(200);
    const listed = await gw.http().get('/joint').set('Authorization', as);
    expect(listed.body.items.find((c: { caseId: string }) => c.caseId === lead.caseId).units).not.toContain('gongan');
  });

  it('reminds once at the configured share of each limit and once when it passes', async () => {
    const scheduler = gw.app.get(ReminderScheduler);
    const { assignmentId } = await gw.issue({ unit: 'gas' });
    const reminders = async () =>
      (
        await gw.env.query<{ clock: string; stage: string }>(
          `select clock, stage from gateway.reminders where assignment_id = $1
            order by issued_at, stage`,
          [assignmentId],
        )
      ).map((r) => `${r.clock}:${r.stage}`);

    gw.clock.advance(29 * MINUTE);
    await scheduler.runOnce();
    expect(await reminders()).toEqual([]);

    gw.clock.advance(2 * MINUTE);
    await Promise.all([scheduler.runOnce(), scheduler.runOnce(), scheduler.runOnce()]);
    expect(await reminders()).toEqual(['acknowledge:approaching']);

    gw.clock.advance(30 * MINUTE);
    await scheduler.runOnce();
    await scheduler.runOnce();
    expect(await reminders()).toEqual(['acknowledge:approaching', 'acknowledge:overdue']);

    const overdue = await gw.gatewayEvent(
      'ReminderIssued',
      (e) => e.data.assignmentId === assignmentId && e.data.stage === 'overdue',
    );
    expect(overdue.data).toMatchObject({ unit: 'gas', clock: 'acknowledge' });
    expect(overdue.actor.kind).toBe('system');

    await gw
      .http()
      .post(`/assignments/${assignmentId}/acknowledge`)
      .set('Authorization', liaison('gas'))
      .expect(201);
    await scheduler.runOnce();
    expect(await reminders()).toHaveLength(2);

    gw.clock.advance(3.5 * 24 * HOURS);
    await scheduler.runOnce();
    expect((await reminders()).slice(2)).toEqual(['resolve:approaching']);

    gw.clock.advance(4 * 24 * HOURS);
    await scheduler.runOnce();
    expect((await reminders()).slice(2)).toEqual(['resolve:approaching', 'resolve:overdue']);
    await gw.gatewayEvent(
      'ReminderIssued',
      (e) =>
        e.data.assignmentId === assignmentId &&
        e.data.clock === 'resolve' &&
        e.data.stage === 'overdue',
    );
  });
});
