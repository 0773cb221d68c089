import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { CorrelationInterceptor, createLogger, PinoNestLogger, ProblemFilter, requestLogging, validationPipe } from '@duban/http';
import { httpMetrics, METRICS_PATH, metricsHandler } from '@duban/observability';
import { serveConsole } from './console.static';

export interface ApiAppOptions {
  logLevel?: string;
}

/**
 * Builds the HTTP app exactly as production runs it; the end-to-end tests call this too, with
 * the module (and its providers, such as the clock) optionally overridden.
 */
export async function createApiApp(module: Type<unknown>, options: ApiAppOptions = {}): Promise<INestApplication> {
  const logger = createLogger(options.logLevel ?? process.env.LOG_LEVEL ?? 'info', 'api');
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: new PinoNestLogger(logger), bufferLogs: true });
  return configureApiApp(app, logger);
}

export function configureApiApp(app: INestApplication, logger = createLogger(process.env.LOG_LEVEL ?? 'info', 'api')): INestApplication {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  // plan documents are posted as JSON text (samples 10–80 kB); the import itself refuses texts over
  // 4 MB with a 400 naming the field, so the transport limit sits well above that
  express.useBodyParser('json', { limit: '16mb' });
  app.use(httpMetrics());
  app.use(requestLogging(logger));
  serveMetrics(express, app.get<AppConfig>(APP_CONFIG));
  app.useGlobalInterceptors(new CorrelationInterceptor());
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('督办 Duban API')
    .setDescription('Plans → key areas → tasks assigned to departments; progress, review, reminders.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs-json' });
  serveConsole(app);
  return app;
}

/** `GET /metrics` for a scraper with METRICS_TOKEN; without a token the route does not exist (404). */
function serveMetrics(express: NestExpressApplication, config: AppConfig): void {
  if (!config.metricsToken) return;
  const handle = metricsHandler(config.metricsToken);
  express.getHttpAdapter().get(METRICS_PATH, (req: unknown, res: unknown) => handle(req as IncomingMessage, res as ServerResponse));
}
