import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createUser } from '@duban/auth';
import { Clock, ManualClock } from '@duban/clock';
import { freePort } from '@duban/dev-services';
import { JobQueues } from '@duban/jobs';
import { MetricsServer } from '@duban/observability';
import { startTestApi, type TestApi } from '../support/app';
import { client, login } from '../support/auth';
import { eventually } from '../support/eventually';
import { em } from '../support/factories';
import { startWorkerContext, type WorkerTestEnv, workerTestEnv } from '../support/worker';
import { WorkerWorld } from '../support/worker-factories';

const TOKEN = 'metrics-token-for-the-e2e-test';
const PASSWORD = 'correct horse battery';
const sample = (file: string) => readFileSync(join(__dirname, '..', '..', 'seeds', 'plans', file), 'utf8');

/** The value of one series in Prometheus' text format; undefined when the series is absent. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('/metrics and the correlation id, on the real API, worker, PostgreSQL, Redis and SMTP', () => {
  // 21:00 in Shanghai: the nightly summary (20:00) of 2026-11-20 is an hour due
  const clock = new ManualClock('2026-11-20T13:00:00Z');
  let api: TestApi;
  let env: WorkerTestEnv;
  let world: WorkerWorld;
  let worker: Awaited<ReturnType<typeof startWorkerContext>>;
  const scrape = async () => (await request(api.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    process.env.METRICS_TOKEN = TOKEN;
    process.env.QUEUE_PREFIX = `tobs${Date.now().toString(36)}`;
    api = await startTestApi((b) => b.overrideProvider(Clock).useValue(clock));
    env = await workerTestEnv({ databaseUrl: api.databaseUrl, prefix: process.env.QUEUE_PREFIX });
    world = await WorkerWorld.create(em(api.app), { name: '观测省', recipients: ['meeting@obs.cn'] });
    await world.task({ title: '远期任务', deadline: '2027-06-30', lead: [await world.department('省发展改革委', ['fgw@obs.cn'])] });
    await env.query(`update joint_meeting set created_at = '2026-11-01T00:00:00Z' where id = $1`, [world.meeting.id]);
    await createUser(em(api.app), { email: 'coord@obs.cn', password: PASSWORD, role: 'coordinator', jurisdiction: world.jurisdiction.name });
    await createUser(em(api.app), { email: 'admin@obs.cn', password: PASSWORD, role: 'admin' });
  });
  afterAll(async () => {
    await worker?.close();
    // the env shares the API's database: its pool ends before the API drops the database
    await env?.close();
    await api?.close();
    delete process.env.METRICS_TOKEN;
    delete process.env.METRICS_PORT;
  });

  it('refuses a scrape without the token (401 problem) and shows the stalled summary before any worker runs', async () => {
    const refused = await request(api.http).get('/metrics').expect(401);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(api.http).get('/metrics').set('Authorization', 'Bearer wrong-token-of-some-length').expect(401);

    const text = await scrape();
    expect(metric(text, 'duban_summary_late_meetings')).toBe(1);
    expect(metric(text, 'duban_summary_lateness_seconds')).toBe(3600);
    // no worker has registered the schedules yet: an operator sees it
    expect(metric(text, 'duban_job_schedulers', { queue: 'notifications' })).toBe(0);
    expect(metric(text, 'duban_outbox_mails', { state: 'pending' })).toBe(0);
  });

  it('a summary asked for over HTTP carries the request id into its jobs, its outbox row and its mail', async () => {
    process.env.METRICS_PORT = String(await freePort());
    worker = await startWorkerContext(env, clock, { worker: true });
    const coordinator = client(api, await login(api, 'coord@obs.cn', PASSWORD));
    const queued = await coordinator.post(`/api/joint-meetings/${world.meeting.id}/summary`).set('X-Request-Id', 'obs-request-0001').expect(202);
    expect(queued.headers['x-request-id']).toBe('obs-request-0001');

    const mail = await eventually(() => {
      const found = env.mailbox().find((m) => m.to.includes('meeting@obs.cn') && m.headers['x-duban-correlation-id'] === 'obs-request-0001');
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.subject).toMatch(/^【督办日报】观测省/);
    const rows = await env.query(`select id, correlation_id from mail_outbox where idempotency_key like 'summary:%:now:%'`);
    expect(rows).toEqual([{ id: expect.any(String), correlation_id: 'obs-request-0001' }]);
    // both jobs on the way carry it: the summary job the request queued, the mail job that job queued
    const queues = worker.get(JobQueues);
    expect((await queues.queue('notifications').getJob(queued.body.jobId))?.data).toMatchObject({ correlationId: 'obs-request-0001' });
    const mailJobs = await queues.queue('mail').getJobs(['completed']);
    expect(mailJobs.find((j) => j.data.outboxId === rows[0].id)?.data).toMatchObject({ correlationId: 'obs-request-0001' });

    // without an incoming X-Request-Id, the id the API assigned (and echoed) is the one carried
    clock.set('2026-11-20T13:01:00Z');
    const asked = await coordinator.post(`/api/joint-meetings/${world.meeting.id}/summary`).expect(202);
    const assigned = asked.headers['x-request-id'];
    expect(assigned).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(() => expect(env.mailbox().filter((m) => m.headers['x-duban-correlation-id'] === assigned)).toHaveLength(1));
  });

  it('after requests, an import and a sweep, the scrape shows each named metric with sensible values', async () => {
    const admin = client(api, await login(api, 'admin@obs.cn', PASSWORD));
    await admin.post('/api/plans', { text: sample('shaanxi-2016.txt') }).expect(201);
    const { body: tasks } = await admin.get('/api/tasks?pageSize=5').expect(200);
    await admin.get(`/api/tasks/${tasks.items[0].id}`).expect(200);
    await admin.get('/api/tasks/00000000-0000-4000-8000-000000000000').expect(404);
    // the nightly summary of the 20th runs: the lateness falls to 0
    await worker.get(JobQueues).add('summary.fanout', {});
    await eventually(async () => expect(metric(await scrape(), 'duban_summary_late_meetings')).toBe(0));
    await worker.get(JobQueues).add('sweep.run', { trigger: 'manual' });

    const text = await eventually(async () => {
      const t = await scrape();
      // the start-up sweep and the one above (the worker runs in this process, so its numbers are here too)
      expect(metric(t, 'duban_sweep_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(2);
      expect(metric(t, 'duban_queue_jobs', { queue: 'notifications', state: 'active' })).toBe(0);
      return t;
    });
    const [{ sent }] = await env.query(`select count(*)::int as sent from mail_outbox where status = 'sent'`);
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(metric(text, 'duban_outbox_mails', { state: 'sent' })).toBe(sent);
    expect(metric(text, 'duban_sweep_duration_seconds_sum', { outcome: 'ok' })).toBeGreaterThan(0);
    expect(metric(text, 'duban_summary_lateness_seconds')).toBe(0);
    expect(metric(text, 'duban_outbox_mails', { state: 'pending' })).toBe(0);
    expect(metric(text, 'duban_outbox_mails', { state: 'failed' })).toBe(0);
    expect(metric(text, 'duban_outbox_oldest_unsent_seconds')).toBe(0);
    expect(metric(text, 'duban_job_schedulers', { queue: 'notifications' })).toBe(2);
    expect(metric(text, 'duban_queue_jobs', { queue: 'mail', state: 'completed' })).toBe(sent);
    expect(metric(text, 'duban_queue_jobs', { queue: 'mail', state: 'failed' })).toBe(0);
    expect(metric(text, 'duban_queue_jobs', { queue: 'notifications', state: 'waiting' })).toBeDefined();
    expect(metric(text, 'duban_plan_parse_duration_seconds_count', { outcome: 'ok' })).toBe(1);
    expect(metric(text, 'duban_plan_parse_duration_seconds_sum', { outcome: 'ok' })).toBeGreaterThan(0);
    expect(metric(text, 'duban_job_duration_seconds_count', { job: 'mail.send', result: 'success' })).toBe(sent);
    // by route template and status, never by raw path
    expect(metric(text, 'duban_http_request_duration_seconds_count', { method: 'GET', route: '/api/tasks/:id', status: '200' })).toBe(1);
    expect(metric(text, 'duban_http_request_duration_seconds_count', { method: 'GET', route: '/api/tasks/:id', status: '404' })).toBe(1);
    expect(metric(text, 'duban_http_request_duration_seconds_count', { method: 'POST', route: '/api/joint-meetings/:id/summary', status: '202' })).toBe(2);
    expect(metric(text, 'duban_http_request_duration_seconds_count', { method: 'POST', route: '/api/plans', status: '201' })).toBe(1);
    expect(text).not.toContain(tasks.items[0].id);
    expect(metric(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it("the worker serves the same registry on METRICS_PORT, with the same token rule", async () => {
    const port = worker.get(MetricsServer).port();
    expect(port).toBe(Number(process.env.METRICS_PORT));
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(metric(await res.text(), 'duban_job_duration_seconds_count', { job: 'sweep.run', result: 'success' })).toBeGreaterThanOrEqual(2);
    expect((await fetch(`${base}/other`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });
});
