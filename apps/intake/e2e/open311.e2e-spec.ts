import request from 'supertest';
import { NestExpressApplication } from '@nestjs/platform-express';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import { bootIntake } from './support';

describe('Open311 GeoReport v2 façade', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;

  beforeAll(async () => {
    env = await createTestEnvironment('intake_open311');
    app = await bootIntake(env, { RATE_LIMIT_PER_MINUTE: '10000' });
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  const http = () => request(app.getHttpServer());

  it('lists the matter types of the matrix as realtime services', async () => {
    const res = await http().get('/open311/v2/services.json');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(20);
    expect(res.body).toContainEqual(
      expect.objectContaining({
        service_code: 'chengguan.illegal-structure',
        type: 'realtime',
        metadata: false,
        group: '区城管执法局',
      }),
    );
  });

  it('accepts a form-encoded request as a complaint on the open311 channel', async () => {
    const res = await http()
      .post('/open311/v2/requests.json')
      .type('form')
      .send({
        service_code: 'gongan.noise-nuisance',
        description: '广场舞音响太大声，晚上十点还没停',
        address_string: '鼓楼街道文化广场',
        lat: '35.55',
        long: '116.83',
        first_name: '李',
        last_name: '明',
        phone: '13812340000',
        email: 'li@example.org',
      });
    expect(res.status).toBe(201);
    expect(res.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^LZ\d{8}-\d+$/),
        service_notice: expect.any(String),
        account_id: null,
      },
    ]);

    const [row] = await env.query<{ channel: string; name: string }>(
      `select c.channel, k.name from intake.cases c
         join intake.callers k on k.id = c.caller_id
        where c.case_number = $1`,
      [res.body[0].service_request_id],
    );
    expect(row).toEqual({ channel: 'open311', name: '李明' });

    const id = res.body[0].service_request_id;
    const one = await http().get(`/open311/v2/requests/${id}.json`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: 'open',
        service_code: 'gongan.noise-nuisance',
        requested_datetime: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(one.body)).not.toContain('13812340000');

    const many = await http().get('/open311/v2/requests.json').query({ service_request_id: `${id},LZ00000000-000000` });
    expect(many.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id]);
  });

  it('reports a closed case as closed', async () => {
    const res = await http()
      .post('/open311/v2/requests.json')
      .send({ service_code: 'gongan.noise-nuisance', description: '夜间施工', address_string: '龙桥街道某工地' });
    const id = res.body[0].service_request_id;
    await env.query(`update intake.case_progress set status = 'closed' where case_number = $1`, [id]);
    const closed = await eventually(async () => {
      const r = await http().get('/open311/v2/requests.json').query({ status: 'closed' });
      return r.body.length > 0 && r;
    });
    expect(closed.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id]);
    expect(closed.body[0].status).toBe('closed');
  });

  it.each([
    ['no service_code', { description: 'x', address_string: 'y' }, 'service_code'],
    ['an unknown service_code', { service_code: 'no.such', description: 'x', address_string: 'y' }, 'service_code'],
    ['no location', { service_code: 'gongan.noise-nuisance', description: 'x' }, 'address_string'],
    ['no description', { service_code: 'gongan.noise-nuisance', address_string: 'y' }, 'description'],
    ['a malformed phone', { service_code: 'gongan.noise-nuisance', description: 'x', address_string: 'y', phone: '12' }, 'phone'],
    ['a latitude out of range', { service_code: 'gongan.noise-nuisance', description: 'x', lat: '95', long: '116' }, 'lat'],
  ])('answers %s with a 400 Open311 error naming the field', async (_, body, field) => {
    const res = await http().post('/open311/v2/requests.json').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual([{ code: 400, description: expect.stringContaining(field) }]);
  });

  it('answers an unknown request with a 404 Open311 error', async () => {
    const res = await http().get('/open311/v2/requests/LZ20000101-000001.json');
    expect(res.status).toBe(404);
    expect(res.body).toEqual([{ code: 404, description: expect.any(String) }]);
  });
});
