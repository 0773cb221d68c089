/**
 * The API under load, beside a bare node:http + pg handler doing the same work (bench/bare-api.ts).
 * A real PostgreSQL holds the worker bench's national-scale dataset (BENCH_TASKS tasks over
 * BENCH_JURISDICTIONS jurisdictions, 10 departments each, one user per department); the production
 * build (`node dist/apps/api/src/main.js`, NODE_ENV=production) and the bare handler run as child
 * processes, driven in turn by autocannon (BENCH_CONNECTIONS, BENCH_SECONDS each):
 *   - progress POSTs spread over many tasks and departments, and all on one task (with a long history);
 *   - the list pages (bench/pages.bench.ts): the overdue review and the task lists of coordinators and
 *     departments, first pages and deep ones (by cursor and by OFFSET), with their statements' EXPLAIN.
 * Defaults: 100,000 tasks over 300 jurisdictions, so a jurisdiction holds as many tasks as at national
 * scale (1M over 3,000; `BENCH_TASKS=1000000 BENCH_JURISDICTIONS=3000 npm run bench -- http`).
 * For the progress rows: `BENCH_BEFORE=DIR` (the `dist` of an older build) runs that API too, in
 * turn with the others on the same data, for a before/after under the same machine load;
 * `BENCH_PROFILE=1` profiles the API (`--cpu-prof`) and prints where its time went; the statements
 * PostgreSQL ran for each row are printed from pg_stat_statements (calls, plannings, mean times).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { freePort, type RunningService, startPostgres, startRedis, waitForPort } from '@duban/dev-services';
import { migrate } from '@duban/persistence';
import { benchPages } from './pages.bench';
import { bigJurisdictionStatements } from './pages.seed';
import { profileSummary } from './cpu-profile';
import { seedStatements } from './worker.bench';

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const JURISDICTIONS = Number(process.env.BENCH_JURISDICTIONS ?? 300);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 5000);
const BIG_TASKS = Number(process.env.BENCH_BIG_TASKS ?? Math.round(TASKS / 20));
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; its promise API is all this uses
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

interface Holder {
  taskId: string;
  token: string;
}

export async function benchHttp(): Promise<void> {
  const services: RunningService[] = [];
  const children: ChildProcess[] = [];
  const root = mkdtempSync(join(tmpdir(), 'duban-bench-http-'));
  try {
    const pg = await startPostgres({
      dataDir: join(root, 'pg'),
      port: await freePort(),
      database: 'duban_bench',
      persistent: false,
      settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on' },
    });
    services.push(pg);
    const redis = await startRedis({ dataDir: join(root, 'redis'), port: await freePort(), persistent: false });
    services.push(redis);
    await migrate(pg.url);
    const db = new Client({ connectionString: pg.url });
    await db.connect();
    await db.query('create extension if not exists pg_stat_statements');
    let t = performance.now();
    const data = await seed(db);
    note(`seeded ${JURISDICTIONS} jurisdictions, ${TASKS.toLocaleString('en')} tasks, ${(JURISDICTIONS * 10).toLocaleString('en')} department users; one task with ${HISTORY.toLocaleString('en')} reports`, performance.now() - t);

    const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: pg.url, REDIS_URL: redis.url, SMTP_URL: 'smtp://127.0.0.1:2525', JWT_SECRET: SECRET, QUEUE_PREFIX: 'benchhttp' };
    const dist = resolve(__dirname, '..');
    const profiles = join(root, 'profile');
    const duban = await start(children, join(dist, 'apps/api/src/main.js'), env, join(root, 'api.log'), process.env.BENCH_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${profiles}`] : []);
    const bare = await start(children, join(dist, 'bench/bare-api.js'), env, join(root, 'bare.log'));
    const before = process.env.BENCH_BEFORE ? await start(children, join(resolve(process.env.BENCH_BEFORE), 'apps/api/src/main.js'), env, join(root, 'before.log')) : undefined;

    const body = JSON.stringify({ percent: 60, summary: '已完成主体工作，正在组织验收。', nextSteps: '月底前完成验收' });
    const post = (holders: Holder[]) => ({
      method: 'POST',
      setupRequest: (req: Record<string, unknown>) => {
        const h = holders[Math.floor(Math.random() * holders.length)];
        return { ...req, path: `/api/tasks/${h.taskId}/progress`, headers: { 'content-type': 'application/json', authorization: `Bearer ${h.token}` }, body };
      },
    });
    const get = (path: string, token: string) => ({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } });

    const rows: Row[] = [];
    // BENCH_ONLY=GET (a piece of the label): one kind of request, e.g. under --cpu-prof
    const only = (label: string) => !process.env.BENCH_ONLY || label.includes(process.env.BENCH_ONLY);
    const statements: string[] = [];
    const both = async (label: string, request: Record<string, unknown>) => {
      if (!only(label)) return;
      const servers = before ? [duban, bare, before] : [duban, bare];
      for (const server of servers) await drive(server, request, 2); // warm-up: JIT, pools
      await db.query('select pg_stat_statements_reset()');
      const runs = servers.map(() => [] as Run[]);
      for (let round = 0; round < 2; round++) for (const [i, server] of servers.entries()) runs[i].push(await drive(server, request, SECONDS));
      const [a, b, c] = runs.map(([x, y]) => best(x, y));
      rows.push({ label, duban: a, bare: b, before: c });
      statements.push(`  ${label}:`, ...(await statementStats(db)));
    };
    const alone = async (label: string, request: Record<string, unknown>) => {
      if (!only(label)) return;
      await drive(duban, request, 2);
      rows.push({ label, duban: await drive(duban, request, SECONDS) });
    };
    await both(`POST progress, ${data.spread.length.toLocaleString('en')} tasks/departments`, post(data.spread));
    await both(`POST progress, one task (history ≥ ${HISTORY.toLocaleString('en')})`, post([data.hot]));
    printTable(rows);
    if (only('GET')) await benchPages(duban, db, SECRET, drive, { seconds: SECONDS, connections: CONNECTIONS });
    if (statements.length) process.stdout.write(`\n  PostgreSQL per statement during the compared rows (pg_stat_statements; plans < calls: a prepared statement's plan was reused)\n${statements.join('\n')}\n`);
    if (process.env.BENCH_PROFILE) await printProfile(children, duban, profiles);
    if (only('plan import')) await benchImport(duban, data.admin);
    const [{ count }] = (await db.query(`select count(*)::int as count from progress_report where task_id = $1`, [data.hot.taskId])).rows;
    process.stdout.write(`  the one task's history ended at ${count.toLocaleString('en')} reports\n`);
    await db.end();
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((done) => (c.exitCode !== null || c.signalCode !== null ? done(null) : c.once('exit', done)))));
    await Promise.allSettled(services.map((s) => s.stop()));
    if (process.env.BENCH_KEEP) process.stdout.write(`  server logs kept in ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Plan import over HTTP, parse included, each timed by the client: the 125-task Qinghai plan as the
 * server's first import (cold: its parse worker was started at boot, the ORM and JIT are not warm),
 * the same text again (answered from its checksum), then the same document as issued by other
 * provinces (a new jurisdiction each, its departments all new: warm imports).
 */
