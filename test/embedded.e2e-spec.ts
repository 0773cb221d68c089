import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@duban/dev-services';

/**
 * `npm start` as a new user meets it: from the built code, with nothing configured, the embedded
 * mode comes up healthy with the five sample plans; Ctrl-C stops every process; a restart keeps
 * the data and imports nothing twice.
 */
const ROOT = resolve(__dirname, '..');

describe('embedded mode (npm start)', () => {
  const data = mkdtempSync(join(tmpdir(), 'duban-embedded-'));
  let ports: Record<string, number>;

  beforeAll(async () => {
    execFileSync(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build'], { cwd: ROOT, stdio: 'pipe' });
    const [api, pg, redis, smtp, web] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    ports = { PORT: api, DUBAN_PG_PORT: pg, DUBAN_REDIS_PORT: redis, DUBAN_SMTP_PORT: smtp, DUBAN_MAIL_WEB_PORT: web };
  }, 120_000);
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('starts, serves the sample plans, stops on Ctrl-C and restarts without importing twice', async () => {
    const first = await start();
    expect(first.output).toMatch(/Duban is up/);
    const health = await fetch(`http://127.0.0.1:${ports.PORT}/health`);
    expect(health.status).toBe(200);
    const plans = await listPlans(first.output);
    expect(plans.map((p) => p.jurisdiction).sort()).toEqual(['吉林省', '山东省', '山西省', '陕西省', '青海省'].sort());
    // the printed metrics command works as printed
    const token = /Bearer ([\w-]+)'/.exec(first.output)?.[1];
    const metrics = await fetch(`http://127.0.0.1:${ports.PORT}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^duban_job_schedulers\{queue="notifications"\} \d+$/m);
    await stop(first.child);
    await expect(fetch(`http://127.0.0.1:${ports.PORT}/health`)).rejects.toThrow();
    expect(await Promise.all([ports.DUBAN_PG_PORT, ports.DUBAN_REDIS_PORT, ports.DUBAN_SMTP_PORT].map(listening))).toEqual([false, false, false]);

    const second = await start();
    const again = await listPlans(second.output);
    expect(again.map((p) => p.id).sort()).toEqual(plans.map((p) => p.id).sort());
    await stop(second.child);
    expect(await Promise.all([ports.DUBAN_PG_PORT, ports.DUBAN_REDIS_PORT, ports.PORT].map(listening))).toEqual([false, false, false]);
  }, 240_000);

  function start(): Promise<{ child: ChildProcess; output: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, DUBAN_DATA_DIR: data, LOG_LEVEL: 'warn', ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'JWT_SECRET', 'METRICS_TOKEN', 'METRICS_PORT']) delete env[name];
    // a process group of its own, as a terminal gives it, so stop() can Ctrl-C the whole group
    const child = spawn(process.execPath, ['dist/scripts/embedded.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    return new Promise((resolveStart, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        afterStop.push(chunk.toString());
        if (output.includes('Ctrl-C stops everything')) resolveStart({ child, output });
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`embedded mode exited (${code}) before it was up:\n${output}`)));
    });
  }

  function listening(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  }

  const afterStop: string[] = [];

  /** Ctrl-C as a terminal sends it: SIGINT to every process of the foreground group. */
  async function stop(child: ChildProcess): Promise<void> {
    afterStop.length = 0;
    await new Promise<void>((resolveStop) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolveStop());
      process.kill(-child.pid!, 'SIGINT');
    });
    // the apps stop before the services they talk to: no reconnect noise on the way out
    expect(afterStop.join('')).not.toMatch(/ECONNREFUSED|Error:/);
  }

  async function listPlans(output: string): Promise<{ id: string; jurisdiction: string }[]> {
    const login = /^\s*admin\s+(\S+@\S+)\s+(\S+)/m.exec(output);
    if (!login) throw new Error(`no admin demo login printed:\n${output}`);
    const token = await fetch(`http://127.0.0.1:${ports.PORT}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: login[1], password: login[2] }),
    }).then((r) => r.json() as Promise<{ accessToken: string }>);
    const res = await fetch(`http://127.0.0.1:${ports.PORT}/api/plans`, { headers: { authorization: `Bearer ${token.accessToken}` } });
    const body = (await res.json()) as { id: string; jurisdiction: string }[] | { items: { id: string; jurisdiction: string }[] };
    return Array.isArray(body) ? body : body.items;
  }
});
