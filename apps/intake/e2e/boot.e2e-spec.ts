import request from 'supertest';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createService } from '@lianzhi/platform';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import { AppModule } from '../src/app.module';

describe('intake service boot', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;

  beforeAll(async () => {
    env = await createTestEnvironment('intake_boot');
    app = await createService(AppModule.register(env.env()), 'intake');
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  it('runs its migrations and reports ready with database, broker and consumers up', async () => {
    // The progress consumer joins its group in the background.
    const res = await eventually(async () => {
      const ready = await request(app.getHttpServer()).get('/health/ready');
      return ready.body.status === 'up' && ready;
    });
    expect(res.body).toEqual({
      status: 'up',
      checks: { database: 'up', broker: 'up', consumers: 'up' },
    });
    const tables = await env.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'intake' order by 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['outbox', 'processed_events', 'migrations']),
    );
  });

  it('answers an unknown route with problem details', async () => {
    const res = await request(app.getHttpServer()).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('ROUTE.NOT_FOUND');
  });

  it('exposes Prometheus metrics: requests by route, outbox backlog, consumer figures', async () => {
    await request(app.getHttpServer()).get('/openapi.json');
    const res = await request(app.getHttpServer()).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^outbox_backlog \d+$/m);
    expect(res.text).toMatch(/^consumer_dead_lettered_total \d+$/m);
    expect(res.text).toContain('http_request_duration_seconds_count{method="GET",route="/health/ready",status="200"}');
  });

  it('serves its OpenAPI document', async () => {
    const res = await request(app.getHttpServer()).get('/openapi.json');
    expect(res.status).toBe(200);
  });
});
