/**
 * The worker at national scale: 3,000 jurisdictions (each with a joint meeting, 10 departments,
 * a coordinator), 1,000,000 tasks with deadlines spread over 2024–2030 (a lead and a co
 * department each), then (1) the sweep over all of them: the first ever (every overdue task
 * climbs the ladder at once), a repeat the same day, the next working day, and the monthly
 * report day; (2) a night of 3,000 summaries. Uses DATABASE_URL / REDIS_URL when set, otherwise
 * starts a throwaway PostgreSQL and Redis. Mails are written to the outbox and queued, not sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { Clock, ManualClock } from '@duban/clock';
import { ConfigModule, loadConfig } from '@duban/config';
import { freePort, type RunningService, startPostgres, startRedis } from '@duban/dev-services';
import { JobQueues, JobsModule } from '@duban/jobs';
import { NotificationsModule, SummaryJobs, Sweep } from '@duban/notifications';
import { migrate, PersistenceModule } from '@duban/persistence';

const JURISDICTIONS = Number(process.env.BENCH_JURISDICTIONS ?? 3000);
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const clock = new ManualClock('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai

export async function benchWorker(): Promise<void> {
  const services: RunningService[] = [];
  const root = mkdtempSync(join(tmpdir(), 'duban-bench-'));
  try {
    if (!process.env.DATABASE_URL) {
      const pg = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), database: 'duban_bench', persistent: false });
      services.push(pg);
      process.env.DATABASE_URL = pg.url;
    }
    if (!process.env.REDIS_URL) {
      const redis = await startRedis({ dataDir: join(root, 'redis'), port: await freePort(), persistent: false });
      services.push(redis);
      process.env.REDIS_URL = redis.url;
    }
    process.env.SMTP_URL ??= 'smtp://127.0.0.1:2525';
    process.env.QUEUE_PREFIX = `bench${Date.now().toString(36)}`;
    const fromTemplate = process.env.BENCH_TEMPLATE === '1' ? await fromSeededTemplate(process.env.DATABASE_URL) : false;
    await migrate(process.env.DATABASE_URL);

    @Global()
    @Module({ providers: [{ provide: Clock, useValue: clock }], exports: [Clock] })
    class BenchClockModule {}
    @Module({ imports: [BenchClockModule, ConfigModule.forRoot(loadConfig(process.env)), PersistenceModule.forRoot(), JobsModule.forRoot(), NotificationsModule] })
    class BenchModule {}
    const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
    const em = app.get(MikroORM).em.fork();
    try {
      let t = performance.now();
      if (!fromTemplate) await seed(em);
      const [{ open, overdue }] = await em.execute(
        `select count(*) filter (where status <> 'completed')::int as open, count(*) filter (where status <> 'completed' and deadline < '2026-11-23')::int as overdue from task`,
      );
      line(`seeded ${JURISDICTIONS} jurisdictions, ${TASKS.toLocaleString('en')} tasks (${open.toLocaleString('en')} open, ${overdue.toLocaleString('en')} overdue), 2 assignments each`, performance.now() - t);
      await em.execute('vacuum analyze');

      const sweep = app.get(Sweep);
      // BENCH_PGSS=1 (a server with pg_stat_statements preloaded): each sweep's costliest statements
      const pgss = process.env.BENCH_PGSS === '1';
      if (pgss) await em.execute('create extension if not exists pg_stat_statements');
      const run = async (label: string, at: string) => {
        clock.set(at);
        if (pgss) await em.execute('select pg_stat_statements_reset()');
        const start = performance.now();
        const stats = await sweep.run();
        if (pgss) {
          const top = await em.execute<Array<{ ms: number; calls: number; rows: number; query: string }>>(
            `select round(total_exec_time)::int as ms, calls::int, rows::int, regexp_replace(left(query, 160), '\\s+', ' ', 'g') as query
             from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_statements%' order by total_exec_time desc limit 6`,
          );
          for (const q of top) process.stdout.write(`           ${String(q.ms).padStart(7)} ms ${String(q.calls).padStart(5)} calls ${String(q.rows).padStart(8)} rows  ${q.query}\n`);
        }
        const { escalate, notices, reminders, write } = stats.ms;
        line(
          `sweep ${label}: ${stats.escalated.toLocaleString('en')} escalations, ${stats.changed.toLocaleString('en')} level changes, ${stats.mails.toLocaleString('en')} mails written and queued ` +
            `(ladder ${s(escalate)}, notices ${s(notices)}, reminders ${s(reminders)}, outbox ${s(write)})`,
          performance.now() - start,
        );
      };
      await run('2026-11-23, first ever (every overdue task climbs at once)', '2026-11-23T01:00:00Z');
      await run('2026-11-23 again (steady state: nothing new)', '2026-11-23T01:15:00Z');
      await run('2026-11-24 (next working day)', '2026-11-24T01:00:00Z');
      await run('2026-11-25 (monthly report day: every open task without a report)', '2026-11-25T01:00:00Z');
      await run('2026-11-25 again (steady state in the report window)', '2026-11-25T01:15:00Z');

      // a night: every joint meeting's summary, 4 at a time (the notifications queue's concurrency)
      clock.set('2026-11-25T12:00:00Z');
      const summaries = app.get(SummaryJobs);
      const meetings = (await em.execute<Array<{ id: string }>>('select id from joint_meeting')).map((m) => m.id);
      t = performance.now();
      const took: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < meetings.length) {
            const id = meetings[next++];
            const s = performance.now();
            await summaries.send({ jointMeetingId: id, localDate: '2026-11-25' });
            took.push(performance.now() - s);
          }
        }),
      );
      const total = performance.now() - t;
      took.sort((a, b) => a - b);
      const [{ sent }] = await em.execute(`select count(*)::int as sent from summary_run where outcome = 'sent'`);
      line(`night of ${meetings.length} summaries (${sent} with news), 4 at a time: p50 ${took[Math.floor(took.length / 2)].toFixed(0)} ms, p99 ${took[Math.floor(took.length * 0.99)].toFixed(0)} ms each`, total);
      t = performance.now();
      await app.get(JobQueues).queue('mail').obliterate({ force: true });
      await app.get(JobQueues).queue('notifications').obliterate({ force: true });
    } finally {
      await app.close();
    }
  } finally {
    await Promise.allSettled(services.map((s) => s.stop()));
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * BENCH_TEMPLATE=1 with a DATABASE_URL: seed once into `<db>_tpl_<tasks>_<jurisdictions>` and
 * start every run from a copy of it (`create database … template`), since seeding 1M tasks
 * takes far longer than the sweeps measured. The copy is migrated as usual afterwards.
 */
