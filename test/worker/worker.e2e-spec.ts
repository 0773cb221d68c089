import request from 'supertest';
import { Clock, ManualClock } from '@duban/clock';
import { freePort, type MailCatcher, readMailbox, startMailCatcher } from '@duban/dev-services';
import { JobQueues, SCHEDULERS } from '@duban/jobs';
import { startTestApi, type TestApi } from '../support/app';
import { login } from '../support/auth';
import { eventually } from '../support/eventually';
import { startWorkerContext, type WorkerTestEnv, workerTestEnv } from '../support/worker';
import { WorkerWorld } from '../support/worker-factories';
import { createUser } from '@duban/auth';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Ctx = Awaited<ReturnType<typeof startWorkerContext>>;

/** 20:00 in Shanghai on a local date. */
const evening = (date: string) => `${date}T12:00:00Z`;

describe('the worker with real PostgreSQL, Redis and SMTP', () => {
  let api: TestApi;
  let env: WorkerTestEnv;
  const clock = new ManualClock(evening('2026-11-20'));
  const replicas: Ctx[] = [];

  beforeAll(async () => {
    process.env.QUEUE_PREFIX = `t${Date.now().toString(36)}`;
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    env = await workerTestEnv({ databaseUrl: api.databaseUrl, prefix: process.env.QUEUE_PREFIX });
  });
  afterAll(async () => {
    for (const r of replicas) await r.close();
    await api?.close();
    await env?.close();
  });

  it('two replicas start: the schedulers are registered once, whatever the number of upserts', async () => {
    replicas.push(await startWorkerContext(env, clock, { worker: true }));
    const queue = replicas[0].get(JobQueues).queue('notifications');
    const before = await queue.getJobSchedulers();
    replicas.push(await startWorkerContext(env, clock, { worker: true }));
    const after = await queue.getJobSchedulers();
    expect(after.map((s) => s.key).sort()).toEqual([SCHEDULERS.summaryFanout, SCHEDULERS.sweep].sort());
    expect(after.find((s) => s.key === SCHEDULERS.sweep)).toMatchObject({ every: 900_000 });
    expect(after.find((s) => s.key === SCHEDULERS.summaryFanout)).toMatchObject({ pattern: '0 * * * * *', tz: 'Asia/Shanghai' });
    // the second registration must not reset a schedule; a replica may meanwhile have run a
    // scheduled job, which moves `next` on by whole periods only
    const period: Record<string, number> = { [SCHEDULERS.sweep]: 900_000, [SCHEDULERS.summaryFanout]: 60_000 };
    for (const scheduler of after) {
      const first = before.find((s) => s.key === scheduler.key)!;
      const moved = Number(scheduler.next) - Number(first.next);
      expect(moved).toBeGreaterThanOrEqual(0);
      expect(moved % period[scheduler.key]).toBe(0);
    }
  });

  it('sweeps through the queue: reminders and each ladder step arrive at the SMTP listener', async () => {
    const world = await WorkerWorld.create(replicas[0].orm.em, { name: '端到端省', recipients: ['meeting@e2e.cn'] });
    const lead = await world.department('省水利厅', ['shuili@e2e.cn']);
    await world.user('office@e2e.cn', 'coordinator');
    await world.task({ title: '河道治理', deadline: '2026-11-27', lead: [lead] });
    const queues = replicas[0].get(JobQueues);
    const mails = (to: string, prefix: string) => env.mailbox().filter((m) => m.to.includes(to) && m.subject.startsWith(prefix));

    clock.set(evening('2026-11-20')); // Friday: 7 days before the deadline
    await queues.add('sweep.run', { trigger: 'manual' });
    await eventually(() => expect(mails('shuili@e2e.cn', '【督办提醒】')).toHaveLength(1));
    expect(mails('shuili@e2e.cn', '【督办提醒】')[0].text).toContain('河道治理（端到端省行动方案；截止2026-11-27，剩余7天；牵头）');

    clock.set(evening('2026-11-28'));
    await queues.add('sweep.run', { trigger: 'manual' });
    await eventually(() => expect(mails('shuili@e2e.cn', '【督办预警】')).toHaveLength(1));
    expect(mails('shuili@e2e.cn', '【督办预警】')[0].subject).toContain('（黄）');

    clock.set(evening('2026-12-08')); // 7 working days after 11-27
    await queues.add('sweep.run', { trigger: 'manual' });
    await eventually(() => expect(mails('office@e2e.cn', '【督办预警】')).toHaveLength(1));
    expect(mails('office@e2e.cn', '【督办预警】')[0].subject).toContain('（橙）');

    clock.set(evening('2027-01-12')); // well past 30 working days
    await queues.add('sweep.run', { trigger: 'manual' });
    await eventually(() => expect(mails('office@e2e.cn', '【督办预警】')).toHaveLength(2));
    expect(mails('office@e2e.cn', '【督办预警】')[1].subject).toContain('（红）');
    const [task] = await replicas[0].orm.em.fork().execute(`select escalation_level from task where jurisdiction_id = ?`, [world.jurisdiction.id]);
    expect(task.escalation_level).toBe('red');
  });

  it('two replicas send one summary per joint meeting per night, however often the fan-out runs', async () => {
    const worlds = await Promise.all(['甲市', '乙市', '丙市'].map((name) => WorkerWorld.create(replicas[0].orm.em, { name: `${name}${Date.now() % 1000}`, recipients: [`${name}@meeting.cn`] })));
    for (const w of worlds) await w.task({ title: '下月到期任务', deadline: '2027-01-20', lead: [await w.department('市发展改革委', ['x@city.cn'])] });
    clock.set(evening('2027-01-13'));
    await Promise.all(replicas.flatMap((r) => [r.get(JobQueues).add('summary.fanout', {}), r.get(JobQueues).add('summary.fanout', {})]));
    await Promise.all(replicas.map((r) => r.get(JobQueues).add('summary.fanout', {})));
    const summaries = (to: string) => env.mailbox().filter((m) => m.to.includes(to) && m.subject.includes('2027-01-13'));
    await eventually(() => worlds.forEach((_, i) => expect(summaries(`${['甲市', '乙市', '丙市'][i]}@meeting.cn`)).toHaveLength(1)));
    // let any straggling duplicate arrive before concluding there is none
    await new Promise((r) => setTimeout(r, 1500));
    for (const name of ['甲市', '乙市', '丙市']) expect(summaries(`${name}@meeting.cn`)).toHaveLength(1);
  });

  describe('POST /api/joint-meetings/{id}/summary', () => {
    let world: WorkerWorld;
    beforeAll(async () => {
      world = await WorkerWorld.create(replicas[0].orm.em, { name: `接口省${Date.now() % 1000}`, recipients: ['asked@e2e.cn'] });
      await world.task({ title: '远期任务', deadline: '2029-01-01', lead: [await world.department('省商务厅', ['sw@e2e.cn'])] });
      const em = replicas[0].orm.em.fork();
      await createUser(em, { email: 'coord@e2e.cn', password: 'correct horse battery', role: 'coordinator', jurisdiction: world.jurisdiction.name });
      await createUser(em, { email: 'other@e2e.cn', password: 'correct horse battery', role: 'coordinator', jurisdiction: '别的省' });
      await createUser(em, { email: 'viewer@e2e.cn', password: 'correct horse battery', role: 'observer', jurisdiction: world.jurisdiction.name });
    });

    it('lets the coordinator of that jurisdiction queue it now (202); the worker sends it', async () => {
      const bearer = await login(api, 'coord@e2e.cn', 'correct horse battery');
      await request(api.http).post(`/api/joint-meetings/${world.meeting.id}/summary`).set('Authorization', bearer).expect(202);
      await eventually(() => expect(env.mailbox().filter((m) => m.to.includes('asked@e2e.cn'))).toHaveLength(1));
      expect(env.mailbox().find((m) => m.to.includes('asked@e2e.cn'))!.subject).toMatch(/^【督办日报】接口省/);
    });

    it('refuses other jurisdictions (403), other roles (403) and unknown meetings (404)', async () => {
      const other = await login(api, 'other@e2e.cn', 'correct horse battery');
      await request(api.http).post(`/api/joint-meetings/${world.meeting.id}/summary`).set('Authorization', other).expect(403);
      await request(api.http).post('/api/joint-meetings/00000000-0000-4000-8000-000000000000/summary').set('Authorization', other).expect(404);
      await request(api.http).post('/api/joint-meetings/not-an-id/summary').set('Authorization', other).expect(404);
      const viewer = await login(api, 'viewer@e2e.cn', 'correct horse battery');
      await request(api.http).post(`/api/joint-meetings/${world.meeting.id}/summary`).set('Authorization', viewer).expect(403);
      await request(api.http).post(`/api/joint-meetings/${world.meeting.id}/summary`).expect(401);
    });
  });

  it('shows the queues, failed jobs kept, to admins only at /admin/queues', async () => {
    const em = replicas[0].orm.em.fork();
    await createUser(em, { email: 'admin@e2e.cn', password: 'correct horse battery', role: 'admin' });
    // a job no handler knows fails at once and is kept for inspection
    await replicas[0].get(JobQueues).queue('notifications').add('no.such.job', {}, { jobId: 'bogus-1' });
    await eventually(async () => expect(await replicas[0].get(JobQueues).queue('notifications').getJobState('bogus-1')).toBe('failed'));

    await request(api.http).get('/admin/queues').expect(401);
    const coordinator = await login(api, 'coord@e2e.cn', 'correct horse battery');
    await request(api.http).get('/admin/queues').set('Authorization', coordinator).expect(403);
    const admin = await login(api, 'admin@e2e.cn', 'correct horse battery');
    await request(api.http).get('/admin/queues').set('Authorization', admin).expect(200).expect('content-type', /html/);
    const res = await request(api.http).get('/admin/queues/api/queues?activeQueue=notifications&status=failed').set('Authorization', admin).expect(200);
    const notifications = res.body.queues.find((q: { name: string }) => q.name === 'notifications');
    expect(res.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['mail', 'notifications']);
    expect(notifications.jobs.map((j: { id: string; failedReason: string }) => [j.id, j.failedReason])).toContainEqual(['bogus-1', 'no handler for job "no.such.job" on queue "notifications"']);
    // a browser opens the page once with ?token=, then the board's own requests carry the cookie
    const page = await request(api.http).get(`/admin/queues?token=${admin.slice(7)}`).expect(200);
    const cookie = page.headers['set-cookie'] as unknown as string[];
    expect(cookie[0]).toMatch(/^duban_board=.*HttpOnly/);
    await request(api.http).get('/admin/queues/api/queues').set('Cookie', cookie[0].split(';')[0]).expect(200);
  });

  it('retries with backoff while the relay is down, and delivers once it is back', async () => {
    for (const r of replicas.splice(0)) await r.close();
    const port = await freePort();
    const down = { ...env, apply: () => (env.apply(), (process.env.SMTP_URL = `smtp://127.0.0.1:${port}`)) };
    // the worker's start-up sweep runs on the same day as the one queued below: two sweeps on two
    // days could each write that day's notice before the other marked the step noticed
    clock.set(evening('2027-01-14'));
    const worker = await startWorkerContext(down, clock, { worker: true });
    const dir = mkdtempSync(join(tmpdir(), 'duban-relay-'));
    let relay: MailCatcher | undefined;
    try {
      const world = await WorkerWorld.create(worker.orm.em, { name: `断线省${Date.now() % 1000}` });
      await world.task({ title: '逾期任务', deadline: '2027-01-04', lead: [await world.department('省审计厅', ['shenji@e2e.cn'])] });
      await worker.get(JobQueues).add('sweep.run', { trigger: 'manual' });
      const row = () => worker.orm.em.fork().execute(`select status, attempts, last_error from mail_outbox where recipients = '{shenji@e2e.cn}'`).then((r) => r[0]);
      await eventually(async () => expect(await row()).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/ECONNREFUSED/) }));

      relay = await startMailCatcher({ dir, smtpPort: port });
      // the first retry comes 5 s after the failure, then 10 s, 20 s … (JOB_OPTIONS['mail.send'])
      await eventually(async () => expect(await row()).toMatchObject({ status: 'sent' }), { timeoutMs: 30_000 });
      expect(readMailbox(dir).filter((m) => m.to.includes('shenji@e2e.cn'))).toHaveLength(1);
    } finally {
      // the pooled transport holds its connection open: close the worker before the relay waits on it
      await worker.close();
      await relay?.stop();
    }
  });
});
