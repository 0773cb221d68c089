import { daysBetween, type LocalDate } from '../calendar/working-days';
import { TASK_STATUS_LABELS } from '../tasks/task-status';
import { escapeHtml as h, oneLine } from './escape';

/** What every composed mail is: both parts, zh-CN, escaped. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface TaskLine {
  /** The task's id, for a link into the console. */
  id?: string;
  title: string;
  plan: string;
  deadline: LocalDate | null;
  lead: string[];
}

/** A long list is cut in the mail, with the rest counted: the web app has the full list. */
export const MAX_ROWS = 200;

const statusLabel = (status: string): string => (TASK_STATUS_LABELS as Record<string, string>)[status] ?? status;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${h(title)}</title>` +
  // one style block, not a style per cell: a national report day writes tens of thousands of these
  `<style>table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px}th{background:#f4f4f4}</style></head>` +
  `<body style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#222">${body}` +
  `<p style="color:#888;font-size:12px">本邮件由督办系统自动发送，请勿直接回复。</p></body></html>`;

/** A cell already written as HTML (a link); every other cell is escaped. */
type Cell = string | number | { html: string };
const cell = (c: Cell) => (typeof c === 'object' ? c.html : h(c));

function table(headers: string[], rows: Cell[][], total = rows.length): string {
  if (!rows.length) return '<p>无</p>';
  const head = headers.map((c) => `<th>${h(c)}</th>`).join('');
  const body = rows
    .slice(0, MAX_ROWS)
    .map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`)
    .join('');
  const more = total > MAX_ROWS ? `<p>另有 ${total - MAX_ROWS} 项未列出。</p>` : '';
  return `<table><tr>${head}</tr>${body}</table>${more}`;
}

function lines(rows: string[], total = rows.length): string {
  if (!rows.length) return '  无';
  const shown = rows.slice(0, MAX_ROWS).map((r) => `  - ${r}`);
  if (total > MAX_ROWS) shown.push(`  另有 ${total - MAX_ROWS} 项未列出。`);
  return shown.join('\n');
}

const joinNames = (names: string[]) => (names.length ? names.join('、') : '—');

// ---- reminders -------------------------------------------------------------------------------

export interface ReminderItem extends TaskLine {
  role: 'lead' | 'co';
}

export interface ReminderMailInput {
  jurisdiction: string;
  department: string;
  date: LocalDate;
  /** Tasks whose deadline is near. */
  due: ReminderItem[];
  /** Tasks with no progress report in this month's cycle. */
  reports: ReminderItem[];
  cycle: string | null;
}

const roleLabel = (role: 'lead' | 'co') => (role === 'lead' ? '牵头' : '配合');

export function reminderMail(m: ReminderMailInput): MailContent {
  const parts: string[] = [];
  if (m.due.length) parts.push(`${m.due.length}项任务即将到期`);
  if (m.reports.length) parts.push(`${m.reports.length}项任务本月尚未报送进展`);
  const subject = oneLine(`【督办提醒】${m.department}：${parts.join('，')}`);
  const dueRows = m.due.map((t) => [t.title, t.plan, t.deadline ?? '—', `${daysBetween(m.date, t.deadline ?? m.date)}天`, roleLabel(t.role)]);
  const reportRows = m.reports.map((t) => [t.title, t.plan, t.deadline ?? '—', roleLabel(t.role)]);
  const text = [
    `${m.department}：`,
    '',
    `截至${m.date}，贵单位有以下督办事项需要关注（${m.jurisdiction}）。`,
    ...(m.due.length ? ['', '一、即将到期的任务：', lines(dueRows.map((r) => `${r[0]}（${r[1]}；截止${r[2]}，剩余${r[3]}；${r[4]}）`))] : []),
    ...(m.reports.length
      ? ['', `${m.due.length ? '二' : '一'}、本月（${m.cycle}）尚未报送进展的任务：`, lines(reportRows.map((r) => `${r[0]}（${r[1]}；截止${r[2]}；${r[3]}）`))]
      : []),
    '',
    '请按时推进并在督办系统中报送进展。',
  ].join('\n');
  const html = page(
    subject,
    `<p>${h(m.department)}：</p><p>截至${h(m.date)}，贵单位有以下督办事项需要关注（${h(m.jurisdiction)}）。</p>` +
      (m.due.length ? `<h3>即将到期的任务</h3>${table(['任务', '所属方案', '截止日期', '剩余', '职责'], dueRows)}` : '') +
      (m.reports.length ? `<h3>本月（${h(m.cycle)}）尚未报送进展的任务</h3>${table(['任务', '所属方案', '截止日期', '职责'], reportRows)}` : '') +
      '<p>请按时推进并在督办系统中报送进展。</p>',
  );
  return { subject, text, html };
}

// ---- escalation notices ----------------------------------------------------------------------

export interface EscalationItem extends TaskLine {
  label: string;
  workingDaysOverdue: number;
}

export interface EscalationMailInput {
  jurisdiction: string;
  /** A department's name, or 联席会议办公室 for the coordinators. */
  recipient: string;
  date: LocalDate;
  items: EscalationItem[];
}

export function escalationMail(m: EscalationMailInput): MailContent {
  const labels = [...new Set(m.items.map((i) => i.label))].join('/');
  const subject = oneLine(`【督办预警】${m.recipient}：${m.items.length}项任务逾期（${labels}）`);
  const rows = m.items.map((t) => [`${t.label}牌`, t.title, t.plan, t.deadline ?? '—', `${t.workingDaysOverdue}个工作日`, joinNames(t.lead)]);
  const text = [
    `${m.recipient}：`,
    '',
    `截至${m.date}，以下任务已逾期并升级预警（${m.jurisdiction}）：`,
    lines(rows.map((r) => `[${r[0]}] ${r[1]}（${r[2]}；截止${r[3]}，逾期${r[4]}；牵头：${r[5]}）`)),
    '',
    '请尽快督促落实，已申请延期的请在系统中办理。',
  ].join('\n');
  const html = page(
    subject,
    `<p>${h(m.recipient)}：</p><p>截至${h(m.date)}，以下任务已逾期并升级预警（${h(m.jurisdiction)}）：</p>` +
      table(['预警', '任务', '所属方案', '截止日期', '逾期', '牵头单位'], rows) +
      '<p>请尽快督促落实，已申请延期的请在系统中办理。</p>',
  );
  return { subject, text, html };
}

// ---- the nightly joint-meeting summary ---------------------------------------------------------

export interface OverdueLine extends TaskLine {
  workingDaysOverdue: number;
}

export interface SummaryInput {
  meeting: string;
  jurisdiction: string;
  date: LocalDate;
  /** The previous summary's date: "newly overdue" counts from there. */
  since: LocalDate;
  totals: Array<{ status: string; count: number }>;
  newlyOverdue: OverdueLine[];
  escalations: Array<{ level: string; label: string; count: number }>;
  redCards: OverdueLine[];
  redCardTotal: number;
  departments: Array<{ name: string; lead: number; completed: number; overdue: number; lastReport: LocalDate | null }>;
  dueSoon: TaskLine[];
  dueSoonTotal: number;
  newlyOverdueTotal: number;
  /** Progress reports and completions since the previous summary. */
  activity: number;
}

/**
 * "Nothing to report": no task became overdue, none is escalated, none falls due within 30 days
 * and nobody reported or completed anything since the last summary. Repeating unchanged totals
 * every night would teach recipients to ignore the mail.
 */
export function summaryHasNews(s: SummaryInput): boolean {
  return s.newlyOverdueTotal > 0 || s.escalations.some((e) => e.count > 0) || s.dueSoonTotal > 0 || s.activity > 0;
}

/** What the nightly summary carries beyond its numbers: the chart and links into the console. */
export interface SummaryExtras {
  /** e.g. http://127.0.0.1:3000: each 红牌 item links to its task page. */
  consoleUrl?: string;
  /** The overdue chart as a PNG; `key` names the departments when the chart could only number them. */
  chart?: { pngBase64: string; key: string[] | null } | null;
}

export function summaryMail(s: SummaryInput, extras: SummaryExtras = {}): MailContent {
  const link = (t: TaskLine) => (extras.consoleUrl && t.id ? `${extras.consoleUrl}/tasks/${t.id}` : null);
  const total = s.totals.reduce((n, t) => n + t.count, 0);
  const subject = oneLine(`【督办日报】${s.meeting} ${s.date}：新增逾期${s.newlyOverdueTotal}项，红牌${s.redCardTotal}项`);
  const totalsLine = s.totals.map((t) => `${statusLabel(t.status)} ${t.count}`).join('，');
  const escLine = s.escalations.map((e) => `${e.label}牌 ${e.count}`).join('，');
  const overdueRow = (t: OverdueLine) => [t.title, t.plan, t.deadline ?? '—', `${t.workingDaysOverdue}个工作日`, joinNames(t.lead)];
  const dueRow = (t: TaskLine) => [t.title, t.plan, t.deadline ?? '—', joinNames(t.lead)];
  const deptRow = (d: SummaryInput['departments'][number]) => [d.name, d.lead, d.completed, d.overdue, d.lastReport ?? '从未报送'];

  const text = [
    `${s.meeting}（${s.jurisdiction}）督办日报 ${s.date}`,
    '',
    `一、任务总数 ${total} 项：${totalsLine || '无'}`,
    `二、预警：${escLine || '无'}`,
    `三、自${s.since}以来新增逾期 ${s.newlyOverdueTotal} 项：`,
    lines(s.newlyOverdue.map(overdueRow).map((r) => `${r[0]}（${r[1]}；截止${r[2]}，逾期${r[3]}；牵头：${r[4]}）`), s.newlyOverdueTotal),
    `四、红牌事项 ${s.redCardTotal} 项：`,
    lines(s.redCards.map((t) => [overdueRow(t), link(t)] as const).map(([r, url]) => `${r[0]}（${r[1]}；截止${r[2]}，逾期${r[3]}；牵头：${r[4]}）${url ? `\n    ${url}` : ''}`), s.redCardTotal),
    '五、各牵头单位情况（牵头任务 / 已完成 / 逾期 / 最近报送）：',
    lines(s.departments.map(deptRow).map((r) => `${r[0]}：${r[1]} / ${r[2]} / ${r[3]} / ${r[4]}`)),
    `六、未来30天内到期 ${s.dueSoonTotal} 项：`,
    lines(s.dueSoon.map(dueRow).map((r) => `${r[0]}（${r[1]}；截止${r[2]}；牵头：${r[3]}）`), s.dueSoonTotal),
  ].join('\n');

  const html = page(
    subject,
    `<h2>${h(s.meeting)}（${h(s.jurisdiction)}）督办日报 ${h(s.date)}</h2>` +
      chartHtml(extras.chart) +
      `<h3>一、任务总数 ${total} 项</h3>${table(['状态', '数量'], s.totals.map((t) => [statusLabel(t.status), t.count]))}` +
      `<h3>二、预警</h3>${table(['预警', '数量'], s.escalations.map((e) => [`${e.label}牌`, e.count]))}` +
      `<h3>三、自${h(s.since)}以来新增逾期 ${s.newlyOverdueTotal} 项</h3>${table(['任务', '所属方案', '截止日期', '逾期', '牵头单位'], s.newlyOverdue.map(overdueRow), s.newlyOverdueTotal)}` +
      `<h3>四、红牌事项 ${s.redCardTotal} 项</h3>${table(['任务', '所属方案', '截止日期', '逾期', '牵头单位', '办理'], s.redCards.map((t) => [...overdueRow(t), redLink(link(t))]), s.redCardTotal)}` +
      `<h3>五、各牵头单位情况</h3>${table(['单位', '牵头任务', '已完成', '逾期', '最近报送'], s.departments.map(deptRow))}` +
      `<h3>六、未来30天内到期 ${s.dueSoonTotal} 项</h3>${table(['任务', '所属方案', '截止日期', '牵头单位'], s.dueSoon.map(dueRow), s.dueSoonTotal)}`,
  );
  return { subject, text, html };
}

const redLink = (url: string | null): Cell => (url ? { html: `<a href="${h(url)}">在督办系统中查看</a>` } : '—');

function chartHtml(chart: SummaryExtras['chart']): string {
  if (!chart) return '';
  const key = chart.key?.length ? `<p style="color:#666;font-size:12px">${chart.key.map(h).join('；')}</p>` : '';
  return `<p><img src="data:image/png;base64,${chart.pngBase64}" alt="各牵头单位逾期任务（按预警等级）" width="720" style="max-width:100%"></p>${key}`;
}
