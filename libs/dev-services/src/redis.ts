import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { RunningService } from './postgres';

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'];

export class MissingRedisError extends Error {}

/** No npm package ships a Redis binary, so we use the system one and, as root on Debian, install it. */
export function findRedisServer(): string {
  const onPath = which('redis-server');
  if (onPath) return onPath;
  const found = CANDIDATES.find((c) => existsSync(c));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stderr.write('redis-server not found: installing Debian package redis-server…\n');
    execFileSync('sh', ['-c', 'apt-get install -y redis-server >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y redis-server >/dev/null 2>&1)'], { stdio: 'inherit' });
    const installed = which('redis-server') ?? CANDIDATES.find((c) => existsSync(c));
    if (installed) return installed;
  }
  throw new MissingRedisError(
    'Redis is needed: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL',
  );
}

export async function startRedis(opts: { dataDir: string; port: number; persistent: boolean }): Promise<RunningService> {
  const bin = findRedisServer();
  // a redis-server that cannot bind exits quietly, and the wait below would then take whatever
  // else answers there (a Redis left by an earlier start) for ours: refuse a taken port
  if (await listening(opts.port)) {
    throw new Error(`127.0.0.1:${opts.port} is already taken (a Redis left running by an earlier start?): stop that process or choose another port`);
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const args = ['--port', String(opts.port), '--bind', '127.0.0.1', '--dir', opts.dataDir, '--protected-mode', 'yes'];
  // BullMQ's queues are the worker's state: keep them across restarts in the embedded mode
  args.push(...(opts.persistent ? ['--appendonly', 'yes', '--save', '60 1'] : ['--appendonly', 'no', '--save', '']));
  // its own process group: a Ctrl-C in the terminal reaches the orchestrator, which stops the
  // apps before the Redis they talk to
  const child = spawn(bin, args, { stdio: 'ignore', detached: true });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it listened on 127.0.0.1:${opts.port}`))));
  exited.catch(() => undefined);
  await Promise.race([waitForPort(opts.port, 10_000), exited]);
  return {
    url: `redis://127.0.0.1:${opts.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function which(cmd: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await listening(port);
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
