import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { NestExpressApplication } from '@nestjs/platform-express';
import { parseEvent, TOPICS } from '@lianzhi/domain';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import { bearer, bootIntake, complaint, readTopic, tokens } from './support';

describe('accepting a complaint (受理)', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;
  let reader: Awaited<ReturnType<typeof readTopic>>;

  beforeAll(async () => {
    env = await createTestEnvironment('intake_create');
    app = await bootIntake(env);
    reader = await readTopic(env, TOPICS.intake);
  });

  afterAll(async () => {
    await reader?.stop();
    await app?.close();
    await env?.dispose();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    request(app.getHttpServer())
      .post('/complaints')
      .set(bearer(tokens.operator))
      .set(headers)
      .send(body as object);

  it('publishes exactly one ComplaintReceived, keyed by case id, without the caller', async () => {
    const res = await post(complaint({ category: 'chengguan.illegal-structure' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      caseId: expect.any(String),
      caseNumber: expect.stringMatching(/^LZ\d{8}-\d{6,}$/),
      status: 'received',
      receivedAt: expect.any(String),
      repeatCandidates: [],
    });

    const mine = await eventually(async () => {
      const found = reader.messages.filter((m) => m.key === res.body.caseId);
      return found.length > 0 && found;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(reader.messages.filter((m) => m.key === res.body.caseId)).toHaveLength(1);

    const { event } = mine[0];
    expect(parseEvent(JSON.stringify(event))).toMatchObject({ id: mine[0].eventId });
    expect(event.type).toBe('ComplaintReceived');
    expect(event.data).toMatchObject({
      caseNumber: res.body.caseNumber,
      channel: 'hotline',
      urgency: 'urgent',
      category: 'chengguan.illegal-structure',
      description: '楼顶漏水三天了，物业不管 😡',
      callerRef: expect.any(String),
    });
    const wire = JSON.stringify(event);
    expect(wire).not.toContain('13812345678');
    expect(wire).not.toContain('张三');
  });

  it('answers with the security headers on every response', async () => {
    const res = await post(complaint());
    expect(res.status).toBe(201);
    expect(res.headers).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'x-content-type-options': 'nosniff',
      'strict-transport-security': expect.stringContaining('max-age='),
      'x-frame-options': 'SAMEORIGIN',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses a token that has expired since it was last accepted', async () => {
    const { tokenFor } = await import('@lianzhi/platform/testing');
    const token = tokenFor({ sub: 'op9', name: '话务员九', role: 'operator' });
    const first = await request(app.getHttpServer())
      .post('/complaints')
      .set(bearer(token))
      .send(complaint());
    expect(first.status).toBe(201);

    const later = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 24 * 3600_000);
    try {
      const again = await request(app.getHttpServer())
        .post('/complaints')
        .set(bearer(token))
        .send(complaint());
      expect({ status: again.status, code: again.body.code }).toEqual({
        status: 401,
        code: 'AUTH.UNAUTHENTICATED',
      });
    } finally {
      later.mockRestore();
    }
  });

  it('stores the phone once, in callers only', async () => {
    const res = await post(complaint({ caller: { phone: '13900001111' } }));
    const rows = await env.query<{ n: number }>(
      `select count(*)::int as n from intake.callers where phone = '13900001111'`,
    );
    expect(rows[0].n).toBe(1);
    const [row] = await env.query<{ c: string }>(
      `select row_to_json(c)::text as c from intake.cases c where id = $1`,
      [res.body.caseId],
    );
    expect(row.c).not.toContain('13900001111');
  });

  it('round-trips Chinese, emoji and long text byte for byte', async () => {
    const description = '噪音扰民🎵\n\t深夜施工'.repeat(400).slice(0, 4990);
    const res = await post(complaint({ description }));
    expect(res.status).toBe(201);
    const [row] = await env.query<{ description: string }>(
      `select description from intake.cases where id = $1`,
      [res.body.caseId],
    );
    expect(Buffer.from(row.description)).toEqual(Buffer.from(description));
    const received = await eventually(async () =>
      reader.messages.find((m) => m.key === res.body.caseId),
    );
    expect(received.event.data.description).toBe(description);
  });

  it('answers a retry with the same Idempotency-Key with the same case', async () => {
    const key = randomUUID();
    const body = complaint({ description: '电梯停运一周' });
    const first = await post(body, { 'Idempotency-Key': key });
    const second = await post(body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const rows = await env.query<{ n: number }>(
      `select count(*)::int as n from intake.cases where description = '电梯停运一周'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('serialises concurrent retries of one key into one case', async () => {
    const key = randomUUID();
    const body = complaint({ description: '并发重试' });
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(body, { 'Idempotency-Key': key })));
    expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
    expect(answers.every((a) => a.status === 201)).toBe(true);
  });

  it('refuses the same key with a different body with 409', async () => {
    const key = randomUUID();
    await post(complaint({ description: '第一次' }), { 'Idempotency-Key': key });
    const res = await post(complaint({ description: '第二次' }), { 'Idempotency-Key': key });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('refuses an Idempotency-Key that is too long, naming the header', async () => {
    const res = await post(complaint(), { 'Idempotency-Key': 'k'.repeat(201) });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('Idempotency-Key');
  });

  it.each([
    ['a missing description', { description: undefined }, 'description'],
    ['a blank description', { description: '   ' }, 'description'],
    ['an over-long description', { description: '长'.repeat(5001) }, 'description'],
    ['an over-long title', { title: 't'.repeat(201) }, 'title'],
    ['an over-long address', { address: { text: '路'.repeat(501) } }, 'address.text'],
    ['a missing address', { address: undefined }, 'address'],
    ['a malformed phone', { caller: { phone: '12345' } }, 'caller.phone'],
    ['a NUL in the description', { description: 'a\u0000b' }, 'description'],
    ['a control character in the name', { caller: { name: '张\u0007三' } }, 'caller.name'],
    ['a number for the description', { description: 42 }, 'description'],
    ['an unknown urgency', { urgency: 'asap' }, 'urgency'],
    ['a time it happened in the future', { happenedAt: '2999-01-01T00:00:00Z' }, 'happenedAt'],
    ['a NUL in the address', { address: { text: '路\u0000' } }, 'address.text'],
    ['an unknown channel', { channel: 'fax' }, 'channel'],
    ['an unknown category', { category: 'nothing.like-this' }, 'category'],
    ['an unknown township', { address: { text: '某路', township: 'atlantis' } }, 'address.township'],
    ['a bad attachment size', { attachments: [{ name: 'a.jpg', contentType: 'image/jpeg', size: -1 }] }, 'attachments.0.size'],
    ['a name with an anonymous caller', { caller: { anonymous: true, name: '李四' } }, 'caller.anonymous'],
    ['an unexpected field', { secret: 1 }, 'secret'],
  ])('refuses %s with a 400 naming the field', async (_, overrides, field) => {
    const res = await post(complaint(overrides));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.field).toBe(field);
  });

  it('refuses a liaison, who may not open cases', async () => {
    const res = await request(app.getHttpServer())
      .post('/complaints')
      .set(bearer(tokens.liaison))
      .send(complaint());
    expect(res.status).toBe(403);
  });

  it('offers open cases of the same township and matter as repeat candidates', async () => {
    const body = complaint({
      category: 'gongan.noise-nuisance',
      description: '幸福小区楼下KTV深夜噪音',
    });
    const first = await post(body);
    const second = await post({ ...body, description: '幸福小区KTV噪音到凌晨' });
    expect(second.body.repeatCandidates).toEqual([
      expect.objectContaining({
        caseId: first.body.caseId,
        reason: 'same-township-and-category',
      }),
    ]);

    const attached = await request(app.getHttpServer())
      .post(`/complaints/${first.body.caseId}/repeats`)
      .set(bearer(tokens.operator))
      .send({ description: '又来电反映KTV噪音', caller: { phone: '13700001234' } });
    expect(attached.status).toBe(201);
    expect(attached.body.repeatCount).toBe(1);

    const repeat = await eventually(async () =>
      reader.messages.find(
        (m) => m.key === first.body.caseId && m.event.type === 'RepeatComplaintAttached',
      ),
    );
    expect(repeat.event.data.repeatCount).toBe(1);
    expect(JSON.stringify(repeat.event)).not.toContain('13700001234');
  });

  it('finds alike text at the same address without a category', async () => {
    const address = { text: '鼓楼街道 文化路 8号 阳光花园' };
    const first = await post(complaint({ address, description: '阳光花园8号楼下水道堵塞污水外溢' }));
    const res = await request(app.getHttpServer())
      .get('/complaints/similar')
      .query({ address: '鼓楼街道文化路8号阳光花园', text: '阳光花园8号楼下水道堵塞，污水外溢' })
      .set(bearer(tokens.operator));
    expect(res.status).toBe(200);
    expect(res.body.map((c: { caseId: string }) => c.caseId)).toContain(first.body.caseId);
  });
});
