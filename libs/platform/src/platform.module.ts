import { createSecretKey } from 'node:crypto';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from './auth/auth';
import { OIDC_SETTINGS, readOidcSettings } from './auth/oidc';
import { Clock } from './clock/clock';
import { readServiceConfig, SERVICE_CONFIG, ServiceConfig } from './config/service-config';
import { DatabaseModule, DatabaseOptions } from './database/database.module';
import { HealthController } from './health/health.controller';
import { Metrics } from './health/metrics';
import { EventConsumers } from './messaging/event-consumer';
import { KafkaClients } from './messaging/kafka-clients';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';

export interface ServiceDefinition extends DatabaseOptions {
  readonly serviceName: string;
  readonly schema: string;
  readonly defaultPort: number;
}

/**
 * What every service has: its config, its database schema with migrations,
 * Kafka with an outbox relay and exactly-once consumers, sign-in checks,
 * structured logs without personal data, health and metrics.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(definition: ServiceDefinition, env = process.env): DynamicModule {
    const config: ServiceConfig = readServiceConfig(
      definition.serviceName,
      definition.schema,
      definition.defaultPort,
      env,
    );
    const jwtKey = createSecretKey(Buffer.from(config.jwtSecret));
    return {
      module: PlatformModule,
      imports: [
        DiscoveryModule,
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            name: config.serviceName,
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || req.url === '/metrics' },
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query', 'phone', 'name', 'caller'],
              remove: true,
            },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: (req.url ?? '').split('?')[0],
              }),
            },
          },
        }),
        DatabaseModule.forService(config, definition),
        ThrottlerModule.forRoot([
          {
            name: 'public',
            ttl: 60_000,
            limit: Number(env.RATE_LIMIT_PER_MINUTE ?? 120),
          },
        ]),
        JwtModule.register({
          // A KeyObject, made once: given a string, jsonwebtoken derives the
          // key again (after a failed public-key parse) on every request.
          secretOrKeyProvider: () => jwtKey,
          signOptions: { expiresIn: '12h', algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        KafkaClients,
        Outbox,
        OutboxRelay,
        EventConsumers,
        Metrics,
        { provide: Clock, useValue: new Clock(env.CLOCK === 'manual') },
        { provide: OIDC_SETTINGS, useValue: readOidcSettings(env) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [ThrottlerModule, Clock, SERVICE_CONFIG, KafkaClients, Outbox, OutboxRelay, EventConsumers, Metrics, JwtModule, DatabaseModule],
    };
  }
}