export async function benchImport(server: Server, token: string, rounds = 5): Promise<void> {
  const qinghai = readFileSync(join(process.cwd(), 'seeds/plans/qinghai-2017.txt'), 'utf8');
  const post = async (text: string, sourceName: string) => {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${server.port}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text, sourceName }),
    });
    const body = (await res.json()) as { taskCount?: number; tasks?: unknown[] };
    return { ms: performance.now() - t, status: res.status, tasks: body.taskCount ?? body.tasks?.length };
  };
  const cpu = cpuMs(server.pid);
  const first = await post(qinghai, 'qinghai-2017.txt');
  const again = await post(qinghai, 'qinghai-2017.txt');
  const warm: number[] = [];
  for (const [province, short] of PROVINCES.slice(0, rounds)) {
    const r = await post(qinghai.replaceAll('青海', province).replaceAll('青政', `${short}政`), `${province}.txt`);
    if (r.status !== 201) throw new Error(`import as ${province} answered ${r.status}`);
    warm.push(r.ms);
  }
  const perImport = (cpuMs(server.pid) - cpu) / (rounds + 1);
  warm.sort((a, b) => a - b);
  process.stdout.write(
    `  plan import over HTTP: qinghai-2017.txt (${first.tasks ?? '?'} tasks) parsed and imported cold ${first.ms.toFixed(0)} ms (${first.status}); ` +
      `the same text again ${again.ms.toFixed(0)} ms (${again.status}); warm (as ${rounds} other provinces) median ${warm[Math.floor(warm.length / 2)].toFixed(0)} ms, ` +
      `best ${warm[0].toFixed(0)} ms; API process CPU ${perImport.toFixed(0)} ms per import\n`,
  );
}

