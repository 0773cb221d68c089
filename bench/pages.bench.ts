/**
 * The list pages under load (issue 11), called from bench/http.bench.ts on its dataset plus the
 * province-sized office of bench/pages.seed.ts: the overdue review and the task lists, first
 * pages, deep pages by cursor and (for comparison) by OFFSET, each at BENCH_CONNECTIONS and at
 * BENCH_PAGE_CONNECTIONS (default 4: a page's latency when the server is not saturated); then
 * EXPLAIN (ANALYZE, BUFFERS) of each hot statement as the API runs it (a prepared statement,
 * explained after five runs, when PostgreSQL has settled on its plan).
 */
import jwt from 'jsonwebtoken';
import type { Client } from 'pg';
import type { AuthUser } from '@duban/auth';
import { SystemClock } from '@duban/clock';
import { type AppConfig } from '@duban/config';
import { decodeCursor, type Statement, type TaskFilter, TaskQueries } from '@duban/tasks';
import { BIG_JURISDICTION } from './pages.seed';

interface Run {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  cpu: number;
}
type Drive = (server: { port: number; pid: number }, request: Record<string, unknown>, seconds: number, connections?: number) => Promise<Run>;

const LOW = Number(process.env.BENCH_PAGE_CONNECTIONS ?? 4);
const PAGE = 50;

interface Scenario {
  label: string;
  user: AuthUser;
  path: string;
  filter: TaskFilter;
  order: 'plan' | 'most_overdue';
  page: number;
  cursor?: string;
}

export async function benchPages(server: { port: number; pid: number }, db: Client, secret: string, drive: Drive, opts: { seconds: number; connections: number }): Promise<void> {
  const users = await pickUsers(db);
  const token = (u: AuthUser) => jwt.sign({ sub: u.id, email: u.email, role: u.role, jur: u.jurisdictionId, dep: u.departmentId, sv: 0 }, secret, { algorithm: 'HS256', expiresIn: 3600 });
  const answer = async (u: AuthUser, path: string) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { headers: { authorization: `Bearer ${token(u)}` } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return (await res.json()) as { total: number; nextCursor: string | null };
  };
  const overdue = { overdue: true } as const;
  const scenarios: Scenario[] = [];
  const add = async (label: string, user: AuthUser, base: string, filter: TaskFilter, order: Scenario['order'], deep = false) => {
    const first = await answer(user, `${base}?pageSize=${PAGE}`);
    const pages = Math.max(1, Math.ceil(first.total / PAGE));
    scenarios.push({ label: `${label}, page 1 of ${pages} (${first.total.toLocaleString('en')} tasks)`, user, path: `${base}?pageSize=${PAGE}`, filter, order, page: 1 });
    if (!deep || pages < 3) return;
    // the cursor of a page near the end, from the OFFSET page before it
    const n = Math.max(2, Math.floor(pages * 0.9));
    const { nextCursor } = await answer(user, `${base}?pageSize=${PAGE}&page=${n - 1}`);
    if (nextCursor) scenarios.push({ label: `${label}, page ${n} by cursor`, user, path: `${base}?pageSize=${PAGE}&cursor=${nextCursor}`, filter, order, page: n, cursor: nextCursor });
    scenarios.push({ label: `${label}, page ${n} by OFFSET`, user, path: `${base}?pageSize=${PAGE}&page=${n}`, filter, order, page: n });
  };
  await add('overdue review, coordinator', users.coordinator, '/api/review/overdue', overdue, 'most_overdue');
  await add(`overdue review, ${BIG_JURISDICTION}`, users.bigCoordinator, '/api/review/overdue', overdue, 'most_overdue', true);
  await add('task list, a department', users.department, '/api/tasks', {}, 'plan');
  await add(`task list, a ${BIG_JURISDICTION} department`, users.bigDepartment, '/api/tasks', {}, 'plan', true);
  await add('task list, coordinator', users.coordinator, '/api/tasks', {}, 'plan');
  await add(`task list, ${BIG_JURISDICTION} coordinator`, users.bigCoordinator, '/api/tasks', {}, 'plan', true);

  const cell = (r: Run) => `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  cpu ${r.cpu.toFixed(2)} ms/req${r.bad ? `  (${r.bad} non-2xx!)` : ''}`;
  process.stdout.write(`\n  list pages, ${PAGE} a page (${opts.seconds} s each)\n  ${'page'.padEnd(66)} ${`${opts.connections} connections`.padEnd(62)} ${LOW} connections\n`);
  for (const s of scenarios) {
    const request = { method: 'GET', path: s.path, headers: { authorization: `Bearer ${token(s.user)}` } };
    await drive(server, request, 2, opts.connections); // warm-up: JIT, prepared statements on every pooled connection
    const many = await drive(server, request, opts.seconds, opts.connections);
    const few = await drive(server, request, opts.seconds, LOW);
    process.stdout.write(`  ${s.label.padEnd(66)} ${cell(many).padEnd(62)} ${cell(few)}\n`);
  }

  process.stdout.write(`\n  EXPLAIN (ANALYZE, BUFFERS) of the hot statements, as the API runs them (prepared, after five runs)\n`);
  const queries = new TaskQueries(undefined as never, new SystemClock(), { tzPlans: process.env.TZ_PLANS ?? 'Asia/Shanghai' } as AppConfig);
  for (const s of scenarios) {
    const after = s.cursor ? decodeCursor(s.cursor, s.order) : undefined;
    const statements = queries.statements(s.user, s.filter, s.order, s.page, PAGE, after);
    process.stdout.write(`\n  --- ${s.label}: the page\n${indent(await explain(db, statements.page))}\n`);
    if (statements.count && !statements.windowTotal) process.stdout.write(`  --- ${s.label}: the total\n${indent(await explain(db, statements.count))}\n`);
  }
}

async function explain(db: Client, { sql, params }: Statement): Promise<string> {
  let i = 0;
  const text = sql.replace(/\?/g, () => `$${++i}`);
  const args = params.map((v) => (typeof v === 'number' ? String(v) : db.escapeLiteral(String(v)))).join(', ');
  await db.query(`prepare bench_explain as ${text}`);
  try {
    for (let run = 0; run < 5; run++) await db.query(`execute bench_explain(${args})`);
    const { rows } = await db.query(`explain (analyze, buffers) execute bench_explain(${args})`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await db.query('deallocate bench_explain');
  }
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

async function pickUsers(db: Client) {
  const user = async (where: string, params: unknown[] = []): Promise<AuthUser> => {
    const { rows } = await db.query(`select id, email, role, jurisdiction_id as "jurisdictionId", department_id as "departmentId" from app_user where ${where} order by email limit 1`, params);
    if (!rows.length) throw new Error(`no user where ${where}`);
    return rows[0];
  };
  const { rows: [big] } = await db.query(`select id from jurisdiction where name = $1`, [BIG_JURISDICTION]);
  const coordinator = await user(`role = 'coordinator' and jurisdiction_id <> $1`, [big.id]);
  const bigCoordinator = await user(`role = 'coordinator' and jurisdiction_id = $1`, [big.id]);
  return {
    coordinator,
    bigCoordinator,
    department: await user(`role = 'department' and jurisdiction_id = $1`, [coordinator.jurisdictionId]),
    bigDepartment: await user(`role = 'department' and jurisdiction_id = $1`, [big.id]),
  };
}
