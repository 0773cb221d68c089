import { daysBetween, type LocalDate } from '../calendar/working-days';
import { escapeHtml as h, oneLine } from './escape';
import { joinNames, lines, type MailContent, page, table, type TaskLine } from './mail-layout';

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