/** Provinces and their document-number prefix: the Qinghai plan re-issued under each is a new plan of a new jurisdiction. */
export const PROVINCES = [
  ['甘肃', '甘'],
  ['贵州', '黔'],
  ['云南', '云'],
  ['四川', '川'],
  ['湖南', '湘'],
  ['江西', '赣'],
  ['福建', '闽'],
] as const;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
  /** server CPU ms per request */
  cpu: number;
}
export interface Server {
  port: number;
  pid: number;
}
interface Row {
  label: string;
  duban: Run;
  bare?: Run;
  /** the BENCH_BEFORE build */
  before?: Run;
}

/** Requests each server answered, for the profile's per-request figures. */
const served = new Map<number, number>();

async function drive(server: Server, request: Record<string, unknown>, seconds: number, connections = CONNECTIONS): Promise<Run> {
  const cpu = cpuMs(server.pid);
  const r = await autocannon({ url: `http://127.0.0.1:${server.port}`, connections, duration: seconds, requests: [request] });
  const answered = r['2xx'] + r.non2xx;
  served.set(server.pid, (served.get(server.pid) ?? 0) + answered);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], bad: r.non2xx + r.errors, cpu: answered ? (cpuMs(server.pid) - cpu) / answered : 0 };
}

/**
 * CPU the server process spent (user + system, from /proc): per request, it is the cost that
 * does not depend on what else the machine is running, unlike req/s on a shared machine.
 */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks at USER_HZ 100
  } catch {
    return 0;
  }
}

const best = (a: Run, b: Run): Run => (a.rps >= b.rps ? a : b);

function printTable(rows: Row[]): void {
  const cell = (r?: Run) =>
    r ? `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  cpu ${r.cpu.toFixed(2)} ms/req${r.bad ? `  (${r.bad} non-2xx!)` : ''}` : '—'.padEnd(56);
  process.stdout.write(`\n  ${CONNECTIONS} connections, ${SECONDS} s each (best of two alternating runs where compared)\n`);
  process.stdout.write(`  ${'path'.padEnd(58)} ${'Duban'.padEnd(56)} ${'bare node:http + pg'.padEnd(56)} ratio (req/s, cpu)\n`);
  for (const r of rows) {
    const ratio = r.bare ? `${(r.duban.rps / r.bare.rps).toFixed(2)}, ${(r.bare.cpu / r.duban.cpu).toFixed(2)}` : '—';
    process.stdout.write(`  ${r.label.padEnd(58)} ${cell(r.duban).padEnd(56)} ${cell(r.bare).padEnd(56)} ${ratio}\n`);
    if (r.before) {
      const was = `${(r.before.rps / r.bare!.rps).toFixed(2)}, ${(r.bare!.cpu / r.before.cpu).toFixed(2)}`;
      process.stdout.write(`  ${'  the same, BENCH_BEFORE build'.padEnd(58)} ${cell(r.before).padEnd(56)} ${''.padEnd(56)} ${was}\n`);
    }
  }
}

/** The statements that took PostgreSQL's time since the last reset, heaviest first. */
async function statementStats(db: Client): Promise<string[]> {
  const { rows } = await db.query(
    `select calls, plans, round((mean_plan_time)::numeric, 3) as plan, round((mean_exec_time)::numeric, 3) as exec,
            regexp_replace(query, '\\s+', ' ', 'g') as query
       from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time + total_plan_time desc limit 5`,
  );
  return rows.map((r) => `    ${String(r.calls).padStart(7)} calls ${String(r.plans).padStart(7)} plans  plan ${r.plan} ms  exec ${r.exec} ms  ${String(r.query).slice(0, 110)}`);
}

