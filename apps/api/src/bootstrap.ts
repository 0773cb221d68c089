import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { createLogger, PinoNestLogger, ProblemFilter, requestLogging, validationPipe } from '@duban/http';
import { httpMetrics, METRICS_PATH, metricsHandler } from '@duban/observability';
import { consoleDir, serveConsole } from './console.static';

/** Routes that take a few small fields: a large body there is an attack, not a request. */
const SMALL_BODY_ROUTES = ['/api/auth/login', '/api/auth/refresh', '/api/auth/logout', '/api/auth/password', '/api/admin/queues/session'];

export interface ApiAppOptions {
  /** AppConfig's `logLevel` (LOG_LEVEL). */
  logLevel: string;
}

/**
 * Builds the HTTP app exactly as production runs it; the end-to-end tests call this too, with
 * the module (and its providers, such as the clock) optionally overridden.
 */
export async function createApiApp(module: Type<unknown>, options: ApiAppOptions): Promise<INestApplication> {
  const logger = createLogger(options.logLevel, 'api');
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: new PinoNestLogger(logger), bufferLogs: true });
  return configureApiApp(app, logger);
}

export function configureApiApp(app: INestApplication, given?: Logger): INestApplication {
  const express = app as NestExpressApplication;
  const config = app.get<AppConfig>(APP_CONFIG);
  const logger = given ?? createLogger(config.logLevel, 'api');
  express.disable('x-powered-by');
  // TRUST_PROXY: which hops may say the client's address and that TLS ended before them (req.secure → Secure cookies)
  express.set('trust proxy', config.trustProxy);
  express.use(helmet(securityHeaders()));
  // parsed here first (body-parser skips an already parsed body), so the 16 MB limit below never applies to them
  express.use(SMALL_BODY_ROUTES, json({ limit: '4kb' }));
  // plan documents are posted as JSON text (samples 10–80 kB); the import itself refuses texts over
  // 4 MB with a 400 naming the field, so the transport limit sits well above that
  express.useBodyParser('json', { limit: '16mb' });
  // Nest's own default, registered here so that every parser runs before the request logging
  // middleware enters the correlation context (Nest would add it later, after that middleware)
  express.useBodyParser('urlencoded', { extended: true });
  app.use(httpMetrics());
  app.use(requestLogging(logger));
  serveMetrics(express, config);
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
  serveConsole(app, consoleDir(config.consoleDir));
  return app;
}

/**
 * Helmet with a CSP that Swagger UI (/docs: external scripts, inline styles) and Bull Board
 * (/admin/queues: external scripts, a JSON config block, inline styles, Google fonts when
 * reachable) work under; no inline script runs anywhere, and no page may be framed.
 */
function securityHeaders(): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
        fontSrc: ["'self'", 'data:', 'https://fonts.gstatic.com'],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  };
}

/** `GET /metrics` for a scraper with METRICS_TOKEN; without a token the route does not exist (404). */
function serveMetrics(express: NestExpressApplication, config: AppConfig): void {
  if (!config.metricsToken) return;
  const handle = metricsHandler(config.metricsToken);
  express.getHttpAdapter().get(METRICS_PATH, (req: unknown, res: unknown) => handle(req as IncomingMessage, res as ServerResponse));
}
