import cluster from 'node:cluster';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DEVELOPMENT_SECRET, SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation';
import { SafeTextPipe } from './safe-text.pipe';
import { initTelemetry, tracingMiddleware } from '../telemetry/tracing';
import { Metrics } from '../health/metrics';
import { NextFunction, Request, Response } from 'express';

export const BODY_LIMIT = '1mb';

/** Applies the HTTP conventions every service shares. */
export function configureHttp(app: NestExpressApplication, title: string): void {
  app.useLogger(app.get(Logger));
  app.use(tracingMiddleware(app.get<ServiceConfig>(SERVICE_CONFIG).serviceName));
  app.use(requestMetrics(app.get(Metrics)));
  app.use(securityHeaders());
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.useGlobalPipes(new SafeTextPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  app.set('x-powered-by', false);
  // An API answers freshly each time; hashing every body for an ETag is waste.
  app.set('etag', false);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(title).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
}

/** Creates and configures a service without listening (tests listen on 0). */
export async function createService(
  module: DynamicModule,
  title: string,
): Promise<NestExpressApplication> {
  initTelemetry();
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
  });
  configureHttp(app, title);
  return app;
}

/**
 * Creates, configures and starts a service; resolves once it listens.
 *
 * With WORKERS=n (n > 1) this process only supervises: it forks n copies
 * that share the port, restarts one that dies, and stops them all on
 * SIGTERM or SIGINT. Every service runs safely as several instances (one
 * outbox relay at a time, consumers in one group), so the copies are the
 * replicas a deployment would run, on one host's cores.
 */
export async function startService(
  module: DynamicModule,
  title: string,
): Promise<INestApplication | null> {
  const workers = Number(process.env.WORKERS ?? 1);
  if (cluster.isPrimary && Number.isInteger(workers) && workers > 1) {
    superviseWorkers(workers, title);
    return null;
  }
  const app = await createService(module, title);
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  if (config.jwtSecret === DEVELOPMENT_SECRET) {
    app.get(Logger).warn(
      'JWT_SECRET is not set: tokens are signed with the public development secret; set it before real use',
    );
  }
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  return app;
}

/** Request rate and latency per route pattern (never the raw URL: ids would explode the labels). */
function requestMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

function superviseWorkers(count: number, title: string): void {
  let stopping = false;
  const log = (msg: string) =>
    process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg, service: title })}\n`);

  for (let i = 0; i < count; i++) cluster.fork();
  log(`supervising ${count} workers`);
  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === count) log(`all ${count} workers listening`);
  });

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(() => cluster.fork(), 1000);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping workers`);
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * Helmet's headers, worked out once: helmet's defaults are the same for
 * every response, and setting them from a list costs a fraction of running
 * its dozen middlewares per request.
 */
export function securityHeaders() {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | string[]) => {
      headers.push([name, String(value)]);
    },
    removeHeader: () => undefined,
  };
  helmet()({ headers: {} } as Request, recorder as unknown as Response, () => undefined);
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
