import { generateKeyPairSync, createSign } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createService } from '@lianzhi/platform';
import { createTestEnvironment, TestEnvironment, tokenFor } from '@lianzhi/platform/testing';
import { AppModule as RoutingModule } from '../../apps/routing/src/app.module';

/** A provider of our own on 127.0.0.1: discovery, keys, and tokens it signs. */
function startProvider() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' };
  let issuer = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (req.url === '/jwks') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });

  const sign = (claims: Record<string, unknown>, key = privateKey) => {
    const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const body = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${encode(claims)}`;
    const signature = createSign('RSA-SHA256').update(body).sign(key).toString('base64url');
    return `${body}.${signature}`;
  };

  return new Promise<{ server: Server; issuer: string; sign: typeof sign }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ server, issuer, sign });
    });
  });
}

describe('sign-in through a configured OIDC issuer', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;
  let provider: Awaited<ReturnType<typeof startProvider>>;

  beforeAll(async () => {
    provider = await startProvider();
    env = await createTestEnvironment('oidc');
    app = await createService(
      RoutingModule.register(env.env({ OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: 'lianzhi' })),
      'routing',
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
    provider?.server.close();
  });

  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: provider.issuer,
    aud: 'lianzhi',
    sub: 'u-1',
    name: '派遣员',
    lianzhi_role: 'dispatcher',
    exp: Math.floor(Date.now() / 1000) + 600,
    ...extra,
  });

  it('accepts a token the provider signed, with the role from its claims', async () => {
    const res = await request(app.getHttpServer())
      .get('/dispatch/queue')
      .set('Authorization', `Bearer ${provider.sign(claims())}`);
    expect(res.status).toBe(200);
  });

  it('applies the role the provider gave: an operator may not read the queue', async () => {
    const res = await request(app.getHttpServer())
      .get('/dispatch/queue')
      .set('Authorization', `Bearer ${provider.sign(claims({ lianzhi_role: 'operator' }))}`);
    expect(res.status).toBe(403);
  });

  it('refuses a token for another audience, an expired one, and one signed by another key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    for (const token of [
      provider.sign(claims({ aud: 'someone-else' })),
      provider.sign(claims({ exp: Math.floor(Date.now() / 1000) - 10 })),
      provider.sign(claims(), other),
    ]) {
      const res = await request(app.getHttpServer())
        .get('/dispatch/queue')
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
    }
  });

  it('still accepts the platform’s own sign-in tokens', async () => {
    const res = await request(app.getHttpServer())
      .get('/dispatch/queue')
      .set('Authorization', `Bearer ${tokenFor({ sub: 'd', name: 'd', role: 'dispatcher' })}`);
    expect(res.status).toBe(200);
  });
});
