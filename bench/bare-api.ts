/**
 * The yardstick of `npm run bench -- http`: the least a server can do for a progress report with
 * node:http and pg alone. It verifies the bearer token (the same HS256 JWT the API issues), checks
 * in the same statement that the caller's department leads or helps with the task, appends the
 * report and answers the row written. Not part of the product; started as a child of the bench.
 */
import { createSecretKey, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
// a KeyObject once, as the API's strategy does (a string is re-parsed on every verify)
const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET!));
const PROGRESS = /^\/api\/tasks\/([0-9a-f-]{36})\/progress$/;

const APPEND = `
with held as (
  select t.id as task_id, a.role, d.name as department_name
  from task t
  join assignment a on a.task_id = t.id and a.department_id = $2
  join department d on d.id = a.department_id
  where t.id = $1 and t.removed_at is null and t.status <> 'completed'
), ins as (
  insert into progress_report (id, task_id, department_id, author_id, percent, summary, next_steps, evidence_urls, created_at)
  select $3, held.task_id, $2, $4, $5, $6, $7, $8, now() from held
  returning id, created_at
)
select ins.id, ins.created_at, held.role, held.department_name from ins, held`;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = req.method === 'POST' ? PROGRESS.exec(req.url ?? '') : null;
  if (!match) return send(res, 404, { title: 'not found' });
  let claims: { sub: string; email: string; role: string; dep: string | null };
  try {
    claims = jwt.verify((req.headers.authorization ?? '').replace(/^Bearer /, ''), secret, { algorithms: ['HS256'] }) as typeof claims;
  } catch {
    return send(res, 401, { title: 'unauthenticated' });
  }
  if (claims.role !== 'department' || !claims.dep) return send(res, 403, { title: 'forbidden' });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { percent: number; summary: string; nextSteps?: string; evidenceUrls?: string[] };
  if (!Number.isInteger(body.percent) || body.percent < 0 || body.percent > 100 || typeof body.summary !== 'string' || !body.summary.trim()) return send(res, 400, { title: 'invalid' });
  const id = randomUUID();
  const { rows } = await pool.query(APPEND, [match[1], claims.dep, id, claims.sub, body.percent, body.summary.trim(), body.nextSteps?.trim() || null, body.evidenceUrls ?? []]);
  if (!rows.length) return send(res, 403, { title: 'your department does not hold this open task' });
  const r = rows[0];
  send(res, 201, {
    id: r.id,
    taskId: match[1],
    department: { id: claims.dep, name: r.department_name },
    role: r.role,
    percent: body.percent,
    summary: body.summary.trim(),
    nextSteps: body.nextSteps?.trim() || null,
    evidenceUrls: body.evidenceUrls ?? [],
    author: { id: claims.sub, email: claims.email },
    createdAt: new Date(r.created_at).toISOString(),
  });
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => send(res, 500, { title: String(error) }));
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
