/**
 * Tasks of a 分工表 (see table.ts for how the table is read): one task per row, lead and co from the
 * department columns read by the clause grammar, the deadline from the time column.
 */
import { looksLikeOrg, parseClauseContent, type ClauseState } from './clauses';
import { type DateContext, latestDate } from './dates';
import { SAFEGUARD_RE } from './structure';
import { groupTitle, type PlanTable } from './table';
import { stripTrailingPunct } from './text';
import { detectMarker } from './tokenizer';
import type { ParsedTask } from './types';

export interface TableContext extends DateContext {
  planDeadline: string | null;
  clauseState: ClauseState;
  /** Section for rows before any group row (the heading or caption above the table). */
  defaultSection: string;
}

/** Words a cell line may start with that continue the name on the line before (`各县（市、区）` / `人民政府`). */
const NAME_TAIL_RE = /^(?:[（(]|人民政府|政府|党委|管委会|办公室|办公厅|委员会|领导小组|工作专班)/;

/**
 * A department cell's names separated by `、`: a line break separates two names, unless it falls
 * inside one (the line before does not end like a body, or the next line only completes it).
 */
export function cellNames(cell: string): string {
  const lines = cell.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  let out = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    const last = out.slice(Math.max(out.lastIndexOf('、'), out.lastIndexOf('，'), out.lastIndexOf(','), out.lastIndexOf('；')) + 1);
    if (/[、，,；;]$/.test(out) || NAME_TAIL_RE.test(line) || !looksLikeOrg(last)) out += line;
    else out += `、${line}`;
  }
  return out;
}

function withoutNumbering(cell: string): string {
  const m = detectMarker(cell);
  return m && m.kind !== 'column' && m.kind !== 'dash' && m.kind !== 'bullet' ? cell.slice(m.length).trim() : cell.trim();
}

export function tableTasks(tables: readonly PlanTable[], ctx: TableContext): ParsedTask[] {
  const tasks: ParsedTask[] = [];
  for (const table of tables) {
    let group: string | null = null;
    for (const item of table.items) {
      if (item.kind === 'group') {
        group = item.title;
        continue;
      }
      const section = (item.area ? groupTitle(item.area) : null) ?? group ?? ctx.defaultSection;
      const taskText = withoutNumbering(item.task);
      const text = [taskText, ...item.content].join('\n');
      const parts: string[] = [];
      if (item.lead) parts.push(`牵头单位：${cellNames(item.lead)}`);
      if (item.resp) parts.push(`责任单位：${cellNames(item.resp)}`);
      if (item.co) parts.push(`配合单位：${cellNames(item.co)}`);
      const notes: string[] = [];
      const assignment = parts.length > 0 ? parseClauseContent(parts.join('；'), ctx.clauseState, notes) : null;
      const unread = [...item.unread, ...notes];
      if (parts.length > 0 && !assignment) unread.push(parts.join('；'));
      const deadline =
        (item.time ? latestDate(`完成时限：${item.time}`, ctx) : null) ??
        latestDate(text, ctx) ??
        latestDate(section, ctx) ??
        ctx.planDeadline;
      const task: ParsedTask = {
        section,
        title: stripTrailingPunct(taskText.replace(/\s*\n\s*/g, '')) || stripTrailingPunct(text.slice(0, 60)),
        kind: SAFEGUARD_RE.test(section) ? 'safeguard' : 'task',
        text,
        lead: assignment ? [...assignment.lead] : [],
        co: assignment ? [...assignment.co] : [],
        deadline,
      };
      if (unread.length > 0) task.unread = unread;
      tasks.push(task);
    }
  }
  return tasks;
}
