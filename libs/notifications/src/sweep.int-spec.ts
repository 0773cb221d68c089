import { ManualClock } from '@duban/clock';
import { addDays, chinaWorkCalendar, workingDaysAfter } from '@duban/domain';
import type { Department } from '@duban/persistence';
import { startWorkerContext, type WorkerTestEnv, workerTestEnv } from '../../../test/support/worker';
import { WorkerWorld } from '../../../test/support/worker-factories';
import { MailDelivery } from './mail-delivery';
import { DEFAULT_RULES } from './notification-rules';
import { Outbox } from './outbox';
import { Sweep } from './sweep';

/** 08:00 in Shanghai on a local date. */
const at = (date: string) => `${date}T00:00:00Z`;

describe('sweeps on a real PostgreSQL and SMTP listener', () => {
  let env: WorkerTestEnv;
  let ctx: Awaited<ReturnType<typeof startWorkerContext>>;
  const clock = new ManualClock(at('2026-09-01'));
  let sweep: Sweep;
  let delivery: MailDelivery;

  /** Sweeps "today", then delivers every unsent outbox row the way the mail job does. */
  const sweepAndDeliver = async (date: string) => {
    clock.set(at(date));
    const stats = await sweep.run();
    expect(stats.failedRounds).toBe(0);
    const unsent = await ctx.orm.em.fork().execute<Array<{ id: string }>>(`select id from mail_outbox where status <> 'sent' order by created_at`);
    for (const { id } of unsent) await delivery.deliver({ outboxId: id });
    return stats;
  };
  const mailsTo = (address: string) => env.mailbox().filter((m) => m.to.some((t) => t.includes(address)));

  beforeAll(async () => {
    env = await workerTestEnv();
    ctx = await startWorkerContext(env, clock);
    sweep = ctx.get(Sweep);
    delivery = ctx.get(MailDelivery);
  });
  afterAll(async () => {
    await ctx?.close();
    await env?.close();
  });

  describe('reminders', () => {
    let world: WorkerWorld;
    let lead: Department;
    let co: Department;

    beforeAll(async () => {
      world = await WorkerWorld.create(ctx.orm.em, { name: '提醒省' });
      lead = await world.department('省科技厅', ['keji@example.cn']);
      co = await world.department('省财政厅', ['caizheng@example.cn', ' CaiZheng@Example.cn']);
      await world.user('clerk@example.cn', 'department', lead);
      // 7 days before 10-12 is 10-05 (国庆) → 9-30; 1 day before is 10-11 (Sunday) → 10-10, a 调休 Saturday
      await world.task({ title: '建设创新平台', deadline: '2026-10-12', lead: [lead], co: [co] });
      await world.task({ title: '出台配套政策', deadline: '2026-10-29', lead: [lead] });
      await world.task({ title: '已完成的任务', deadline: '2026-10-12', lead: [lead], status: 'completed' });
      await world.task({ title: '远期任务', deadline: '2027-06-30', lead: [lead] });
    });

    it('sends one mail per department per day listing all its due tasks, to its addresses and users', async () => {
      // late September: past the default report day (25th) too, so the same mail asks for reports
      await sweepAndDeliver('2026-09-29');
      const first = mailsTo('keji@example.cn');
      expect(first).toHaveLength(1);
      expect(first[0].to.sort()).toEqual(['clerk@example.cn', 'keji@example.cn']);
      expect(first[0].subject).toBe('【督办提醒】省科技厅：2项任务即将到期，3项任务本月尚未报送进展');
      expect(first[0].text).toContain('建设创新平台（提醒省行动方案；截止2026-10-12，剩余13天；牵头）');
      expect(first[0].text).toContain('出台配套政策（提醒省行动方案；截止2026-10-29，剩余30天；牵头）');
      expect(first[0].text).not.toContain('已完成的任务');
      const [dueSection, reportSection] = first[0].text.split('二、');
      expect(dueSection).not.toContain('远期任务');
      expect(reportSection).toContain('远期任务（提醒省行动方案；截止2027-06-30；牵头）');
      const coMail = mailsTo('caizheng@example.cn');
      expect(coMail).toHaveLength(1);
      expect(coMail[0].to).toEqual(['caizheng@example.cn']);
      expect(coMail[0].text).toContain('建设创新平台（提醒省行动方案；截止2026-10-12，剩余13天；配合）');
    });

    it('never repeats a stage: a second sweep the same day and the next days send nothing new', async () => {
      const before = env.mailbox().length;
      await sweepAndDeliver('2026-09-29');
      expect(env.mailbox()).toHaveLength(before);
    });

    it('moves a reminder due on a holiday to the working day before, and uses 调休 Saturdays', async () => {
      const before = env.mailbox().length;
      await sweepAndDeliver('2026-09-30'); // the 7-day stage of 10-12 (10-05 is 国庆)
      const sent = env.mailbox().slice(before);
      expect(sent.map((m) => m.subject).sort()).toEqual(['【督办提醒】省科技厅：1项任务即将到期', '【督办提醒】省财政厅：1项任务即将到期']);
      expect(sent[0].text).toContain('建设创新平台');

      await sweepAndDeliver('2026-10-03'); // 国庆: nothing goes out on a day off
      await sweepAndDeliver('2026-10-09');
      expect(env.mailbox()).toHaveLength(before + 2);
      await sweepAndDeliver('2026-10-10'); // Saturday, but a 调休 working day: the 1-day stage of 10-12
      expect(env.mailbox()).toHaveLength(before + 4);
      expect(env.mailbox().at(-1)!.text).toContain('剩余2天');
    });

    it('asks monthly, on the configured day, for tasks without a progress report this cycle', async () => {
      const reported = await world.task({ title: '已报送任务', deadline: '2027-12-31', lead: [co] });
      const silent = await world.task({ title: '未报送任务', deadline: '2027-12-31', lead: [co] });
      await world.report(reported, co, new Date('2026-11-10T02:00:00Z'));
      await ctx.orm.em.fork().execute(`insert into notification_settings (jurisdiction_id, report_cycle_day) values (?, 20)`, [world.jurisdiction.id]);
      const before = mailsTo('caizheng@example.cn').length;
      await sweepAndDeliver('2026-11-19');
      expect(mailsTo('caizheng@example.cn')).toHaveLength(before);
      await sweepAndDeliver('2026-11-20');
      const mail = mailsTo('caizheng@example.cn').at(-1)!;
      expect(mail.subject).toContain('本月尚未报送进展');
      expect(mail.text).toContain('本月（2026-11）尚未报送进展的任务');
      expect(mail.text).toContain(silent.title);
      expect(mail.text).not.toContain(reported.title);
      await sweepAndDeliver('2026-11-23');
      expect(mailsTo('caizheng@example.cn').at(-1)).toEqual(mail);
    });
  });

  describe('the escalation ladder', () => {
    let world: WorkerWorld;
    let lead: Department;

    const firstDayWith = (deadline: string, workingDays: number) => {
      const cal = chinaWorkCalendar();
      let d = addDays(deadline, 1);
      while (workingDaysAfter(cal, deadline, d) < workingDays) d = addDays(d, 1);
      return d;
    };

    beforeAll(async () => {
      world = await WorkerWorld.create(ctx.orm.em, { name: '预警省', recipients: ['meeting@example.cn'] });
      lead = await world.department('省交通厅', ['jiaotong@example.cn']);
      const co = await world.department('省公安厅', ['gongan@example.cn']);
      await world.user('office@example.cn', 'coordinator');
      await world.task({ title: '修建公路<script>', deadline: '2026-11-20', lead: [lead], co: [co] });
    });

    const task = async () => (await ctx.orm.em.fork().execute<Array<{ id: string; escalation_level: string | null }>>(`select id, escalation_level from task where title = '修建公路<script>'`))[0];

    it('黄 the day after the deadline: a notice to the lead department only', async () => {
      await sweepAndDeliver('2026-11-20');
      expect((await task()).escalation_level).toBeNull();
      await sweepAndDeliver('2026-11-21');
      expect((await task()).escalation_level).toBe('yellow');
      const notice = mailsTo('jiaotong@example.cn').find((m) => m.subject.startsWith('【督办预警】'))!;
      expect(notice.subject).toBe('【督办预警】省交通厅：1项任务逾期（黄）');
      expect(notice.html).toContain('修建公路&lt;script&gt;');
      expect(notice.html).not.toContain('<script>');
      expect(mailsTo('office@example.cn')).toHaveLength(0);
      expect(mailsTo('gongan@example.cn').filter((m) => m.subject.startsWith('【督办预警】'))).toHaveLength(0);
    });

    it('橙 after 7 working days: the coordinator office is told', async () => {
      const orangeDay = firstDayWith('2026-11-20', 7);
      expect(orangeDay).toBe('2026-12-01');
      await sweepAndDeliver(addDays(orangeDay, -1));
      expect((await task()).escalation_level).toBe('yellow');
      await sweepAndDeliver(orangeDay);
      expect((await task()).escalation_level).toBe('orange');
      const office = mailsTo('office@example.cn');
      expect(office).toHaveLength(1);
      expect(office[0].subject).toBe('【督办预警】联席会议办公室：1项任务逾期（橙）');
      expect(office[0].text).toContain('逾期7个工作日；牵头：省交通厅');
    });

    it('红 after 30 working days', async () => {
      const redDay = firstDayWith('2026-11-20', 30);
      await sweepAndDeliver(redDay);
      expect((await task()).escalation_level).toBe('red');
      expect(mailsTo('office@example.cn').at(-1)!.subject).toContain('（红）');
      const rows = await ctx.orm.em.fork().execute(
        `select e.level, to_char(e.deadline, 'YYYY-MM-DD') as deadline from task_escalation e join task t on t.id = e.task_id where t.jurisdiction_id = ? order by e.created_at`,
        [world.jurisdiction.id],
      );
      expect(rows).toEqual([
        { level: 'yellow', deadline: '2026-11-20' },
        { level: 'orange', deadline: '2026-11-20' },
        { level: 'red', deadline: '2026-11-20' },
      ]);
    });

    it('an approved extension moves the ladder: off now, climbing again from the new deadline', async () => {
      const t = await task();
      const redDay = firstDayWith('2026-11-20', 30);
      await world.update({ id: t.id } as never, { deadline: addDays(redDay, 10) });
      await sweepAndDeliver(addDays(redDay, 1));
      expect((await task()).escalation_level).toBeNull();
      const noticesBefore = mailsTo('jiaotong@example.cn').length;
      await sweepAndDeliver(addDays(redDay, 11));
      expect((await task()).escalation_level).toBe('yellow');
      expect(mailsTo('jiaotong@example.cn')).toHaveLength(noticesBefore + 1);
    });

    it('a notice held back (the department had had its notice that day) goes out the next day', async () => {
      const first = await world.task({ title: '当日逾期任务', deadline: '2027-03-01', lead: [lead] });
      await sweepAndDeliver('2027-03-02'); // the department's notice of the day
      const before = mailsTo('jiaotong@example.cn').length;
      const second = await world.task({ title: '补录的逾期任务', deadline: '2027-03-01', lead: [lead] }); // imported later that day
      await sweepAndDeliver('2027-03-02');
      expect((await world.reload(second)).escalationLevel).toBe('yellow');
      expect(mailsTo('jiaotong@example.cn')).toHaveLength(before);
      await sweepAndDeliver('2027-03-03');
      expect(mailsTo('jiaotong@example.cn')).toHaveLength(before + 1);
      expect(mailsTo('jiaotong@example.cn').at(-1)!.text).toContain('补录的逾期任务（预警省行动方案；截止2027-03-01，逾期2个工作日');
      await sweepAndDeliver('2027-03-04');
      expect(mailsTo('jiaotong@example.cn')).toHaveLength(before + 1);
      for (const t of [first, second]) await world.update(t, { status: 'completed' });
    });

    it('a completed task leaves the ladder', async () => {
      const t = await task();
      await world.update({ id: t.id } as never, { status: 'completed', completedAt: clock.now() });
      await sweep.run();
      expect((await task()).escalation_level).toBeNull();
    });
  });

  describe('two sweeps at once, on either side of midnight', () => {
    it('send one notice per (task, step, recipient) and one reminder per (task, stage, department), not one per day', async () => {
      const world = await WorkerWorld.create(ctx.orm.em, { name: '午夜省' });
      const dept = await world.department('省水利厅', ['shuili@example.cn']);
      await world.task({ title: '午夜逾期任务', deadline: '2026-12-14', lead: [dept] }); // 黄 from 12-15
      await world.task({ title: '午夜提醒任务', deadline: '2026-12-22', lead: [dept] }); // its 7-day stage from 12-15
      const ids = [world.jurisdiction.id];
      const rulesOf = () => DEFAULT_RULES;
      // both sweeps read before either writes: 23:59:59 on 12-15 and 00:00:01 on 12-16 in Shanghai
      clock.set('2026-12-15T15:59:59Z');
      const late = await sweep.collect('2026-12-15', ids, rulesOf, clock.now());
      clock.set('2026-12-15T16:00:01Z');
      const early = await sweep.collect('2026-12-16', ids, rulesOf, clock.now());
      for (const found of [late, early]) {
        expect(found.notices.mails.map((m) => m.key)).toEqual([expect.stringMatching(/^escalation:dept:/)]);
        expect(found.reminders.mails.map((m) => m.key)).toEqual([expect.stringMatching(/^reminder:dept:/)]);
      }
      // concurrently: the second waits on the lines the first holds, then writes nothing
      const written = await Promise.all([sweep.commit(late, '2026-12-15', clock.now()), sweep.commit(early, '2026-12-16', clock.now())]);
      expect(written.sort()).toEqual([0, 2]);
      const unsent = await ctx.orm.em.fork().execute<Array<{ id: string }>>(`select id from mail_outbox where status <> 'sent'`);
      for (const { id } of unsent) await delivery.deliver({ outboxId: id });
      const mails = mailsTo('shuili@example.cn');
      expect(mails.map((m) => m.subject).sort()).toEqual(['【督办提醒】省水利厅：1项任务即将到期', '【督办预警】省水利厅：1项任务逾期（黄）']);
      // nothing was lost either: the next sweeps owe nothing more for these stages
      await sweepAndDeliver('2026-12-16');
      await sweepAndDeliver('2026-12-17');
      expect(mailsTo('shuili@example.cn')).toHaveLength(2);
    });
  });

  describe('the outbox', () => {
    it('sends a row once: a second job, a live lease and a sent row are all skipped', async () => {
      const outbox = ctx.get(Outbox);
      const content = { subject: '一次', text: '正文', html: '<p>正文</p>' };
      const key = `test:once:${Date.now()}`;
      const [{ id }] = await outbox.write([{ key, kind: 'summary', recipients: ['once@example.cn'], content }]);
      expect(await outbox.write([{ key, kind: 'summary', recipients: ['x@example.cn'], content }])).toEqual([]);

      const claimed = await outbox.claim(id);
      expect(claimed).not.toBeNull();
      expect(await delivery.deliver({ outboxId: id })).toBe('skipped'); // leased by "another worker"
      clock.advance(10 * 60_000); // that worker died: its lease runs out
      expect(await delivery.deliver({ outboxId: id })).toBe('success');
      expect(await delivery.deliver({ outboxId: id })).toBe('skipped');
      const sent = mailsTo('once@example.cn');
      expect(sent).toHaveLength(1);
      expect(sent[0].messageId).toMatch(/^<[0-9a-f]{32}@localhost>$/);
    });

    it('the residual window: a crash after the relay accepted and before "sent" re-sends with the same Message-ID', async () => {
      const outbox = ctx.get(Outbox);
      const [{ id }] = await outbox.write([{ key: `test:window:${Date.now()}`, kind: 'summary', recipients: ['window@example.cn'], content: { subject: '窗口', text: 't', html: 'h' } }]);
      await delivery.deliver({ outboxId: id });
      // what a crash right after SMTP's 250 leaves behind: still claimed, lease running
      await ctx.orm.em.fork().execute(`update mail_outbox set status = 'sending', lease_until = ? where id = ?`, [clock.now(), id]);
      clock.advance(1000);
      expect(await delivery.deliver({ outboxId: id })).toBe('success');
      const [first, second] = mailsTo('window@example.cn');
      expect(second.messageId).toBe(first.messageId);
    });
  });
});
