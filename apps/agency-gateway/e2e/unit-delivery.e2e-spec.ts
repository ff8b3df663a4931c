import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Consumer } from 'kafkajs';
import { UNITS, unitTopic } from '@lianzhi/domain';
import { eventually } from '@lianzhi/platform/testing';
import { verifyWebhook } from '../src/unit-delivery/webhook-signature';
import { WebhookDispatcher } from '../src/unit-delivery/webhook-dispatcher';
import { GatewayHarness, liaison } from './gateway.harness';

interface Received {
  eventId: string;
  type: string;
  status: number;
  signed: boolean;
}

/** A unit's own system: fails its first two requests, then accepts. */
function startReceiver(secret: string) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const status = received.length < 2 ? 500 : 200;
      const event = JSON.parse(body);
      received.push({
        eventId: event.id,
        type: event.type,
        status,
        signed: verifyWebhook(
          secret,
          String(req.headers['x-lianzhi-timestamp']),
          body,
          String(req.headers['x-lianzhi-signature']),
        ),
      });
      res.writeHead(status).end();
    });
  });
  return { server, received };
}

describe('delivery to the units’ own systems', () => {
  const secret = 'unit-shared-secret-0123456789';
  let gw: GatewayHarness;
  let receiver: ReturnType<typeof startReceiver>;
  let url: string;
  let topicReader: Consumer;
  const onUnitTopic: { id: string; type: string }[] = [];

  beforeAll(async () => {
    receiver = startReceiver(secret);
    await new Promise<void>((r) => receiver.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/lianzhi`;
    // The receivers here listen on 127.0.0.1, which only a deployment that
    // allows private addresses may call.
    gw = await GatewayHarness.start('gateway_delivery', {
      GATEWAY_WEBHOOK_ALLOW_PRIVATE: '1',
      GATEWAY_WEBHOOK_MAX_ATTEMPTS: '3',
    });

    topicReader = gw.env.kafka().consumer({
      groupId: `${gw.env.topicPrefix}.unit-reader`,
      maxWaitTimeInMs: 200,
    });
    await topicReader.connect();
    await topicReader.subscribe({
      topics: [gw.env.topic(unitTopic('chengguan'))],
      fromBeginning: true,
    });
    await topicReader.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value!.toString());
        onUnitTopic.push({ id: event.id, type: event.type });
      },
    });
  });

  afterAll(async () => {
    await topicReader?.disconnect();
    await gw?.stop();
    await new Promise((r) => receiver?.server.close(r));
  });

  it('creates a topic for every member unit at start', async () => {
    const admin = gw.env.kafka().admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    for (const unit of UNITS) {
      expect(topics).toContain(gw.env.topic(unitTopic(unit.code)));
    }
  });

  it('accepts only http(s) webhook addresses, and only the unit’s liaison sees them', async () => {
    const ftp = await gw
      .http()
      .post('/webhooks')
      .set('Authorization', liaison('chengguan'))
      .send({ url: 'ftp://127.0.0.1/x' });
    expect(ftp.status).toBe(400);
    expect(ftp.body.field).toBe('url');

    const created = await gw
      .http()
      .post('/webhooks')
      .set('Authorization', liaison('zhujian'))
      .send({ url: 'http://127.0.0.1:9/zhujian' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toHaveLength(64);

    const listed = await gw.http().get('/webhooks').set('Authorization', liaison('zhujian'));
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].secret).toBeUndefined();

    const peek = await gw
      .http()
      .get(`/webhooks/${created.body.subscriptionId}/attempts`)
      .set('Authorization', liaison('chengguan'));
    expect(peek.status).toBe(404);

    await gw
      .http()
      .delete(`/webhooks/${created.body.subscriptionId}`)
      .set('Authorization', liaison('zhujian'))
      .expect(204);
    const after = await gw.http().get('/webhooks').set('Authorization', liaison('zhujian'));
    expect(after.body.items).toEqual([]);
  });

  it('delivers each of the unit’s events once, signed, through failures and a restart', async () => {
    const subscribed = await gw
      .http()
      .post('/webhooks')
      .set('Authorization', liaison('chengguan'))
      .send({ url, secret });
    expect(subscribed.status).toBe(201);
    const subscriptionId = subscribed.body.subscriptionId;

    const { assignmentId, event: issued } = await gw.issue({ unit: 'chengguan' });
    const other = await gw.issue({ unit: 'zhujian' });
    const as = liaison('chengguan');
    await gw.http().post(`/assignments/${assignmentId}/acknowledge`).set('Authorization', as).expect(201);

    await eventually(async () => receiver.received.length >= 1, { what: 'a first attempt' });
    await gw.restart();

    await gw
      .http()
      .post(`/assignments/${assignmentId}/resolve`)
      .set('Authorization', as)
      .send({ result: '已处置', evidence: [] })
      .expect(201);
    const acknowledged = await gw.gatewayEvent('AssignmentAcknowledged', (e) => e.data.assignmentId === assignmentId);
    const resolved = await gw.gatewayEvent('AssignmentResolved', (e) => e.data.assignmentId === assignmentId);
    const expected = [issued.id, acknowledged.id, resolved.id].sort();

    const accepted = () =>
      receiver.received.filter((r) => r.status === 200).map((r) => r.eventId).sort();
    await eventually(async () => accepted().length === 3, { what: 'three deliveries accepted' });
    expect(accepted()).toEqual(expected);
    expect(receiver.received.filter((r) => r.status === 500)).toHaveLength(2);
    expect(receiver.received.every((r) => r.signed)).toBe(true);
    expect(receiver.received.map((r) => r.eventId)).not.toContain(other.event.id);

    // Delivered means done: another pass sends nothing more.
    await gw.app.get(WebhookDispatcher).runOnce();
    expect(receiver.received).toHaveLength(5);

    const log = await gw
      .http()
      .get(`/webhooks/${subscriptionId}/attempts`)
      .set('Authorization', as);
    expect(log.status).toBe(200);
    expect(log.body.pending).toBe(0);
    expect(log.body.items).toHaveLength(5);
    expect(log.body.items.filter((a: { statusCode: number }) => a.statusCode === 500)).toHaveLength(2);

    await eventually(async () => onUnitTopic.length >= 3, { what: 'the unit topic copies' });
    expect(onUnitTopic.map((e) => e.id).sort()).toEqual(expected);
  });

  it('gives a delivery up after the last allowed attempt instead of retrying for ever', async () => {
    // A port nothing listens on: every attempt fails to connect.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));

    const subscribed = await gw
      .http()
      .post('/webhooks')
      .set('Authorization', liaison('huanwei'))
      .send({ url: `http://127.0.0.1:${port}/nobody` });
    expect(subscribed.status).toBe(201);
    await gw.issue({ unit: 'huanwei' });

    const attempts = () =>
      gw
        .http()
        .get(`/webhooks/${subscribed.body.subscriptionId}/attempts`)
        .set('Authorization', liaison('huanwei'));
    const log = await eventually(
      async () => {
        const answer = await attempts();
        return answer.body.dead === 1 ? answer.body : undefined;
      },
      { what: 'the delivery given up' },
    );
    expect(log.pending).toBe(0);
    expect(log.items).toHaveLength(3);
    expect(log.items.every((a: { ok: boolean }) => !a.ok)).toBe(true);

    await gw.app.get(WebhookDispatcher).runOnce();
    expect((await attempts()).body.items).toHaveLength(3);
  });
});
