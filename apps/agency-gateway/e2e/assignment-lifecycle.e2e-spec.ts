import {
  coordinator,
  district,
  GatewayHarness,
  HOURS,
  liaison,
  operator,
} from './gateway.harness';

describe('a unit works its assignments through the gateway', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await GatewayHarness.start('gateway_lifecycle');
  });

  afterAll(async () => {
    await gw?.stop();
  });

  it('acknowledges, resolves, and closes the case when the resident is satisfied', async () => {
    const { caseId, assignmentId } = await gw.issue({ unit: 'chengguan' });

    const ack = await gw
      .http()
      .post(`/assignments/${assignmentId}/acknowledge`)
      .set('Authorization', liaison('chengguan'));
    expect(ack.status).toBe(201);
    expect(ack.body.assignment.state).toBe('acknowledged');

    const early = await gw
      .http()
      .post(`/cases/${caseId}/follow-up`)
      .set('Authorization', operator())
      .send({ satisfaction: 5, note: '' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CASE.NOT_RESOLVED');

    const resolved = await gw
      .http()
      .post(`/assignments/${assignmentId}/resolve`)
      .set('Authorization', liaison('chengguan'))
      .send({
        result: '已责令拆除彩钢房，现场恢复绿地 ✅',
        evidence: [{ name: '现场.jpg', contentType: 'image/jpeg', size: 2048 }],
      });
    expect(resolved.status).toBe(201);
    expect(resolved.body.assignment.state).toBe('resolved');

    const followUp = await gw
      .http()
      .post(`/cases/${caseId}/follow-up`)
      .set('Authorization', operator())
      .send({ satisfaction: 5, note: '满意' });
    expect(followUp.status).toBe(200);
    expect(followUp.body.status).toBe('closed');

    await gw.gatewayEvent('AssignmentAcknowledged', (e) => e.data.assignmentId === assignmentId);
    const resolvedEvent = await gw.gatewayEvent(
      'AssignmentResolved',
      (e) => e.data.assignmentId === assignmentId,
    );
    expect(resolvedEvent.data).toMatchObject({
      unit: 'chengguan',
      result: '已责令拆除彩钢房，现场恢复绿地 ✅',
      onTime: true,
      evidence: [{ name: '现场.jpg', contentType: 'image/jpeg', size: 2048 }],
    });
    await gw.gatewayEvent('FollowUpRecorded', (e) => e.caseId === caseId && e.data.satisfied);
    await gw.gatewayEvent('CaseClosed', (e) => e.caseId === caseId);

    const row = await gw.assignmentRow(assignmentId);
    expect(row.status).toBe('closed');
  });

  it('returns a case as not the unit’s duty, with reason and legal basis, onto the gateway topic', async () => {
    const { assignmentId } = await gw.issue({ unit: 'zhujian' });

    const missing = await gw
      .http()
      .post(`/assignments/${assignmentId}/return`)
      .set('Authorization', liaison('zhujian'))
      .send({ reason: '不属于本单位职责' });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('legalBasis');

    const returned = await gw
      .http()
      .post(`/assignments/${assignmentId}/return`)
      .set('Authorization', liaison('zhujian'))
      .send({ reason: '不属于本单位职责', legalBasis: '《意见》二(三)1' });
    expect(returned.status).toBe(201);

    const event = await gw.gatewayEvent(
      'AssignmentReturned',
      (e) => e.data.assignmentId === assignmentId,
    );
    expect(event.data).toEqual({
      assignmentId,
      unit: 'zhujian',
      reason: '不属于本单位职责',
      legalBasis: '《意见》二(三)1',
    });

    const after = await gw
      .http()
      .post(`/assignments/${assignmentId}/acknowledge`)
      .set('Authorization', liaison('zhujian'));
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('ASSIGNMENT.RETURNED');
  });

  it('refuses a return once the time limit has passed', async () => {
    const { assignmentId } = await gw.issue({ unit: 'huanbao' });
    gw.clock.advance(2 * HOURS);

    const late = await gw
      .http()
      .post(`/assignments/${assignmentId}/return`)
      .set('Authorization', liaison('huanbao'))
      .send({ reason: '不属于本单位职责', legalBasis: '《意见》' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ASSIGNMENT.RETURN_WINDOW_PASSED');
  });

  it('transfers to a known other unit and refuses anything after', async () => {
    const { assignmentId } = await gw.issue({ unit: 'guihua' });
    const as = liaison('guihua');

    const same = await gw
      .http()
      .post(`/assignments/${assignmentId}/transfer`)
      .set('Authorization', as)
      .send({ toUnit: 'guihua', reason: '本单位' });
    expect(same.status).toBe(409);
    expect(same.body.code).toBe('ASSIGNMENT.SAME_UNIT');

    const unknown = await gw
      .http()
      .post(`/assignments/${assignmentId}/transfer`)
      .set('Authorization', as)
      .send({ toUnit: 'no-such-unit', reason: '不详' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('UNIT.UNKNOWN');

    const moved = await gw
      .http()
      .post(`/assignments/${assignmentId}/transfer`)
      .set('Authorization', as)
      .send({ toUnit: 'chengguan', reason: '属城管执法局职责' });
    expect(moved.status).toBe(201);
    expect(moved.body.assignment.state).toBe('transferred');

    const event = await gw.gatewayEvent(
      'AssignmentTransferred',
      (e) => e.data.assignmentId === assignmentId,
    );
    expect(event.data.toUnit).toBe('chengguan');

    const after = await gw
      .http()
      .post(`/assignments/${assignmentId}/acknowledge`)
      .set('Authorization', as);
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('ASSIGNMENT.TRANSFERRED');
  });

  it('moves the deadline when the district grants an extension and keeps it when it denies one', async () => {
    const { assignmentId, event } = await gw.issue({ unit: 'renfang' });
    const as = liaison('renfang');
    await gw.http().post(`/assignments/${assignmentId}/acknowledge`).set('Authorization', as);

    const requestedDueAt = new Date(
      Date.parse(event.data.resolveDueAt) + 7 * 24 * HOURS,
    ).toISOString();
    const requested = await gw
      .http()
      .post(`/assignments/${assignmentId}/extension`)
      .set('Authorization', as)
      .send({ requestedDueAt, reason: '需要测绘' });
    expect(requested.status).toBe(201);
    expect(requested.body.assignment.state).toBe('extension-pending');

    const pending = await gw
      .http()
      .get('/extensions?state=pending')
      .set('Authorization', district('supervisor'));
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((i: { assignmentId: string }) => i.assignmentId)).toContain(
      assignmentId,
    );

    const notForLiaisons = await gw
      .http()
      .post(`/extensions/${assignmentId}/grant`)
      .set('Authorization', as)
      .send({ reason: '同意' });
    expect(notForLiaisons.status).toBe(403);

    const granted = await gw
      .http()
      .post(`/extensions/${assignmentId}/grant`)
      .set('Authorization', district())
      .send({ reason: '同意' });
    expect(granted.status).toBe(201);
    expect(granted.body.assignment.resolveDueAt).toBe(requestedDueAt);
    const grantedEvent = await gw.gatewayEvent(
      'ExtensionGranted',
      (e) => e.data.assignmentId === assignmentId,
    );
    expect(grantedEvent.data).toMatchObject({
      previousDueAt: event.data.resolveDueAt,
      newDueAt: requestedDueAt,
    });

    const again = new Date(Date.parse(requestedDueAt) + 24 * HOURS).toISOString();
    await gw
      .http()
      .post(`/assignments/${assignmentId}/extension`)
      .set('Authorization', as)
      .send({ requestedDueAt: again, reason: '再次申请' })
      .expect(201);
    const denied = await gw
      .http()
      .post(`/extensions/${assignmentId}/deny`)
      .set('Authorization', district())
      .send({ reason: '理由不充分' });
    expect(denied.status).toBe(201);
    expect(denied.body.assignment.resolveDueAt).toBe(requestedDueAt);
    await gw.gatewayEvent('ExtensionDenied', (e) => e.data.assignmentId === assignmentId);

    const records = await gw.env.query<{ state: string }>(
      `select state from gateway.extensions where assignment_id = $1 order by requested_at`,
      [assignmentId],
    );
    expect(records.map((r) => r.state)).toEqual(['granted', 'denied']);

    const nothingPending = await gw
      .http()
      .post(`/extensions/${assignmentId}/deny`)
      .set('Authorization', district())
      .send({ reason: '无' });
    expect(nothingPending.status).toBe(409);
    expect(nothingPending.body.code).toBe('EXTENSION.NOT_PENDING');
  });

  it('reopens the case for every unit when the resident is not satisfied, on a fresh clock', async () => {
    const first = await gw.issue({ unit: 'yuanlin' });
    const second = await gw.issue({ unit: 'chengguan', caseId: first.caseId, role: 'assist' });
    for (const [id, unit] of [
      [first.assignmentId, 'yuanlin'],
      [second.assignmentId, 'chengguan'],
    ]) {
      await gw.http().post(`/assignments/${id}/acknowledge`).set('Authorization', liaison(unit)).expect(201);
    }
    await gw
      .http()
      .post(`/assignments/${first.assignmentId}/resolve`)
      .set('Authorization', liaison('yuanlin'))
      .send({ result: '已补种绿植', evidence: [] })
      .expect(201);

    const oneLeft = await gw
      .http()
      .post(`/cases/${first.caseId}/follow-up`)
      .set('Authorization', operator())
      .send({ satisfaction: 2, note: '没处理完' });
    expect(oneLeft.status).toBe(409);

    await gw
      .http()
      .post(`/assignments/${second.assignmentId}/resolve`)
      .set('Authorization', liaison('chengguan'))
      .send({ result: '已拆除', evidence: [] })
      .expect(201);

    gw.clock.advance(24 * HOURS);
    const reopenedAt = gw.clock.now().getTime();
    const followUp = await gw
      .http()
      .post(`/cases/${first.caseId}/follow-up`)
      .set('Authorization', operator())
      .send({ satisfaction: 2, note: '彩钢房又搭起来了' });
    expect(followUp.status).toBe(200);
    expect(followUp.body.status).toBe('reopened');

    const reopened = await gw.gatewayEvent('CaseReopened', (e) => e.caseId === first.caseId);
    expect(reopened.data.units.sort()).toEqual(['chengguan', 'yuanlin']);
    expect(reopened.data.reopenCount).toBe(1);
    const told = await gw.env.query<{ unit: string }>(
      `select unit from gateway.unit_feed where event_id = $1 order by unit`,
      [reopened.id],
    );
    expect(told.map((t) => t.unit)).toEqual(['chengguan', 'yuanlin']);

    const detail = await gw
      .http()
      .get(`/assignments/${first.assignmentId}`)
      .set('Authorization', liaison('yuanlin'));
    expect(detail.body.state).toBe('reopened');
    expect(detail.body.reopenCount).toBe(1);
    expect(Date.parse(detail.body.resolveDueAt)).toBe(reopenedAt + 7 * 24 * HOURS);

    const redo = await gw
      .http()
      .post(`/assignments/${first.assignmentId}/resolve`)
      .set('Authorization', liaison('yuanlin'))
      .send({ result: '已再次拆除并巡查', evidence: [] });
    expect(redo.status).toBe(201);
  });

  it('refuses illegal actions with typed codes', async () => {
    const { assignmentId } = await gw.issue({ unit: 'gongan' });
    const as = liaison('gongan');

    const early = await gw
      .http()
      .post(`/assignments/${assignmentId}/resolve`)
      .set('Authorization', as)
      .send({ result: '已处理', evidence: [] });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('ASSIGNMENT.NOT_ACKNOWLEDGED');

    const otherUnit = await gw
      .http()
      .post(`/assignments/${assignmentId}/acknowledge`)
      .set('Authorization', liaison('zhujian'));
    expect(otherUnit.status).toBe(403);
    expect(otherUnit.body.code).toBe('ASSIGNMENT.WRONG_UNIT');

    await gw.http().post(`/assignments/${assignmentId}/acknowledge`).set('Authorization', as).expect(201);
    const twice = await gw
      .http()
      .post(`/assignments/${assignmentId}/acknowledge`)
      .set('Authorization', as);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ASSIGNMENT.ALREADY_ACKNOWLEDGED');

    const badEvidence = await gw
      .http()
      .post(`/assignments/${assignmentId}/resolve`)
      .set('Authorization', as)
      .send({ result: '已处理', evidence: [{ name: 'x.jpg', size: -1 }] });
    expect(badEvidence.status).toBe(400);
    expect(badEvidence.body.field).toMatch(/^evidence\.0\./);

    const noRole = await gw
      .http()
      .post(`/assignments/${assignmentId}/acknowledge`)
      .set('Authorization', operator());
    expect(noRole.status).toBe(403);
  });

  it('lets exactly one of ten simultaneous acknowledgements win', async () => {
    const { assignmentId } = await gw.issue({ unit: 'huanwei' });

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gw
          .http()
          .post(`/assignments/${assignmentId}/acknowledge`)
          .set('Authorization', liaison('huanwei', `liaison-${i}`)),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    expect(
      answers.filter((a) => a.status === 409).every((a) => a.body.code === 'ASSIGNMENT.ALREADY_ACKNOWLEDGED'),
    ).toBe(true);

    const outbox = await gw.env.query(
      `select 1 from gateway.outbox where payload::jsonb->>'type' = 'AssignmentAcknowledged'
          and payload::jsonb->'data'->>'assignmentId' = $1`,
      [assignmentId],
    );
    expect(outbox).toHaveLength(1);
  });

  it('shows each liaison only the unit’s inbox, sorted by deadline, with counts', async () => {
    const soon = await gw.issue({ unit: 'wujia', urgency: 'urgent' });
    const later = await gw.issue({
      unit: 'wujia',
      township: 'gulou',
      acknowledgeDueAt: new Date(gw.clock.now().getTime() + 5 * HOURS).toISOString(),
    });
    const foreign = await gw.issue({ unit: 'zhijian', township: 'gulou' });

    const inbox = await gw.http().get('/inbox').set('Authorization', liaison('wujia'));
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: { assignmentId: string }) => i.assignmentId)).toEqual([
      soon.assignmentId,
      later.assignmentId,
    ]);
    expect(inbox.body.counts).toEqual({ issued: 2 });

    const urgent = await gw.http().get('/inbox?urgency=urgent').set('Authorization', liaison('wujia'));
    expect(urgent.body.items).toHaveLength(1);

    const township = await gw.http().get('/inbox').set('Authorization', coordinator('gulou'));
    expect(township.body.items.map((i: { assignmentId: string }) => i.assignmentId).sort()).toEqual(
      [later.assignmentId, foreign.assignmentId].sort(),
    );

    gw.clock.advance(2 * HOURS);
    const overdue = await gw.http().get('/inbox?overdue=true').set('Authorization', liaison('wujia'));
    expect(overdue.body.items.map((i: { assignmentId: string }) => i.assignmentId)).toEqual([
      soon.assignmentId,
    ]);

    const peek = await gw
      .http()
      .get(`/assignments/${foreign.assignmentId}`)
      .set('Authorization', liaison('wujia'));
    expect(peek.status).toBe(403);
    expect(peek.body.code).toBe('ASSIGNMENT.WRONG_UNIT');
    expect(JSON.stringify(peek.body)).not.toContain('zhijian');
  });

  it('gives a unit the case details but never the caller, and says so for a confidential complaint', async () => {
    const open = await gw.issue({ unit: 'xiaoquban', callerRef: 'caller-abc' });
    const secret = await gw.issue({ unit: 'xiaoquban', confidential: true, callerRef: 'caller-xyz' });

    const plain = await gw
      .http()
      .get(`/assignments/${open.assignmentId}`)
      .set('Authorization', liaison('xiaoquban'));
    expect(plain.body).toMatchObject({
      description: '小区绿地被占用搭建彩钢房 🏗️',
      clause: { item: '(三)1' },
      caller: { callerRef: 'caller-abc' },
    });

    const hidden = await gw
      .http()
      .get(`/assignments/${secret.assignmentId}`)
      .set('Authorization', liaison('xiaoquban'));
    expect(hidden.body.caller).toBe('confidential');
    expect(JSON.stringify(hidden.body)).not.toContain('caller-xyz');
  });
});
