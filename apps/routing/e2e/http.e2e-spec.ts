import request from 'supertest';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DEFAULT_MATRIX } from '@lianzhi/domain';
import {
  createTestEnvironment,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import { bearer, startRouting } from './support';

describe('routing over HTTP: preview, places, matter types, matrix versions', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    env = await createTestEnvironment('routing_http');
    app = await startRouting(env);
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  it('previews a rooftop-extension complaint as 区城管执法局 with its clause', async () => {
    const res = await http()
      .post('/routing/preview')
      .set('Authorization', bearer('operator'))
      .send({
        description: '顶楼那家在楼顶又搭了个棚子住人',
        address: '兖州区鼓楼街道某小区3号楼',
      });

    expect(res.status).toBe(200);
    expect(res.body.manual).toBeNull();
    expect(res.body.township).toBe('gulou');
    expect(res.body.assignments).toEqual([
      {
        unit: 'chengguan',
        unitName: '区城管执法局',
        role: 'lead',
        clause: expect.objectContaining({ section: '二', item: '(三)1' }),
      },
    ]);
    expect(res.body.explanation).toContain('楼顶');
  });

  it('answers a preview fast enough for the operator typing', async () => {
    const started = Date.now();
    for (let i = 0; i < 50; i += 1) {
      await http()
        .post('/routing/preview')
        .set('Authorization', bearer('operator'))
        .send({ description: `楼道里堆满了杂物${i}`, address: '龙桥街道' })
        .expect(200);
    }
    expect((Date.now() - started) / 50).toBeLessThan(50);
  });

  it('refuses a preview to a liaison, and an unknown category with the field', async () => {
    await http()
      .post('/routing/preview')
      .set('Authorization', bearer('liaison', { unit: 'chengguan' }))
      .send({ description: 'x', address: 'y' })
      .expect(403);

    const res = await http()
      .post('/routing/preview')
      .set('Authorization', bearer('operator'))
      .send({ description: 'x', address: 'y', category: 'no.such-matter' });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('category');
  });

  it('suggests places under every township that has them', async () => {
    const res = await http()
      .get('/places')
      .query({ prefix: '马楼' })
      .set('Authorization', bearer('operator'))
      .expect(200);
    const malou = res.body.find((p: { name: string }) => p.name === '马楼村');
    expect([...malou.townships].sort()).toEqual(['xinyi', 'yandian']);

    await http().get('/places').query({ prefix: '马楼' }).expect(401);
  });

  it('lists the matter types of the matrix in force to any signed-in role', async () => {
    const res = await http()
      .get('/matter-types')
      .set('Authorization', bearer('liaison', { unit: 'gongan' }))
      .expect(200);
    expect(res.body).toHaveLength(DEFAULT_MATRIX.entries.length);
    expect(res.body).toContainEqual(
      expect.objectContaining({
        code: 'chengguan.rooftop-construction',
        units: [{ unit: 'chengguan', unitName: '区城管执法局', role: 'lead' }],
      }),
    );
  });

  describe('matrix versions', () => {
    const entries = () =>
      JSON.parse(JSON.stringify(DEFAULT_MATRIX.entries)) as {
        code: string;
        responsible: { unit: string }[];
      }[];

    it('seeds the gazette matrix as version 1, in force', async () => {
      const res = await http()
        .get('/matrix/versions')
        .set('Authorization', bearer('supervisor'))
        .expect(200);
      expect(res.body).toEqual([
        expect.objectContaining({ version: '1', status: 'active', inForce: true }),
      ]);
      await http()
        .get('/matrix/versions')
        .set('Authorization', bearer('dispatcher'))
        .expect(403);
    });

    it('rejects an invalid version with 400 naming the field', async () => {
      const broken = entries();
      broken[2].responsible[0].unit = 'nobody';
      const res = await http()
        .post('/matrix/versions')
        .set('Authorization', bearer('admin'))
        .send({ effectiveFrom: '2030-01-01', entries: broken });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('entries[2].responsible[0].unit');

      for (const malformed of [[null], [{ code: 'a.b', responsible: 'x' }]]) {
        const res = await http()
          .post('/matrix/versions')
          .set('Authorization', bearer('admin'))
          .send({ effectiveFrom: '2030-01-01', entries: malformed });
        expect(res.status).toBe(400);
        expect(res.body.field).toBe('entries');
      }

      const supervisor = await http()
        .post('/matrix/versions')
        .set('Authorization', bearer('supervisor'))
        .send({ effectiveFrom: '2030-01-01', entries: entries() });
      expect(supervisor.status).toBe(403);
    });

    it('creates a draft, activates it from a date, and keeps the history', async () => {
      const changed = entries();
      const rooftop = changed.find((e) => e.code === 'chengguan.rooftop-construction')!;
      rooftop.responsible[0].unit = 'guihua';
      const created = await http()
        .post('/matrix/versions')
        .set('Authorization', bearer('admin'))
        .send({ effectiveFrom: '2030-01-01', entries: changed, note: '调整' })
        .expect(201);
      expect(created.body).toMatchObject({ version: '2', status: 'draft' });

      const past = await http()
        .post('/matrix/versions/2/activate')
        .set('Authorization', bearer('admin'))
        .send({ effectiveFrom: '2020-01-01' });
      expect(past.status).toBe(400);
      expect(past.body.field).toBe('effectiveFrom');

      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      await http()
        .post('/matrix/versions/2/activate')
        .set('Authorization', bearer('admin'))
        .send({ effectiveFrom: today })
        .expect(200);
      await http()
        .post('/matrix/versions/2/activate')
        .set('Authorization', bearer('admin'))
        .send({ effectiveFrom: today })
        .expect(409);

      const list = await http()
        .get('/matrix/versions')
        .set('Authorization', bearer('admin'))
        .expect(200);
      expect(list.body.map((v: { inForce: boolean }) => v.inForce)).toEqual([false, true]);

      const preview = await http()
        .post('/routing/preview')
        .set('Authorization', bearer('operator'))
        .send({ description: '顶楼那家在楼顶又搭了个棚子住人', address: '鼓楼街道' })
        .expect(200);
      expect(preview.body.assignments.map((a: { unit: string }) => a.unit)).toEqual(['guihua']);
      expect(preview.body.explanation).toContain('2');

      const detail = await http()
        .get('/matrix/versions/2')
        .set('Authorization', bearer('supervisor'))
        .expect(200);
      expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual([
        'created',
        'activated',
      ]);
      await http()
        .get('/matrix/versions/99')
        .set('Authorization', bearer('supervisor'))
        .expect(404);
    });
  });
});
