import type { ChildProcess } from 'node:child_process';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Queue } from 'bullmq';
import { ManualClock } from '@duban/clock';
import { redisOptions, SCHEDULERS } from '@duban/jobs';
import { createUser } from '@duban/auth';
import { MikroORM } from '@mikro-orm/postgresql';
import { eventually } from '../support/eventually';
import { startWorkerContext, type WorkerTestEnv, workerTestEnv } from '../support/worker';
import { WorkerWorld } from '../support/worker-factories';
import { apiOn, deliveries, killed, ownRedis, ownRelay, spawnWorker } from './support';

/**
 * Redis restarted empty while the SMTP relay is down and mail is pending: the worker heals its
 * schedules and re-queues the stranded rows by itself; the API fails fast (503) while Redis is
 * down and recovers by itself. Nothing is restarted but Redis and the relay.
 */
describe('fault: SMTP relay down 30 s, then Redis restarted empty', () => {
  const START = '2026-11-18T10:00:00+08:00';
  const DEPARTMENTS = 6;
  let env: WorkerTestEnv;
  let redis: Awaited<ReturnType<typeof ownRedis>>;
  let relay: Awaited<ReturnType<typeof ownRelay>>;
  let worker: ChildProcess | undefined;
  let api: INestApplication | undefined;

  beforeAll(async () => {
    redis = await ownRedis();
    relay = await ownRelay();
    env = await workerTestEnv();
  });
  afterAll(async () => {
    await killed(worker);
    await api?.close();
    await relay?.stop();
    await env?.close().catch(() => undefined);
    await redis?.stop();
  });

  it('delivers every due mail exactly once and answers 503 then 200 without restarting a process', async () => {
    process.env.REDIS_URL = redis.url;
    process.env.SMTP_URL = relay.url;
    const setup = await startWorkerContext({ ...env, apply: () => (env.apply(), (process.env.REDIS_URL = redis.url)) }, new ManualClock(START));
    const world = await WorkerWorld.create(setup.orm.em, { name: '故障省' });
    await world.user('office@fault.cn', 'coordinator');
    for (let i = 0; i < DEPARTMENTS; i++) {
      const d = await world.department(`第${i + 1}局`, [`dept${i + 1}@fault.cn`]);
      await world.task({ title: `逾期任务${i + 1}`, deadline: '2026-11-05', lead: [d] });
    }
    await setup.close();
    const clock = new ManualClock(START);
    api = await apiOn(env.databaseUrl, redis.url, clock);
    await createUser(api.get(MikroORM).em.fork(), { email: 'coord@fault.cn', password: 'fault-password', role: 'coordinator', jurisdiction: '故障省' });
    const login = await request(api.getHttpServer()).post('/api/auth/login').send({ email: 'coord@fault.cn', password: 'fault-password' }).expect(200);
    const bearer = `Bearer ${login.body.accessToken}`;
    const expected = DEPARTMENTS + 1;

    // the relay is down when the worker's start-up sweep writes the notices: every send fails
    await relay.down();
    const relayDownAt = Date.now();
    const logs: Array<Record<string, unknown>> = [];
    worker = spawnWorker({ DATABASE_URL: env.databaseUrl, REDIS_URL: redis.url, SMTP_URL: relay.url, QUEUE_PREFIX: env.prefix, TEST_CLOCK_START: START, SWEEP_INTERVAL_SECONDS: '5' }, logs);
    const outbox = async () => (await env.query(`select count(*)::int as total, (count(*) filter (where status = 'sent'))::int as sent, (count(*) filter (where status = 'pending' and attempts > 0))::int as released from mail_outbox`))[0] as { total: number; sent: number; released: number };
    await eventually(async () => expect(await outbox()).toMatchObject({ total: expected, released: expected }), { timeoutMs: 60_000, intervalMs: 500 });

    // Redis loses everything: schedulers, the mail jobs' retries
    await redis.stop();
    const asked = Date.now();
    const down = await request(api.getHttpServer()).post(`/api/joint-meetings/${world.meeting.id}/summary`).set('Authorization', bearer);
    expect(Date.now() - asked).toBeLessThan(5000);
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(down.body).toMatchObject({ status: 503, dependency: 'redis' });
    const health = await request(api.getHttpServer()).get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'down', checks: { postgres: 'ok', redis: 'down' }, details: { down: ['redis'] } });
    await redis.restartEmpty();

    // the relay comes back after 30 s in all
    await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() - relayDownAt))));
    await relay.up();

    // within a heal interval the schedulers are back; the stranded rows go out once their retry is overdue
    const queue = new Queue('notifications', { connection: redisOptions(redis.url), prefix: env.prefix });
    try {
      await eventually(async () => {
        expect(await queue.getJobScheduler(SCHEDULERS.sweep)).toBeTruthy();
        expect(await queue.getJobScheduler(SCHEDULERS.summaryFanout)).toBeTruthy();
      }, { timeoutMs: 15_000, intervalMs: 500 });
    } finally {
      await queue.close();
    }
    await eventually(async () => expect((await outbox()).sent).toBe(expected), { timeoutMs: 120_000, intervalMs: 1000 });
    await eventually(async () => expect((await request(api!.getHttpServer()).get('/health')).status).toBe(200), { timeoutMs: 10_000, intervalMs: 250 });
    // the API's producer recovered by itself: the same request is now accepted, and its mail comes
    await request(api.getHttpServer()).post(`/api/joint-meetings/${world.meeting.id}/summary`).set('Authorization', bearer).expect(202);

    // nothing failed silently: the worker's JSON log tells the story
    const said = (context: string, pattern: RegExp) => logs.some((l) => l.context === context && pattern.test(String(l.msg)));
    expect(said('sweep', /^sweep \{/)).toBe(true);
    expect(said('mail', /attempt 1 failed/)).toBe(true);
    expect(said('jobs', /mail\.send .* failed \(attempt 1\/15\)/)).toBe(true);
    expect(said('schedules', /were gone from Redis: re-created/)).toBe(true);
    expect(said('schedules', /re-queued \d+ outbox row/)).toBe(true);
    expect(said('mail', /sent to 1 recipient/)).toBe(true);

    const counts = deliveries(relay.mailbox().filter((m) => m.headers['x-duban-key']?.startsWith('escalation:')));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect([...counts.keys()].map((k) => k.split(' ')[0]).sort()).toEqual([...Array.from({ length: DEPARTMENTS }, (_, i) => `dept${i + 1}@fault.cn`), 'office@fault.cn', 'coord@fault.cn'].sort()); // the coordinators' notice goes to both
  }, 240_000);
});
