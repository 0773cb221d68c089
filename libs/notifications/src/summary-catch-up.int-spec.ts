import { Queue, Worker } from 'bullmq';
import { ManualClock } from '@duban/clock';
import { jobIds, redisOptions } from '@duban/jobs';
import { startWorkerContext, type WorkerTestEnv, workerTestEnv } from '../../../test/support/worker';
import { WorkerWorld } from '../../../test/support/worker-factories';
import { SummaryJobs } from './summary.jobs';

/** A night's summary is sent once, late rather than never (libs/notifications/README.md). */
describe('missed summary nights and failed summary jobs (real PostgreSQL and Redis)', () => {
  let env: WorkerTestEnv;
  let ctx: Awaited<ReturnType<typeof startWorkerContext>>;
  let queue: Queue;
  // 2026-12-03 21:00 in Shanghai: no worker ran since the meeting was set up on 11-30
  const clock = new ManualClock('2026-12-03T13:00:00Z');
  let world: WorkerWorld;

  const queued = async () => (await queue.getJobs(['waiting', 'failed', 'delayed', 'prioritized'])).map((j) => j.id).sort();

  beforeAll(async () => {
    env = await workerTestEnv();
    ctx = await startWorkerContext(env, clock);
    queue = new Queue('notifications', { connection: redisOptions(process.env.REDIS_URL!), prefix: env.prefix });
    world = await WorkerWorld.create(ctx.orm.em, { name: '补发省', recipients: ['meeting@catchup.cn'] });
    await world.task({ title: '即将到期任务', deadline: '2026-12-20', lead: [await world.department('省交通厅', ['jt@catchup.cn'])] });
    await world.task({ title: '后年的任务', deadline: '2028-03-31', lead: [await world.department('省水利厅', ['sl@catchup.cn'])] });
    await world.user('admin@catchup.cn', 'admin');
    await env.query(`update joint_meeting set created_at = '2026-11-30T10:00:00+08:00' where id = $1`, [world.meeting.id]);
  });
  afterAll(async () => {
    await queue?.close();
    await ctx?.close();
    await env?.close();
  });

  it('queues tonight and every missed night of the last three days since the meeting exists, each once', async () => {
    await ctx.get(SummaryJobs).fanout();
    const m = world.meeting.id;
    expect(await queued()).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03'].map((d) => jobIds.summary(m, d)).sort());
    for (const d of ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']) await ctx.get(SummaryJobs).send({ jointMeetingId: m, localDate: d });
    const runs = await env.query(`select to_char(local_date, 'YYYY-MM-DD') as d, outcome from summary_run where joint_meeting_id = $1 order by 1`, [m]);
    expect(runs).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03'].map((d) => ({ d, outcome: 'sent' })));
    const keys = (await env.query(`select idempotency_key as k from mail_outbox where kind = 'summary' and idempotency_key like 'summary:%' order by 1`)).map((r) => r.k);
    expect(keys).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03'].map((d) => `summary:${m}:${d}`));
  });

  it('tells the admins, once a night, that open tasks have deadlines in a year without holiday data', async () => {
    const [gap] = await env.query(`select recipients, subject, text_body from mail_outbox where idempotency_key = 'calendar-gap:2026-12-03'`);
    expect(gap).toMatchObject({ recipients: ['admin@catchup.cn'], subject: '【督办提醒】2028年节假日安排尚未录入' });
    expect(gap.text_body).toContain('2028年尚无节假日安排数据');
  });

  it('retries a night whose job failed (its fixed id would block re-adding it)', async () => {
    clock.set('2026-12-04T13:00:00Z');
    const id = jobIds.summary(world.meeting.id, '2026-12-04');
    await queue.add('summary.send', { jointMeetingId: world.meeting.id, localDate: '2026-12-04' }, { jobId: id, attempts: 1 });
    // a database outage longer than the job's attempts: it ends failed
    const failing = new Worker('notifications', async () => { throw new Error('database down'); }, { connection: redisOptions(process.env.REDIS_URL!), prefix: env.prefix });
    try {
      const waitFailed = async () => { for (let i = 0; i < 100 && (await (await queue.getJob(id))!.getState()) !== 'failed'; i++) await new Promise((r) => setTimeout(r, 100)); };
      await waitFailed();
    } finally {
      await failing.close();
    }
    expect(await (await queue.getJob(id))!.getState()).toBe('failed');
    await ctx.get(SummaryJobs).fanout();
    expect(['waiting', 'prioritized']).toContain(await (await queue.getJob(id))!.getState());
  });
});
