import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { finishedSpans } from '@lianzhi/platform';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
  tokenFor,
} from '@lianzhi/platform/testing';
import { bootAllServices, closeAll, ServiceName } from './all-services';

// Spans are kept in memory for this test process.
process.env.TRACE_IN_MEMORY = '1';

describe('one trace from the HTTP request through every service', () => {
  let env: TestEnvironment;
  let apps: Record<ServiceName, NestExpressApplication>;

  beforeAll(async () => {
    env = await createTestEnvironment('tracing');
    apps = await bootAllServices(env);
  });

  afterAll(async () => {
    await closeAll(apps ?? {});
    await env?.dispose();
  });

  it('carries one trace id from intake through the outbox, Kafka, routing, the gateway and reporting', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const operator = tokenFor({ sub: 'op-trace', name: '话务员', role: 'operator' });

    const res = await request(apps.intake.getHttpServer())
      .post('/complaints')
      .set('Authorization', `Bearer ${operator}`)
      .set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`)
      .send({
        description: '龙桥街道建设路小区5号楼顶楼住户在楼顶加盖彩钢房，天天施工',
        address: { text: '龙桥街道建设路小区5号楼', township: 'longqiao' },
        channel: 'hotline',
        urgency: 'normal',
        caller: { anonymous: true },
      });
    expect(res.status).toBe(201);

    const expected = ['POST /complaints', 'publish ComplaintReceived', 'consume ComplaintReceived', 'consume AssignmentIssued'];
    const services = await eventually(
      async () => {
        const mine = finishedSpans().filter((s) => s.spanContext().traceId === traceId);
        const seen = new Set(mine.map((s) => String(s.attributes['lianzhi.service'])));
        const names = new Set(mine.map((s) => s.name));
        return seen.size === 4 && expected.every((n) => names.has(n)) && seen;
      },
      { timeoutMs: 60_000, what: 'spans from all four services' },
    ).catch(() => {
      const seen = finishedSpans()
        .filter((s) => s.spanContext().traceId === traceId)
        .map((s) => `${s.attributes['lianzhi.service']}:${s.name}`);
      throw new Error(`spans of the trace: ${JSON.stringify(seen)} (all spans: ${finishedSpans().length})`);
    });

    expect([...services].sort()).toEqual(['agency-gateway', 'intake', 'reporting', 'routing']);
    const names = finishedSpans()
      .filter((s) => s.spanContext().traceId === traceId)
      .map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(expected));
  });
});
