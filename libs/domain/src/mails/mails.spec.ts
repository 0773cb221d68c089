import { escalationMail, reminderMail } from './notice.mails';
import { type SummaryInput, summaryHasNews, summaryMail } from './summary.mail';
import { escapeHtml, oneLine } from './escape';

const evil = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

const summary = (over: Partial<SummaryInput> = {}): SummaryInput => ({
  meeting: '青海省推进联席会议',
  jurisdiction: '青海省',
  date: '2026-11-24',
  since: '2026-11-23',
  totals: [
    { status: 'assigned', count: 3 },
    { status: 'completed', count: 1 },
  ],
  newlyOverdue: [{ title: evil, plan: '方案', deadline: '2026-11-23', lead: ['省发展改革委'], workingDaysOverdue: 1 }],
  newlyOverdueTotal: 1,
  escalations: [
    { level: 'yellow', label: '黄', count: 1 },
    { level: 'orange', label: '橙', count: 0 },
    { level: 'red', label: '红', count: 1 },
  ],
  redCards: [{ title: '建设数据中心', plan: '方案', deadline: '2026-09-01', lead: ['省工信厅'], workingDaysOverdue: 55 }],
  redCardTotal: 1,
  departments: [{ name: '省发展改革委', lead: 2, completed: 1, overdue: 1, lastReport: null }],
  dueSoon: [],
  dueSoonTotal: 0,
  activity: 0,
  ...over,
});

describe('mail content', () => {
  it('escapes every document or user string in HTML', () => {
    expect(escapeHtml(evil)).not.toMatch(/[<>"]/);
    const mail = summaryMail(summary({ meeting: `会议${evil}` }));
    expect(mail.html).not.toContain('<script');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('<script>'); // plain text shows it as written
  });

  it('keeps a subject on one line', () => {
    expect(oneLine('a\r\nBcc: x@y')).toBe('a Bcc: x@y');
    expect(reminderMail({ jurisdiction: 'J', department: '科技厅\nBcc: evil@x', date: '2026-11-24', due: [], reports: [], cycle: null }).subject).not.toMatch(/\n/);
  });

  it('builds the summary in zh-CN with totals, 红牌, departments and the due list', () => {
    const { subject, text, html } = summaryMail(summary());
    expect(subject).toBe('【督办日报】青海省推进联席会议 2026-11-24：新增逾期1项，红牌1项');
    expect(text).toContain('任务总数 4 项：已交办 3，已销号 1');
    expect(text).toContain('红牌事项 1 项');
    expect(text).toContain('建设数据中心（方案；截止2026-09-01，逾期55个工作日；牵头：省工信厅）');
    expect(text).toContain('省发展改革委：2 / 1 / 1 / 从未报送');
    expect(html).toContain('<html lang="zh-CN">');
  });

  it('carries the overdue chart and a console link for each 红牌 item, escaped, when given them', () => {
    const red = { id: 'c0ffee00-0000-4000-8000-000000000001', title: '建设数据中心', plan: '方案', deadline: '2026-09-01', lead: ['省工信厅'], workingDaysOverdue: 55 };
    const { text, html } = summaryMail(summary({ redCards: [red] }), { consoleUrl: 'https://duban.example.cn', chart: { pngBase64: 'iVBORw0KGgo=', key: ['#1 省工信厅<b>'] } });
    expect(text).toContain(`建设数据中心（方案；截止2026-09-01，逾期55个工作日；牵头：省工信厅）\n    https://duban.example.cn/tasks/${red.id}`);
    expect(html).toContain(`<a href="https://duban.example.cn/tasks/${red.id}">在督办系统中查看</a>`);
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="各牵头单位逾期任务（按预警等级）"');
    expect(html).toContain('#1 省工信厅&lt;b&gt;');
    // without extras the mail is what it always was: no picture, no links
    expect(summaryMail(summary({ redCards: [red] })).html).not.toMatch(/<img|<a /);
  });

  it('has nothing to report when nothing moved and nothing is near or escalated', () => {
    const quiet = summary({ newlyOverdue: [], newlyOverdueTotal: 0, redCards: [], redCardTotal: 0, escalations: [{ level: 'red', label: '红', count: 0 }] });
    expect(summaryHasNews(quiet)).toBe(false);
    expect(summaryHasNews({ ...quiet, activity: 1 })).toBe(true);
    expect(summaryHasNews({ ...quiet, dueSoonTotal: 2 })).toBe(true);
  });

  it('lists reminders and escalations per department', () => {
    const r = reminderMail({
      jurisdiction: '青海省',
      department: '省科技厅',
      date: '2026-11-24',
      due: [{ title: '任务甲', plan: '方案', deadline: '2026-12-01', lead: [], role: 'lead' }],
      reports: [{ title: '任务乙', plan: '方案', deadline: null, lead: [], role: 'co' }],
      cycle: '2026-11',
    });
    expect(r.subject).toBe('【督办提醒】省科技厅：1项任务即将到期，1项任务本月尚未报送进展');
    expect(r.text).toContain('任务甲（方案；截止2026-12-01，剩余7天；牵头）');
    expect(r.text).toContain('任务乙（方案；截止—；配合）');
    const e = escalationMail({ jurisdiction: '青海省', recipient: '联席会议办公室', date: '2026-11-24', items: [{ title: evil, plan: 'p', deadline: '2026-11-01', lead: ['A', 'B'], label: '橙', workingDaysOverdue: 7 }] });
    expect(e.subject).toBe('【督办预警】联席会议办公室：1项任务逾期（橙）');
    expect(e.html).not.toContain('<script');
    expect(e.text).toContain('牵头：A、B');
  });
});
