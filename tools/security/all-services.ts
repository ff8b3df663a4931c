import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createService } from '@lianzhi/platform';
import { TestEnvironment } from '@lianzhi/platform/testing';
import { AppModule as GatewayModule } from '../../apps/agency-gateway/src/app.module';
import { AppModule as IntakeModule } from '../../apps/intake/src/app.module';
import { AppModule as ReportingModule } from '../../apps/reporting/src/app.module';
import { AppModule as RoutingModule } from '../../apps/routing/src/app.module';

export const SERVICE_MODULES = {
  intake: IntakeModule,
  routing: RoutingModule,
  'agency-gateway': GatewayModule,
  reporting: ReportingModule,
} as const;

export type ServiceName = keyof typeof SERVICE_MODULES;

/** The four services in this process, on one test database and topic prefix. */
export async function bootAllServices(
  env: TestEnvironment,
  extra: Record<string, string> = {},
): Promise<Record<ServiceName, NestExpressApplication>> {
  const apps = {} as Record<ServiceName, NestExpressApplication>;
  for (const name of Object.keys(SERVICE_MODULES) as ServiceName[]) {
    const app = await createService(
      SERVICE_MODULES[name].register(env.env(extra)),
      name,
    );
    await app.init();
    apps[name] = app;
  }
  return apps;
}

export async function closeAll(apps: Partial<Record<string, INestApplication>>) {
  for (const app of Object.values(apps).reverse()) await app?.close();
}
