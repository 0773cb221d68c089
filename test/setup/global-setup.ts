import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCjkFont, freePort, startMailCatcher, startPostgres, startRedis, type RunningService } from '@duban/dev-services';
import { migrate } from '@duban/persistence';

/**
 * Starts a throwaway PostgreSQL, Redis and SMTP listener for the integration tier (each only when
 * its URL is not given) and migrates a template database once. Each test file then clones the
 * template into a database of its own (test/support/database.ts), so files run in parallel
 * without seeing each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  const started: RunningService[] = [];
  (globalThis as { __dubanServices?: RunningService[] }).__dubanServices = started;
  const root = mkdtempSync(join(tmpdir(), 'duban-test-'));
  process.env.DUBAN_TEST_ROOT = root;

  ensureCjkFont();
  const [pgPort, redisPort, smtpPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const starts = await Promise.allSettled([
    process.env.DATABASE_URL
      ? undefined
      : startPostgres({ dataDir: join(root, 'pg'), port: pgPort, database: 'duban_template', persistent: false }).then((pg) => {
          started.push(pg);
          process.env.DATABASE_URL = pg.url;
        }),
    process.env.REDIS_URL
      ? undefined
      : startRedis({ dataDir: join(root, 'redis'), port: redisPort, persistent: false }).then((redis) => {
          started.push(redis);
          process.env.REDIS_URL = redis.url;
        }),
    process.env.SMTP_URL
      ? undefined
      : startMailCatcher({ dir: join(root, 'mail'), smtpPort }).then((mail) => {
          started.push(mail);
          process.env.SMTP_URL = mail.url;
          process.env.DUBAN_TEST_MAILBOX = mail.dir;
        }),
  ]);
  try {
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    await migrate(process.env.DATABASE_URL!);
  } catch (error) {
    // jest runs no teardown after a failed setup: stop what did start, or it outlives the run
    await Promise.allSettled(started.map((s) => s.stop()));
    throw error;
  }
  process.env.DUBAN_TEST_TEMPLATE_URL = process.env.DATABASE_URL;
}