async function fromSeededTemplate(url: string): Promise<boolean> {
  const target = new URL(url);
  const db = target.pathname.slice(1);
  const template = `${db}_tpl_${TASKS}_${JURISDICTIONS}`;
  const at = (name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  const admin = new Client({ connectionString: at('postgres') });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [template])).rowCount;
    if (!exists) {
      const t = performance.now();
      await admin.query(`create database "${template}"`);
      await migrate(at(template));
      const seeder = new Client({ connectionString: at(template) });
      await seeder.connect();
      try {
        for (const sql of seedStatements(TASKS, JURISDICTIONS)) await seeder.query(sql);
        await seeder.query('vacuum analyze');
      } finally {
        await seeder.end();
      }
      line(`seeded template ${template}`, performance.now() - t);
    }
    await admin.query(`drop database if exists "${db}" with (force)`);
    await admin.query(`create database "${db}" template "${template}"`);
    return true;
  } finally {
    await admin.end();
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function line(what: string, ms: number): void {
  process.stdout.write(`${(ms / 1000).toFixed(2).padStart(8)} s  ${what}\n`);
}

async function seed(em: EntityManager): Promise<void> {
  for (const sql of seedStatements(TASKS, JURISDICTIONS)) await em.execute(sql);
}

/** The national-scale dataset as SQL; the HTTP bench seeds the same one. */
export function seedStatements(tasks: number, jurisdictions: number): string[] {
  const perJurisdiction = Math.ceil(tasks / jurisdictions);
  return [
    `select setseed(0.42)`,
    `insert into jurisdiction (id, name) select gen_random_uuid(), '基准' || g from generate_series(1, ${jurisdictions}) g`,
    `insert into joint_meeting (id, jurisdiction_id, name, recipients) select gen_random_uuid(), j.id, j.name || '联席会议', array['meeting-' || j.id || '@bench.cn'] from jurisdiction j`,
    `insert into department (id, jurisdiction_id, name, name_key, emails)
       select gen_random_uuid(), j.id, '部门' || g, 'd' || g, array['d' || g || '-' || j.id || '@bench.cn'] from jurisdiction j, generate_series(1, 10) g`,
    `insert into app_user (id, email, password_hash, role, jurisdiction_id) select gen_random_uuid(), 'coord-' || j.id || '@bench.cn', 'x', 'coordinator', j.id from jurisdiction j`,
    `insert into plan (id, jurisdiction_id, title, source_text, source_sha256) select gen_random_uuid(), j.id, j.name || '行动方案', '…', md5(j.id::text) || md5(j.name) from jurisdiction j`,
    `insert into key_area (id, plan_id, position, title) select gen_random_uuid(), p.id, 1, '重点任务' from plan p`,
    `insert into task (id, plan_id, key_area_id, jurisdiction_id, position, kind, title, text, deadline, status, completed_at)
       select gen_random_uuid(), x.plan_id, x.key_area_id, x.jurisdiction_id, x.g, 'task', '任务' || x.g, '任务' || x.g, x.deadline, x.status,
              case when x.status = 'completed' then timestamptz '2026-01-01' end
       from (select p.id as plan_id, k.id as key_area_id, p.jurisdiction_id, g, date '2024-01-01' + (random() * 2556)::int as deadline,
                    case when random() < 0.15 then 'completed' when random() < 0.5 then 'in_progress' else 'assigned' end as status
             from plan p join key_area k on k.plan_id = p.id, generate_series(1, ${perJurisdiction}) g) x`,
    `insert into assignment (id, task_id, department_id, role, position)
       select gen_random_uuid(), t.id, d.id, 'lead', 0 from task t join department d on d.jurisdiction_id = t.jurisdiction_id and d.name_key = 'd' || (t.position % 10 + 1)`,
    `insert into assignment (id, task_id, department_id, role, position)
       select gen_random_uuid(), t.id, d.id, 'co', 0 from task t join department d on d.jurisdiction_id = t.jurisdiction_id and d.name_key = 'd' || ((t.position + 3) % 10 + 1)`,
    `insert into progress_report (id, task_id, department_id, percent, summary, created_at)
       select gen_random_uuid(), t.id, a.department_id, 50, '推进中', timestamptz '2026-11-10 10:00+08'
       from task t join assignment a on a.task_id = t.id and a.role = 'lead' where t.status <> 'completed' and random() < 0.3`,
  ];
}

