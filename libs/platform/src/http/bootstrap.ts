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
  app.use(helmet());
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.useGlobalPipes(new SafeTextPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  app.set('x-powered-by', false);

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

/** Creates, configures and starts a service; resolves once it listens. */
export async function startService(
  module: DynamicModule,
  title: string,
): Promise<INestApplication> {
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
