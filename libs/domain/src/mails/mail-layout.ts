import type { LocalDate } from '../calendar/working-days';
import { TASK_STATUS_LABELS } from '../tasks/task-status';
import { escapeHtml as h } from './escape';

/*
 * What the reminder, escalation and summary mails share: the parts, the page, tables and lists cut
 * at MAX_ROWS. Only MailContent, TaskLine and MAX_ROWS leave @duban/domain.
 */

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

export const statusLabel = (status: string): string => (TASK_STATUS_LABELS as Record<string, string>)[status] ?? status;

export const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${h(title)}</title>` +
  // one style block, not a style per cell: a national report day writes tens of thousands of these
  `<style>table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px}th{background:#f4f4f4}</style></head>` +
  `<body style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#222">${body}` +
  `<p style="color:#888;font-size:12px">本邮件由督办系统自动发送，请勿直接回复。</p></body></html>`;

/** A cell already written as HTML (a link); every other cell is escaped. */
export type Cell = string | number | { html: string };
const cell = (c: Cell) => (typeof c === 'object' ? c.html : h(c));

export function table(headers: string[], rows: Cell[][], total = rows.length): string {
  if (!rows.length) return '<p>无</p>';
  const head = headers.map((c) => `<th>${h(c)}</th>`).join('');
  const body = rows
    .slice(0, MAX_ROWS)
    .map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`)
    .join('');
  const more = total > MAX_ROWS ? `<p>另有 ${total - MAX_ROWS} 项未列出。</p>` : '';
  return `<table><tr>${head}</tr>${body}</table>${more}`;
}

export function lines(rows: string[], total = rows.length): string {
  if (!rows.length) return '  无';
  const shown = rows.slice(0, MAX_ROWS).map((r) => `  - ${r}`);
  if (total > MAX_ROWS) shown.push(`  另有 ${total - MAX_ROWS} 项未列出。`);
  return shown.join('\n');
}

export const joinNames = (names: string[]) => (names.length ? names.join('、') : '—');
