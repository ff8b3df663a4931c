import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { eventually } from '@lianzhi/platform/testing';
import { GatewayHarness, liaison } from './gateway.harness';

/**
 * The gateway with its default settings: webhooks may not point inside the
 * network it runs in.
 */
describe('webhook addresses the gateway refuses to call', () => {
  let gw: GatewayHarness;
  let server: Server;
  let port: number;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    gw = await GatewayHarness.start('gateway_webhook_addresses');
  });

  afterAll(async () => {
    await gw?.stop();
    await new Promise((r) => server?.close(r));
  });

  it('refuses loopback, private, link-local, unspecified, localhost and credentials at subscription', async () => {
    const refused = [
      `http://127.0.0.1:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://user:pass@127.0.0.1:${port}/`,
      'http://user:pass@unit.example/',
      'http://10.0.0.8/hook',
      'http://172.20.1.1/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
      'http://0.0.0.0/hook',
      'http://[::]/hook',
      `http://localhost:${port}/hook`,
      'http://gateway.localhost/hook',
      'ftp://unit.example/hook',
    ];
    for (const url of refused) {
      const answer = await gw
        .http()
        .post('/webhooks')
        .set('Authorization', liaison('chengguan'))
        .send({ url });
      expect({ url, status: answer.status, field: answer.body.field }).toEqual({
        url,
        status: 400,
        field: 'url',
      });
      expect(answer.body.code).toBe('VALIDATION.URL_NOT_ALLOWED');
    }
    const garbage = await gw
      .http()
      .post('/webhooks')
      .set('Authorization', liaison('chengguan'))
      .send({ url: 'not a url' });
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ code: 'VALIDATION.IS_URL', field: 'url' });
    const listed = await gw
      .http()
      .get('/webhooks')
      .set('Authorization', liaison('chengguan'));
    expect(listed.body.items).toEqual([]);

    const allowed = await gw
      .http()
      .post('/webhooks')
      .set('Authorization', liaison('huanbao'))
      .send({ url: 'https://unit.example/lianzhi/events' });
    expect(allowed.status).toBe(201);
  });

  it('does not call a stored private address, and gives up on it at once', async () => {
    // Stored as if registered before the rule, or while private addresses
    // were allowed: the delivery checks again and sends nothing.
    const plain = await subscribe('zhujian', `http://127.0.0.1:${port}/hook`);
    const withCredentials = await subscribe(
      'zhujian',
      `http://user:pass@127.0.0.1:${port}/hook`,
    );

    await gw.issue({ unit: 'zhujian' });

    for (const subscriptionId of [plain, withCredentials]) {
      const log = await eventually(
        async () => {
          const answer = await gw
            .http()
            .get(`/webhooks/${subscriptionId}/attempts`)
            .set('Authorization', liaison('zhujian'));
          return answer.body.dead === 1 ? answer.body : undefined;
        },
        { what: 'the delivery given up' },
      );
      expect(log.pending).toBe(0);
      expect(log.items).toHaveLength(1);
      expect(log.items[0].statusCode).toBeNull();
      expect(log.items[0].error).toMatch(/^not attempted: /);
    }
    expect(requests).toBe(0);
  });

  async function subscribe(unit: string, url: string): Promise<string> {
    const subscriptionId = randomUUID();
    await gw.env.query(
      `insert into gateway.webhook_subscriptions
         (subscription_id, unit, url, secret, created_by)
       values ($1, $2, $3, $4, 'test')`,
      [subscriptionId, unit, url, 'a-secret-of-sixteen-chars'],
    );
    return subscriptionId;
  }
});
