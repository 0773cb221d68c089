import { ManualClock } from '@duban/clock';
import { startWorkerContext, type WorkerTestEnv, workerTestEnv } from '../../../test/support/worker';
import { WorkerWorld } from '../../../test/support/worker-factories';
import { MailDelivery } from './mail-delivery';
import { LEASE_MS, Outbox } from './outbox';
import { Sweep } from './sweep';

/** 08:00 in Shanghai on a local date. */
const at = (date: string) => `${date}T00:00:00Z`;

describe('the outbox and the notices under faults (real PostgreSQL and SMTP)', () => {
  let env: WorkerTestEnv;
  let ctx: Awaited<ReturnType<typeof startWorkerContext>>;
  const clock = new ManualClock(at('2026-11-18'));
  let outbox: Outbox;
  const content = { subject: '租约', text: '正文', html: '<p>正文</p>' };
  const row = async (id: string) => (await env.query(`select status, attempts, lease_token, retry_at from mail_outbox where id = $1`, [id]))[0];

  beforeAll(async () => {
    env = await workerTestEnv();
    ctx = await startWorkerContext(env, clock);
    outbox = ctx.get(Outbox);
  });
  afterAll(async () => {
    await ctx?.close();
    await env?.close();
  });

  it('a sender that outlived its lease can neither mark sent nor release the row another worker re-claimed', async () => {
    const [{ id }] = await outbox.write([{ key: `lease:${id0()}`, kind: 'summary', recipients: ['slow@example.cn'], content }]);
    const slow = (await outbox.claim(id))!;
    clock.advance(LEASE_MS + 1000);
    const fast = (await outbox.claim(id))!;
    expect(fast.lease_token).not.toBe(slow.lease_token);
    expect(await outbox.markSent(slow)).toBe(false);
    expect(await outbox.release(slow, new Error('late'))).toBe(false);
    expect((await row(id)).status).toBe('sending');
    expect(await outbox.markSent(fast)).toBe(true);
    expect((await row(id)).status).toBe('sent');
  });

  it('re-queues a released row whose retry Redis no longer holds, but not while its retry is due', async () => {
    const [{ id }] = await outbox.write([{ key: `retry:${id0()}`, kind: 'summary', recipients: ['retry@example.cn'], content }]);
    const claimed = (await outbox.claim(id))!;
    expect(await outbox.release(claimed, new Error('relay down'))).toBe(true);
    const relayedIds = async () => (await env.query(`select id from mail_outbox where status = 'pending' and attempts > 0 and retry_at < $1`, [new Date(clock.now().getTime() - 60_000)])).map((r) => r.id);
    expect(await relayedIds()).not.toContain(id);
    const before = await outbox.relay();
    clock.advance(5_000 + 61_000); // BullMQ's first backoff (5 s) and a minute's grace
    expect(await relayedIds()).toContain(id);
    expect(await outbox.relay()).toBe(before + 1);
    // the re-queued job delivers it once
    expect(await ctx.get(MailDelivery).deliver({ outboxId: id })).toBe('success');
    expect(env.mailbox().filter((m) => m.to.includes('retry@example.cn'))).toHaveLength(1);
  });

  it('a department given an email after its task became overdue still gets the escalation notice', async () => {
    const world = await WorkerWorld.create(ctx.orm.em, { name: '迟到地址省' });
    const dept = await world.department('省水利厅', []);
    await world.task({ title: '修建水库', deadline: '2026-11-10', lead: [dept] });
    const sweep = ctx.get(Sweep);
    const deliverAll = async () => {
      for (const { id } of await env.query(`select id from mail_outbox where status <> 'sent'`)) await ctx.get(MailDelivery).deliver({ outboxId: id as string });
    };
    clock.set(at('2026-11-11'));
    await sweep.run();
    await deliverAll();
    const [escalation] = await env.query(`select e.noticed_at, e.unaddressed from task_escalation e join task t on t.id = e.task_id where t.title = '修建水库'`);
    expect(escalation).toEqual({ noticed_at: null, unaddressed: true });
    // days later (past the two-day look-back), the department gets its address
    clock.set(at('2026-11-16'));
    await sweep.run();
    await env.query(`update department set emails = '{shuili@example.cn}' where id = $1`, [dept.id]);
    await sweep.run();
    await deliverAll();
    const notices = env.mailbox().filter((m) => m.to.includes('shuili@example.cn'));
    expect(notices).toHaveLength(1);
    expect(notices[0].subject).toBe('【督办预警】省水利厅：1项任务逾期（黄）');
    expect(notices[0].text).toContain('修建水库');
    await sweep.run();
    await deliverAll();
    expect(env.mailbox().filter((m) => m.to.includes('shuili@example.cn'))).toHaveLength(1);
    const [after] = await env.query(`select e.noticed_at is not null as noticed from task_escalation e join task t on t.id = e.task_id where t.title = '修建水库'`);
    expect(after.noticed).toBe(true);
  });
});

let n = 0;
const id0 = () => `${++n}`;
