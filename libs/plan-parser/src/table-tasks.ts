/**
 * Tasks of a 分工表 (see table.ts for how the table is read): one task per row, lead and co from the
 * department columns read by the clause grammar, the deadline from the time column.
 */
import { looksLikeOrg, parseClauseContent, type ClauseState } from './clauses';
import { type DateContext, latestDate } from './dates';
import { SAFEGUARD_RE } from './structure';
import { groupTitle, type PlanTable } from './table';
import { asciiDigits, stripTrailingPunct } from './text';
import { detectMarker } from './tokenizer';
import type { ParsedTask } from './types';

export interface TableContext extends DateContext {
  planDeadline: string | null;
  clauseState: ClauseState;
  /** Section for rows before any group row (the heading or caption above the table). */
  defaultSection: string;
}

/** A role label inside a cell (`牵头单位：`, `配合：`). */
const CELL_LABEL_RE = /^[\u4e00-\u9fff]{0,8}?(?:单位|部门|处室|牵头|配合|责任|参与)\s?[:：]/m;

/** Words a cell line may start with that continue the name on the line before (`各县（市、区）` / `人民政府`). */
const NAME_TAIL_RE = /^(?:[（(]|人民政府|政府|党委|管委会|办公室|办公厅|委员会|领导小组|工作专班)/;

/**
 * A department cell's names separated by `、`: a line break separates two names, unless it falls
 * inside one (the line before does not end like a body, or the next line only completes it).
 */
export function cellNames(cell: string): string {
  // Spaces between two names in a cell separate them like line breaks (`市发改委 市财政局`); a
  // space inside a name (`省 发展改革委`) does not: the same test decides.
  const lines = cell
    .split('\n')
    .flatMap((l) => l.trim().split(/[ \u3000\u00a0]+/))
    .filter((l) => l !== '');
  let out = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    const last = out.slice(Math.max(out.lastIndexOf('、'), out.lastIndexOf('，'), out.lastIndexOf(','), out.lastIndexOf('；')) + 1);
    if (/[、，,；;]$/.test(out) || NAME_TAIL_RE.test(line) || last.length < 3 || line.length < 2 || !looksLikeOrg(last)) out += line;
    else out += `、${line}`;
  }
  return out;
}

/**
 * A time cell written with numbers only (`2024.12`, `2024-12-31`, `2024/6`) in the words the date
 * grammar reads (`2024年12月`, `2024年12月31日`).
 */
export function timeCellWords(cell: string): string {
  return cell
    .replace(/(?<!\d)(\d{4})\s?[.\-/．]\s?(\d{1,2})\s?[.\-/．]\s?(\d{1,2})(?!\d)/g, '$1年$2月$3日')
    .replace(/(?<!\d)(\d{4})\s?[.\-/．]\s?(\d{1,2})(?![\d年])/g, '$1年$2月');
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
      // A cell may label its names itself (`牵头单位：A；配合单位：B` in a 责任单位 column): its own labels win.
      const labelled = (label: string, cell: string) => `${label}：${CELL_LABEL_RE.test(cell) ? '；' : ''}${cellNames(cell)}`;
      if (item.lead) parts.push(labelled('牵头单位', item.lead));
      if (item.resp) parts.push(labelled('责任单位', item.resp));
      if (item.co) parts.push(labelled('配合单位', item.co));
      const notes: string[] = [];
      const assignment = parts.length > 0 ? parseClauseContent(parts.join('；'), ctx.clauseState, notes) : null;
      const unread = [...item.unread, ...notes];
      if (parts.length > 0 && !assignment) unread.push(parts.join('；'));
      const deadline =
        (item.time ? latestDate(`完成时限：${timeCellWords(asciiDigits(item.time))}`, ctx) : null) ??
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
