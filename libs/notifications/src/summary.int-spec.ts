import { ManualClock } from '@duban/clock';
import { jobIds, JobQueues } from '@duban/jobs';
import { startWorkerContext, type WorkerTestEnv, workerTestEnv } from '../../../test/support/worker';
import { WorkerWorld } from '../../../test/support/worker-factories';
import { MailDelivery } from './mail-delivery';
import { SummaryJobs } from './summary.jobs';
import { Sweep } from './sweep';

describe('the nightly joint-meeting summary on a real PostgreSQL and SMTP listener', () => {
  let env: WorkerTestEnv;
  let ctx: Awaited<ReturnType<typeof startWorkerContext>>;
  let summaries: SummaryJobs;
  let busy: WorkerWorld;
  let quiet: WorkerWorld;
  // 2026-11-24 20:00 in Shanghai
  const clock = new ManualClock('2026-11-24T12:00:00Z');

  const deliverAll = async () => {
    const unsent = await ctx.orm.em.fork().execute<Array<{ id: string }>>(`select id from mail_outbox where status <> 'sent'`);
    for (const { id } of unsent) await ctx.get(MailDelivery).deliver({ outboxId: id });
  };
  const summaryMails = (to: string) => env.mailbox().filter((m) => m.to.includes(to) && m.subject.startsWith('【督办日报】'));

  beforeAll(async () => {
    env = await workerTestEnv();
    ctx = await startWorkerContext(env, clock);
    summaries = ctx.get(SummaryJobs);

    busy = await WorkerWorld.create(ctx.orm.em, { name: '汇总省', recipients: ['meeting@example.cn', 'leader@example.cn'] });
    const fgw = await busy.department('省发展改革委', ['fgw@example.cn']);
    const gxt = await busy.department('省工信厅<b>', ['gxt@example.cn']);
    await busy.task({ title: '昨日到期任务', deadline: '2026-11-23', lead: [fgw], co: [gxt] });
    await busy.task({ title: '建设数据中心', deadline: '2026-09-01', lead: [gxt] });
    const soon = await busy.task({ title: '完善标准体系', deadline: '2026-12-10', lead: [fgw] });
    await busy.task({ title: '<img src=x onerror=alert(1)>', deadline: '2026-12-20', lead: [gxt] });
    await busy.task({ title: '已销号任务', deadline: '2026-10-01', lead: [fgw], status: 'completed' });
    await busy.report(soon, fgw, new Date('2026-11-20T02:00:00Z'));

    quiet = await WorkerWorld.create(ctx.orm.em, { name: '平静省', recipients: ['quiet@example.cn'] });
    await quiet.task({ title: '远期任务', deadline: '2028-06-30', lead: [await quiet.department('省林草局', ['lc@example.cn'])] });

    await ctx.get(Sweep).run(); // puts 建设数据中心 on 红, 昨日到期任务 on 黄
  });
  afterAll(async () => {
    await ctx?.close();
    await env?.close();
  });

  it('sends an HTML and a plain-text zh-CN summary with totals, news, 红牌, departments and what falls due', async () => {
    expect(await summaries.send({ jointMeetingId: busy.meeting.id, localDate: '2026-11-24' })).toBe('success');
    await deliverAll();
    const [mail] = summaryMails('meeting@example.cn');
    expect(mail.to.sort()).toEqual(['leader@example.cn', 'meeting@example.cn']);
    expect(mail.subject).toBe('【督办日报】汇总省推进联席会议 2026-11-24：新增逾期1项，红牌1项');
    expect(mail.text).toContain('一、任务总数 5 项：已交办 4，已销号 1');
    expect(mail.text).toContain('二、预警：黄牌 1，橙牌 0，红牌 1');
    expect(mail.text).toContain('三、自2026-11-23以来新增逾期 1 项：\n  - 昨日到期任务（汇总省行动方案；截止2026-11-23，逾期1个工作日；牵头：省发展改革委）');
    expect(mail.text).toMatch(/四、红牌事项 1 项：\n {2}- 建设数据中心（汇总省行动方案；截止2026-09-01，逾期\d+个工作日；牵头：省工信厅<b>）/);
    expect(mail.text).toContain('省发展改革委：3 / 1 / 1 / 2026-11-20');
    expect(mail.text).toContain('省工信厅<b>：2 / 0 / 1 / 从未报送');
    expect(mail.text).toContain('六、未来30天内到期 2 项：');
    expect(mail.text).toContain('完善标准体系（汇总省行动方案；截止2026-12-10；牵头：省发展改革委）');
    expect(mail.html).toContain('<html lang="zh-CN">');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('省工信厅&lt;b&gt;');
    // the one picture is the chart, sent as an inline part the HTML points at
    const chart = /<img src="cid:([^"]+)" alt="各牵头单位逾期任务（按预警等级）"/.exec(mail.html);
    expect(chart).not.toBeNull();
    expect(mail.html.replace(chart![0], '')).not.toMatch(/<img|<b>/);
    expect(mail.attachments).toEqual([expect.objectContaining({ contentType: 'image/png', cid: chart![1] })]);
    expect(mail.attachments[0].content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // each 红牌 item links into the console
    const red = await ctx.orm.em.fork().execute<Array<{ id: string }>>(`select id from task where title = '建设数据中心'`);
    expect(mail.text).toContain(`\n    http://127.0.0.1:3000/tasks/${red[0].id}`);
    expect(mail.html).toContain(`<a href="http://127.0.0.1:3000/tasks/${red[0].id}">在督办系统中查看</a>`);
  });

  it('sends it once per night: a second job that night does nothing', async () => {
    expect(await summaries.send({ jointMeetingId: busy.meeting.id, localDate: '2026-11-24' })).toBe('skipped');
    await deliverAll();
    expect(summaryMails('meeting@example.cn')).toHaveLength(1);
  });

  it('sends nothing for a joint meeting with nothing to report, and records that the night was looked at', async () => {
    expect(await summaries.send({ jointMeetingId: quiet.meeting.id, localDate: '2026-11-24' })).toBe('skipped');
    await deliverAll();
    expect(summaryMails('quiet@example.cn')).toHaveLength(0);
    const [run] = await ctx.orm.em.fork().execute(`select outcome from summary_run where joint_meeting_id = ?`, [quiet.meeting.id]);
    expect(run.outcome).toBe('empty');
  });

  it('sends a summary asked for now even when quiet', async () => {
    expect(await summaries.send({ jointMeetingId: quiet.meeting.id, localDate: '2026-11-24', requestId: '2026-11-24T1530' })).toBe('success');
    expect(await summaries.send({ jointMeetingId: quiet.meeting.id, localDate: '2026-11-24', requestId: '2026-11-24T1530' })).toBe('skipped');
    await deliverAll();
    expect(summaryMails('quiet@example.cn')).toHaveLength(1);
  });

  it('counts "newly overdue" from the previous summary', async () => {
    clock.set('2026-11-25T12:00:00Z');
    await summaries.send({ jointMeetingId: busy.meeting.id, localDate: '2026-11-25' });
    await deliverAll();
    const mail = summaryMails('meeting@example.cn').at(-1)!;
    expect(mail.subject).toBe('【督办日报】汇总省推进联席会议 2026-11-25：新增逾期0项，红牌1项');
    expect(mail.text).toContain('三、自2026-11-24以来新增逾期 0 项');
  });

  it('fans out at each meeting\'s summary time, only to meetings without a run that night', async () => {
    await ctx.orm.em.fork().execute(`insert into notification_settings (jurisdiction_id, summary_time) values (?, '21:30')`, [quiet.jurisdiction.id]);
    const queue = ctx.get(JobQueues).queue('notifications');
    clock.set('2026-11-26T11:59:00Z'); // 19:59
    expect(await summaries.fanout()).toBe('skipped');
    clock.set('2026-11-26T12:00:00Z'); // 20:00
    expect(await summaries.fanout()).toBe('success');
    expect(await queue.getJob(jobIds.summary(busy.meeting.id, '2026-11-26'))).toBeDefined();
    expect(await queue.getJob(jobIds.summary(quiet.meeting.id, '2026-11-26'))).toBeUndefined();
    clock.set('2026-11-26T13:30:00Z'); // 21:30
    await summaries.fanout();
    expect(await queue.getJob(jobIds.summary(quiet.meeting.id, '2026-11-26'))).toBeDefined();
  });
});
