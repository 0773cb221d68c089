import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type INestApplicationContext, Module, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MikroORM } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { Clock, ClockModule, type ManualClock } from '@duban/clock';
import { ConfigModule } from '@duban/config';
import { freePort, type MailCatcher, readMailbox, startMailCatcher } from '@duban/dev-services';
import { JobsModule, QUEUES, redisOptions } from '@duban/jobs';
import { NotificationsModule } from '@duban/notifications';
import { PersistenceModule } from '@duban/persistence';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { freshDatabase } from './database';

/** The environment one test file shares: its own database, queue prefix and SMTP listener. */
export interface WorkerTestEnv {
  databaseUrl: string;
  prefix: string;
  mail: MailCatcher;
  mailbox(): ReturnType<typeof readMailbox>;
  /** Plain SQL on the test database, outside any Nest context. */
  query(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  /** Sets process.env for a Nest context created next (ConfigModule reads it at creation). */
  apply(): void;
  close(): Promise<void>;
}

/** `databaseUrl`, `prefix`: share a database and queues made elsewhere (e.g. by startTestApi). */
export async function workerTestEnv(opts: { databaseUrl?: string; prefix?: string } = {}): Promise<WorkerTestEnv> {
  const db = opts.databaseUrl ? { url: opts.databaseUrl, drop: async () => undefined } : await freshDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'duban-mail-'));
  const mail = await startMailCatcher({ dir, smtpPort: await freePort() });
  const pool = new Pool({ connectionString: db.url, max: 2 });
  const prefix = opts.prefix ?? `t${randomBytes(5).toString('hex')}`;
  const env: WorkerTestEnv = {
    databaseUrl: db.url,
    prefix,
    mail,
    mailbox: () => readMailbox(dir),
    query: async (sql, params = []) => (await pool.query(sql, params)).rows,
    apply: () => {
      process.env.DATABASE_URL = db.url;
      process.env.SMTP_URL = mail.url;
      process.env.QUEUE_PREFIX = prefix;
      process.env.TZ_PLANS = 'Asia/Shanghai';
      process.env.LOG_LEVEL ??= 'silent';
    },
    close: async () => {
      await pool.end();
      await obliterate(prefix);
      await mail.stop();
      await db.drop();
    },
  };
  env.apply();
  return env;
}

/** Removes every queue of a test file's prefix from the shared Redis. */
export async function obliterate(prefix: string): Promise<void> {
  for (const name of Object.values(QUEUES)) {
    const queue = new Queue(name, { connection: redisOptions(process.env.REDIS_URL!), prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

/**
 * A Nest context on the test file's environment with a ManualClock. `worker: true` is the real
 * worker (processors, schedules, start-up sweep); otherwise only the services, called directly.
 */
export async function startWorkerContext(env: WorkerTestEnv, clock: ManualClock, opts: { worker?: boolean } = {}): Promise<{ app: INestApplicationContext; orm: MikroORM; get<T>(type: Type<T>): T; close(): Promise<void> }> {
  env.apply();
  const root = opts.worker ? WorkerModule : NotificationsCoreModule;
  const moduleRef = await Test.createTestingModule({ imports: [root] }).overrideProvider(Clock).useValue(clock).setLogger(silentLogger).compile();
  const app = await moduleRef.init();
  return { app, orm: app.get(MikroORM), get: (type) => app.get(type), close: () => app.close() };
}

@Module({ imports: [ClockModule, ConfigModule.fromEnv(), PersistenceModule.forRoot(), JobsModule.forRoot(), NotificationsModule] })
class NotificationsCoreModule {}

const silentLogger = { log() {}, error() {}, warn() {}, debug() {}, verbose() {}, fatal() {} };

