import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, type ManualClock } from '@duban/clock';
import { createLogger } from '@duban/http';
import { freePort, type MailCatcher, readMailbox, type RunningService, startMailCatcher, startPostgres, startRedis } from '@duban/dev-services';
import { migrate } from '@duban/persistence';
import { rmSync } from 'node:fs';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApiApp } from '../../apps/api/src/bootstrap';

/** A Redis of the test's own, which it may stop and restart empty on the same port. */
export async function ownRedis(): Promise<{ url: string; restartEmpty(): Promise<void>; stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-fault-redis-'));
  let running: RunningService | undefined = await startRedis({ dataDir, port, persistent: false });
  return {
    url: `redis://127.0.0.1:${port}`,
    restartEmpty: async () => {
      await running?.stop();
      running = await startRedis({ dataDir, port, persistent: false });
    },
    stop: async () => {
      await running?.stop();
      running = undefined;
    },
  };
}

/** An SMTP listener the test can take down and bring back on the same port; mail lands in one folder. */
export async function ownRelay(): Promise<{ url: string; mailbox(): ReturnType<typeof readMailbox>; down(): Promise<void>; up(): Promise<void>; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'duban-fault-mail-'));
  let catcher: MailCatcher | undefined = await startMailCatcher({ dir, smtpPort: port });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mailbox: () => readMailbox(dir),
    down: async () => {
      await catcher?.stop();
      catcher = undefined;
    },
    up: async () => {
      catcher ??= await startMailCatcher({ dir, smtpPort: port });
    },
    stop: async () => {
      await catcher?.stop();
      catcher = undefined;
    },
  };
}

/** The production worker entry as a child process (see test/support/worker-child.js), its clock pinned. */
export function spawnWorker(env: Record<string, string>, logs?: Array<Record<string, unknown>>): ChildProcess {
  const child = spawn(process.execPath, [join(__dirname, '..', 'support', 'worker-child.js')], {
    env: { ...process.env, LOG_LEVEL: logs ? 'info' : 'silent', ...env },
    stdio: ['ignore', logs ? 'pipe' : 'ignore', 'inherit'],
  });
  // the worker's pino JSON lines, one object each
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) logs!.push(JSON.parse(line) as Record<string, unknown>);
  });
  return child;
}

export async function killed(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** The real API on a given database and Redis (process.env is read at module creation). */
export async function apiOn(databaseUrl: string, redisUrl: string, clock: ManualClock): Promise<INestApplication> {
  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL = redisUrl;
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).overrideProvider(Clock).useValue(clock).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApiApp(app, createLogger('silent'));
  await app.init();
  return app;
}

/** Mails by (recipient, idempotency key): each must be 1. */
export function deliveries(mails: Array<{ to: string[]; headers: Record<string, string> }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mails) for (const to of m.to) counts.set(`${to} ${m.headers['x-duban-key']}`, (counts.get(`${to} ${m.headers['x-duban-key']}`) ?? 0) + 1);
  return counts;
}

/**
 * A migrated PostgreSQL of the test's own, which it may stop and start again on the same port
 * with its data (the shared one other test files use is never touched).
 */
export async function ownPostgres(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void>; destroy(): Promise<void> }> {
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'duban-fault-pg-'));
  const opts = { dataDir: join(root, 'pg'), port, database: 'duban_fault', persistent: true };
  let running: RunningService | undefined = await startPostgres(opts);
  const url = running.url;
  await migrate(url);
  return {
    url,
    stop: async () => {
      await running?.stop();
      running = undefined;
    },
    start: async () => {
      running ??= await startPostgres(opts);
    },
    destroy: async () => {
      await running?.stop();
      running = undefined;
      rmSync(root, { recursive: true, force: true });
    },
  };
}