/** Stops the API (it writes its profile on exit) and prints where its time went. */
async function printProfile(children: ChildProcess[], server: Server, dir: string): Promise<void> {
  const child = children.find((c) => c.pid === server.pid)!;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
  const main = readdirSync(dir).find((f) => f.includes(`.${server.pid}.0.`));
  if (!main) return void process.stdout.write(`  no profile written in ${dir}\n`);
  process.stdout.write(`\n  where the API's time went (node --cpu-prof, boot to exit, all rows run):\n`);
  for (const line of profileSummary(join(dir, main), served.get(server.pid) ?? 1)) process.stdout.write(`    ${line}\n`);
}

function note(what: string, ms: number): void {
  process.stdout.write(`${(ms / 1000).toFixed(2).padStart(8)} s  ${what}\n`);
}

export async function start(children: ChildProcess[], script: string, env: NodeJS.ProcessEnv, log: string, nodeOptions: string[] = []): Promise<Server> {
  const port = await freePort();
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), ...nodeOptions, script], { env: { ...env, PORT: String(port) }, stdio: ['ignore', out, out] });
  children.push(child);
  await waitForPort(port, 60_000);
  return { port, pid: child.pid! };
}

async function seed(db: Client) {
  for (const sql of [...seedStatements(TASKS, JURISDICTIONS), ...bigJurisdictionStatements(BIG_TASKS)]) await db.query(sql);
  await db.query(`insert into app_user (id, email, password_hash, role, jurisdiction_id, department_id)
                  select gen_random_uuid(), 'dept-' || d.id || '@bench.cn', 'x', 'department', d.jurisdiction_id, d.id from department d`);
  const token = (u: { id: string; email: string; role: string; jurisdiction_id: string | null; department_id: string | null }) =>
    jwt.sign({ sub: u.id, email: u.email, role: u.role, jur: u.jurisdiction_id, dep: u.department_id, sv: 0 }, SECRET, { algorithm: 'HS256', expiresIn: 3600 });
  const open = `t.removed_at is null and t.status <> 'completed'`;
  const { rows: spread } = await db.query(
    `select t.id as task_id, u.id, u.email, u.role, u.jurisdiction_id, u.department_id
       from task t join assignment a on a.task_id = t.id join app_user u on u.department_id = a.department_id
      where ${open} order by random() limit 2000`,
  );
  const [hot] = spread;
  // a long history on one task: the response must not cost more for it
  await db.query(
    `insert into progress_report (id, task_id, department_id, author_id, percent, summary, created_at)
     select gen_random_uuid(), $1, $2, $3, g % 100, '第' || g || '次报送', timestamptz '2025-01-01' + g * interval '1 hour' from generate_series(1, $4::int) g`,
    [hot.task_id, hot.department_id, hot.id, HISTORY],
  );
  const { rows: [admin] } = await db.query(`insert into app_user (id, email, password_hash, role) values (gen_random_uuid(), 'admin@bench.cn', 'x', 'admin') returning id, email, role, null as jurisdiction_id, null as department_id`);
  const { rows: [coordinator] } = await db.query(`select id, email, role, jurisdiction_id, null as department_id from app_user where role = 'coordinator' order by email limit 1`);
  const [{ overdue }] = (await db.query(`select count(*)::int as overdue from task t where ${open} and t.jurisdiction_id = $1 and t.deadline < now()::date`, [coordinator.jurisdiction_id])).rows;
  const { rows: [department] } = await db.query(`select id, email, role, jurisdiction_id, department_id from app_user where role = 'department' and jurisdiction_id = $1 order by email limit 1`, [coordinator.jurisdiction_id]);
  const [{ held }] = (await db.query(`select count(*)::int as held from assignment where department_id = $1`, [department.department_id])).rows;
  await db.query('vacuum analyze');
  return {
    spread: spread.map((r) => ({ taskId: r.task_id, token: token(r) })),
    hot: { taskId: hot.task_id, token: token(hot) },
    coordinator: token(coordinator),
    admin: token(admin),
    department: token(department),
    overdue: overdue as number,
    held: held as number,
  };
}
