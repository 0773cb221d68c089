import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Pool } from 'pg';
import { ManualClock } from '@duban/clock';
import { createUser } from '@duban/auth';
import { MikroORM } from '@mikro-orm/postgresql';
import { eventually } from '../support/eventually';
import { obliterate, startWorkerContext, type WorkerTestEnv } from '../support/worker';
import { WorkerWorld } from '../support/worker-factories';
import { apiOn, deliveries, killed, ownPostgres, ownRelay, spawnWorker } from './support';

/**
 * PostgreSQL stopped for 20 s while a department posts progress, sweeps run and the nightly
 * summary falls due: each request answers 2xx (stored) or 503 within seconds, the summary of the
 * night goes out once after the outage, every notice once, and /health is 200 again, with no
 * process restarted but PostgreSQL.
 */
describe('fault: PostgreSQL down for 20 s', () => {
  // 20 s before the default summary time (20:00): the fan-out falls due during the outage
  const START = '2026-11-18T19:59:45+08:00';
  let pg: Awaited<ReturnType<typeof ownPostgres>>;
  let relay: Awaited<ReturnType<typeof ownRelay>>;
  let worker: ChildProcess | undefined;
  let api: INestApplication | undefined;
  let pool: Pool | undefined;
  const prefix = `f${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    pg = await ownPostgres();
    relay = await ownRelay();
  });
  afterAll(async () => {
    await killed(worker);
    await api?.close();
    await pool?.end();
    await relay?.stop();
    await obliterate(prefix);
    await pg?.destroy();
  });

  it('keeps every acknowledged report, sends the night’s summary and each notice once, and recovers by itself', async () => {
    const env: WorkerTestEnv = {
      databaseUrl: pg.url,
      prefix,
      mail: undefined as never,
      mailbox: () => relay.mailbox(),
      query: async () => [],
      apply: () => {
        process.env.DATABASE_URL = pg.url;
        process.env.SMTP_URL = relay.url;
        process.env.QUEUE_PREFIX = prefix;
        process.env.TZ_PLANS = 'Asia/Shanghai';
        process.env.LOG_LEVEL ??= 'silent';
      },
      close: async () => undefined,
    };
    const setup = await startWorkerContext(env, new ManualClock(START));
    const world = await WorkerWorld.create(setup.orm.em, { name: '停库省', recipients: ['meeting@pg.cn'] });
    await world.user('office@pg.cn', 'coordinator');
    const lead = await world.department('省发展改革委', ['fgw@pg.cn']);
    const task = await world.task({ title: '逾期任务', deadline: '2026-11-02', lead: [lead] });
    for (let i = 0; i < 4; i++) await world.task({ title: `其他逾期任务${i}`, deadline: '2026-11-05', lead: [await world.department(`第${i + 1}局`, [`dept${i + 1}@pg.cn`])] });
    await setup.close();

    const clock = new ManualClock(START);
    api = await apiOn(pg.url, process.env.REDIS_URL!, clock);
    await createUser(api.get(MikroORM).em.fork(), { email: 'clerk@pg.cn', password: 'outage-password', role: 'department', departmentId: lead.id });
    const login = await request(api.getHttpServer()).post('/api/auth/login').send({ email: 'clerk@pg.cn', password: 'outage-password' }).expect(200);
    const bearer = `Bearer ${login.body.accessToken}`;
    worker = spawnWorker({ DATABASE_URL: pg.url, REDIS_URL: process.env.REDIS_URL!, SMTP_URL: relay.url, QUEUE_PREFIX: prefix, TEST_CLOCK_START: START, SWEEP_INTERVAL_SECONDS: '5' });
    // the test's own reading connection: an idle client's error (the server stopping) is expected
    const openPool = () => new Pool({ connectionString: pg.url, max: 1 }).on('error', () => undefined);
    pool = openPool();
    const query = async (sql: string) => (await pool!.query(sql)).rows;
    // the start-up sweep's notices: four departments, the lead and the coordinator office
    await eventually(async () => expect(relay.mailbox().length).toBeGreaterThanOrEqual(6), { timeoutMs: 60_000, intervalMs: 500 });

    // a department keeps posting progress through the outage
    const acknowledged: string[] = [];
    const refused: number[] = [];
    let slowest = 0;
    let posting = true;
    const poster = (async () => {
      for (let n = 0; posting; n++) {
        const t = Date.now();
        const res = await request(api!.getHttpServer()).post(`/api/tasks/${task.id}/progress`).set('Authorization', bearer).send({ percent: n % 100, summary: `第${n}次报送` });
        slowest = Math.max(slowest, Date.now() - t);
        if (res.status < 300) acknowledged.push(res.body.id);
        else refused.push(res.status);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    await pool.end();
    pool = undefined;
    await pg.stop();
    const stoppedAt = Date.now();
    await eventually(async () => {
      const health = await request(api!.getHttpServer()).get('/health');
      expect(health.status).toBe(503);
      expect(health.body.checks).toEqual({ postgres: 'down', redis: 'ok' });
    }, { timeoutMs: 10_000, intervalMs: 250 });
    await new Promise((r) => setTimeout(r, Math.max(0, 20_000 - (Date.now() - stoppedAt))));
    await pg.start();
    pool = openPool();
    await eventually(async () => expect((await request(api!.getHttpServer()).get('/health')).status).toBe(200), { timeoutMs: 30_000, intervalMs: 250 });
    // reports go through again
    const before = acknowledged.length;
    await eventually(async () => expect(acknowledged.length).toBeGreaterThan(before + 2), { timeoutMs: 30_000, intervalMs: 250 });
    posting = false;
    await poster;

    // the failures were fast 503s, never a hang or a 500
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(new Set([503]));
    expect(slowest).toBeLessThan(8000);
    // every acknowledged report is stored
    const stored = new Set((await query(`select id from progress_report`)).map((r) => r.id as string));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);

    // the night's summary (due during the outage) arrives, once; every notice once
    await eventually(async () => expect(relay.mailbox().filter((m) => m.headers['x-duban-key']?.startsWith('summary:'))).toHaveLength(1), { timeoutMs: 120_000, intervalMs: 1000 });
    await eventually(async () => expect((await query(`select count(*)::int as n from mail_outbox where status <> 'sent'`))[0].n).toBe(0), { timeoutMs: 60_000, intervalMs: 1000 });
    const counts = deliveries(relay.mailbox());
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(relay.mailbox().filter((m) => m.headers['x-duban-key']?.startsWith('summary:'))[0].to).toEqual(['meeting@pg.cn']);
  }, 240_000);
});
