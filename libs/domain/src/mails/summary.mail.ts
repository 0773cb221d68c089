import type { LocalDate } from '../calendar/working-days';
import { escapeHtml as h, oneLine } from './escape';
import { type Cell, joinNames, lines, type MailContent, page, statusLabel, table, type TaskLine } from './mail-layout';

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
