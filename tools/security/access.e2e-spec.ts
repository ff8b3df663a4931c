import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { Role, ROLES } from '@lianzhi/domain';
import { PUBLIC_KEY, ROLES_KEY } from '@lianzhi/platform';
import { createTestEnvironment, TestEnvironment, tokenFor } from '@lianzhi/platform/testing';
import { bootAllServices, closeAll, ServiceName } from './all-services';

interface Endpoint {
  service: ServiceName;
  method: string;
  path: string;
  isPublic: boolean;
  roles: Role[] | undefined;
}

const PRINCIPALS: Record<Role, object> = {
  operator: { sub: 'op-t', name: '话务员', role: 'operator' },
  liaison: { sub: 'li-t', name: '联络员', role: 'liaison', unit: 'zhujian' },
  township: { sub: 'tw-t', name: '协调员', role: 'township', township: 'longqiao' },
  dispatcher: { sub: 'di-t', name: '派遣员', role: 'dispatcher' },
  supervisor: { sub: 'su-t', name: '督查员', role: 'supervisor' },
  admin: { sub: 'ad-t', name: '管理员', role: 'admin' },
};

/** Every route of a service, with the access rules declared on it. */
function endpointsOf(service: ServiceName, app: NestExpressApplication): Endpoint[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const found: Endpoint[] = [];

  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prefix: string = Reflect.getMetadata(PATH_METADATA, metatype) ?? '';
    const proto = Object.getPrototypeOf(instance);

    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      const method = Reflect.getMetadata(METHOD_METADATA, handler);
      if (path === undefined || method === undefined) continue;

      const targets = [handler, metatype];
      const segments = [prefix, path]
        .flatMap((p: string | string[]) => (Array.isArray(p) ? p[0] : p))
        .filter((p) => p && p !== '/');
      found.push({
        service,
        method: RequestMethod[method].toLowerCase(),
        path: '/' + segments.map((s: string) => s.replace(/^\/|\/$/g, '')).join('/'),
        isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false,
        roles: reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets),
      });
    }
  }
  return found;
}

/** A concrete URL for a route pattern: parameters become harmless UUIDs. */
function concrete(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}

describe('access control on every endpoint of every service', () => {
  let env: TestEnvironment;
  let apps: Record<ServiceName, NestExpressApplication>;
  let endpoints: Endpoint[];

  beforeAll(async () => {
    env = await createTestEnvironment('access');
    apps = await bootAllServices(env, { RATE_LIMIT_PER_MINUTE: '100000' });
    endpoints = (Object.keys(apps) as ServiceName[]).flatMap((s) => endpointsOf(s, apps[s]));
  });

  afterAll(async () => {
    await closeAll(apps ?? {});
    await env?.dispose();
  });

  it('finds the endpoints of all four services', () => {
    const services = new Set(endpoints.map((e) => e.service));
    expect([...services].sort()).toEqual(['agency-gateway', 'intake', 'reporting', 'routing']);
    expect(endpoints.length).toBeGreaterThan(20);
  });

  it('declares on every endpoint either @Public() or the roles that may call it', () => {
    const undeclared = endpoints
      .filter((e) => !e.isPublic && (!e.roles || e.roles.length === 0))
      .map((e) => `${e.service} ${e.method.toUpperCase()} ${e.path}`);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 without a token on every endpoint that is not public', async () => {
    const open: string[] = [];
    for (const e of endpoints.filter((x) => !x.isPublic)) {
      const res = await request(apps[e.service].getHttpServer())[e.method as 'get'](concrete(e.path));
      if (res.status !== 401) open.push(`${e.service} ${e.method} ${e.path} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('answers 401 to a forged token on every endpoint that is not public', async () => {
    const forged = tokenFor(PRINCIPALS.admin as never, 'not-the-secret');
    const open: string[] = [];
    for (const e of endpoints.filter((x) => !x.isPublic)) {
      const server = request(apps[e.service].getHttpServer());
      const res = await server[e.method as 'get'](concrete(e.path)).set(
        'Authorization',
        `Bearer ${forged}`,
      );
      if (res.status !== 401) open.push(`${e.service} ${e.method} ${e.path} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('answers 403 to every role an endpoint does not list', async () => {
    const leaks: string[] = [];
    let checked = 0;
    for (const e of endpoints.filter((x) => !x.isPublic && x.roles)) {
      for (const role of ROLES.filter((r) => !e.roles!.includes(r))) {
        const server = request(apps[e.service].getHttpServer());
        const res = await server[e.method as 'get'](concrete(e.path))
          .set('Authorization', `Bearer ${tokenFor(PRINCIPALS[role] as never)}`)
          .send({});
        checked += 1;
        if (res.status !== 403) leaks.push(`${e.service} ${e.method} ${e.path} as ${role} → ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });
});
