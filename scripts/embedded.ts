import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EMBEDDED_PORTS, ensureCjkFont, MissingRedisError, type RunningService, startMailCatcher, startPostgres, startRedis } from '@duban/dev-services';
import { migrate } from '@duban/persistence';

/**
 * `npm start`: the whole system on one machine with nothing configured. Data lives in .data/
 * (gitignored) and survives restarts; the sample plans are imported once (the import is
 * idempotent by content); Ctrl-C stops everything this started.
 */
const ROOT = resolve(__dirname, '..', '..');
const DATA = process.env.DUBAN_DATA_DIR ?? join(ROOT, '.data');
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PORTS = {
  api: port('PORT', 3000),
  postgres: port('DUBAN_PG_PORT', EMBEDDED_PORTS.postgres),
  redis: port('DUBAN_REDIS_PORT', EMBEDDED_PORTS.redis),
  smtp: port('DUBAN_SMTP_PORT', EMBEDDED_PORTS.smtp),
  mailWeb: port('DUBAN_MAIL_WEB_PORT', EMBEDDED_PORTS.mailWeb),
};

const services: RunningService[] = [];
const children: ChildProcess[] = [];
let stopping = false;

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(join(DATA, 'logs'), { recursive: true });
  ensureCjkFont();
  log('starting PostgreSQL, Redis and the mail catcher …');
  const [pg, redis, mail] = await startAll([
    startPostgres({ dataDir: join(DATA, 'postgres'), port: PORTS.postgres, database: 'duban', persistent: true }),
    startRedis({ dataDir: join(DATA, 'redis'), port: PORTS.redis, persistent: true }),
    startMailCatcher({ dir: join(DATA, 'mail'), smtpPort: PORTS.smtp, webPort: PORTS.mailWeb }),
  ]);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? pg.url,
    REDIS_URL: process.env.REDIS_URL ?? redis.url,
    SMTP_URL: process.env.SMTP_URL ?? mail.url,
    PORT: String(PORTS.api),
    JWT_SECRET: process.env.JWT_SECRET ?? jwtSecret(),
    METRICS_TOKEN: process.env.METRICS_TOKEN ?? kept('metrics-token', 24),
    TZ_PLANS: process.env.TZ_PLANS ?? 'Asia/Shanghai',
    MAIL_FROM: process.env.MAIL_FROM ?? 'duban@localhost',
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://127.0.0.1:${PORTS.api}`,
    DUBAN_EMBEDDED: '1',
  };
  const applied = await migrate(env.DATABASE_URL!);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);

  const seed = await run('seed', ['dist/apps/cli/src/main.js', 'seed', join(ROOT, 'seeds')], env);
  if (seed !== 0) throw new Error(`seeding failed (exit ${seed}); see .data/logs/seed.log`);

  children.push(spawnApp('api', 'dist/apps/api/src/main.js', env), spawnApp('worker', 'dist/apps/worker/src/main.js', env));
  await waitForHealth(`http://127.0.0.1:${PORTS.api}/health`, 60_000);

  const demo = existsSync(join(DATA, 'demo-logins.txt')) ? readFileSync(join(DATA, 'demo-logins.txt'), 'utf8').trim() : '(none)';
  process.stdout.write(
    [
      '',
      `督办 Duban is up (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `  Console      http://127.0.0.1:${PORTS.api}/`,
      `  API          http://127.0.0.1:${PORTS.api}/api`,
      `  Health       http://127.0.0.1:${PORTS.api}/health`,
      `  API docs     http://127.0.0.1:${PORTS.api}/docs`,
      `  Metrics      curl -H 'Authorization: Bearer ${env.METRICS_TOKEN}' http://127.0.0.1:${PORTS.api}/metrics`,
      `  Caught mail  ${mail.webUrl}  (files in ${mail.dir})`,
      `  Data         ${DATA}  (logs in ${join(DATA, 'logs')})`,
      '  Demo logins (embedded mode only):',
      ...demo.split('\n').map((l) => `    ${l}`),
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

/**
 * Started together; whichever did start is stopped on the way out even when another failed
 * (a failed PostgreSQL used to leave its Redis running, and the next start talked to that one).
 */
async function startAll<const T extends readonly Promise<RunningService>[]>(starting: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(starting);
  for (const s of settled) if (s.status === 'fulfilled') services.push(s.value);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<RunningService>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

function jwtSecret(): string {
  return kept('jwt-secret', 48);
}

/** A random secret made on the first start and kept under the data folder. */
function kept(name: string, bytes: number): string {
  const file = join(DATA, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(bytes).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function spawnApp(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const out = createWriteStream(join(DATA, 'logs', `${name}.log`), { flags: 'a' });
  // detached: a Ctrl-C reaches only this orchestrator, which stops the apps before the services
  const child = spawn(process.execPath, [entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.pipe(out);
  child.stderr!.on('data', (chunk: Buffer) => {
    out.write(chunk);
    process.stderr.write(`[${name}] ${chunk}`);
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} exited (${signal ?? code}); see ${join(DATA, 'logs', `${name}.log`)}`);
    void shutdown(1);
  });
  return child;
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolveRun) => {
    const out = createWriteStream(join(DATA, 'logs', `${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(out);
    child.stderr!.on('data', (chunk: Buffer) => (out.write(chunk), process.stderr.write(chunk)));
    child.on('exit', (code) => resolveRun(code ?? 1));
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not become healthy within ${timeoutMs / 1000} s; see .data/logs/api.log`);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping …');
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((done) => {
          if (c.exitCode !== null || c.signalCode !== null) return done();
          const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
          c.once('exit', () => (clearTimeout(timer), done()));
          c.kill('SIGTERM');
        }),
    ),
  );
  await Promise.allSettled(services.map((s) => s.stop()));
  process.exit(code);
}

function log(line: string): void {
  process.stderr.write(`duban: ${line}\n`);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch((error: unknown) => {
  log(error instanceof MissingRedisError ? error.message : `start failed: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
