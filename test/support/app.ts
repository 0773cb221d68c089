import type { INestApplication } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApiApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '@duban/http';
import { freshDatabase } from './database';

export interface TestApi {
  app: INestApplication;
  /** supertest target */
  http: ReturnType<INestApplication['getHttpServer']>;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The real API (same module, same pipes and filters as production) on a database of the test
 * file's own, the shared Redis and SMTP listener. `override` replaces providers, e.g. the Clock.
 */
export async function startTestApi(override: (b: TestingModuleBuilder) => TestingModuleBuilder = (b) => b): Promise<TestApi> {
  const db = await freshDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  const moduleRef = await override(Test.createTestingModule({ imports: [ApiModule] })).compile();
  const app = moduleRef.createNestApplication({ logger: process.env.TEST_LOG ? undefined : false });
  configureApiApp(app, createLogger(process.env.TEST_LOG ?? 'silent'));
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    databaseUrl: db.url,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
