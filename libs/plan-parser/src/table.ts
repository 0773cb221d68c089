/**
 * Tables (分工表): one reader for every container. A table arrives as a grid of cells (a merged
 * cell's text repeated in every position it spans, `\n` inside a cell) from the format readers, or
 * as flattened text rows (`序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限`, `｜`, tabs, markdown),
 * which `liftTextTables` turns into the same grid first. `readPlanTable` then tells the header,
 * group rows (key areas) and task rows apart and names each column's role. Linear in the input.
 */
import type { Block, TableRow } from './document';
import { stripTrailingPunct } from './text';
import { detectMarker } from './tokenizer';

export type ColumnRole = 'num' | 'task' | 'content' | 'area' | 'lead' | 'resp' | 'co' | 'deadline' | 'other' | 'dept';

/** A column's role from its header cell. `dept` is a body column whose name says no role. */
export function columnRole(header: string): ColumnRole {
  const h = header.replace(/\s+/g, '').replace(/[（(][^）)]*[）)]$/, '');
  if (h === '') return 'other';
  if (/^(?:序号|编号|序|项次|No\.?)$/i.test(h)) return 'num';
  // People, remarks, scores and indicators are never departments or tasks (an appendix of
  // indicators with a 责任单位 column is no 分工表).
  if (/领导|责任人|负责人|联系人|备注|说明|分值|指标|目标值|权重|督办|联络员|^\d{4}年/.test(h)) return 'other';
  if (/(?:单位|部门|处室|科室|机构|主体)$/.test(h) || /^(?:牵头|配合|责任|协办|参与)$/.test(h)) {
    if (/牵头|主办|主责|主抓/.test(h)) return 'lead';
    if (/配合|参与|参加|协办|协助|协同|协作|支持/.test(h)) return 'co';
    if (/责任|负责|实施|落实|承办|主管|指导|执行|承担|主体/.test(h) || /^(?:单位|部门)$/.test(h)) return 'resp';
    return 'dept';
  }
  if (/时限|时间|进度|节点|期限|日期/.test(h)) return 'deadline';
  if (/领域|类别|方面|板块|分类|专项|篇章/.test(h) && !/任务|内容|措施/.test(h)) return 'area';
  if (/任务|举措|事项|要点|名称|项目|重点工作|工作$/.test(h)) return 'task';
  if (/内容|措施|要求|目标|标准|成果|路径|做法|计划/.test(h)) return 'content';
  return 'other';
}

const DEPT_ROLES: ReadonlySet<ColumnRole> = new Set(['lead', 'resp', 'co', 'dept']);

/** What a header row says each column holds, or null when the row is no 分工表 header. */
export function headerRoles(row: readonly string[]): ColumnRole[] | null {
  if (row.some((c) => c.replace(/\s+/g, '').length > 24)) return null;
  const roles = row.map(columnRole);
  const hasTask = roles.includes('task') || roles.includes('content');
  return hasTask && roles.some((r) => DEPT_ROLES.has(r) && r !== 'dept') ? roles : null;
}

/** A two-row header (`责任单位` merged over `牵头单位 | 配合单位`): the lower row names the roles. */
function refineRoles(upper: ColumnRole[], lower: readonly string[]): ColumnRole[] | null {
  if (lower.some((c) => c.replace(/\s+/g, '').length > 24)) return null;
  const roles = lower.map(columnRole);
  // The lower row names department roles of its own, cell by cell (not one merged group row).
  if (new Set(lower.map(norm)).size < 2 || !roles.some((r, i) => DEPT_ROLES.has(r) && r !== upper[i])) return null;
  return upper.map((u, i) => (roles[i] && roles[i] !== 'other' ? roles[i] : u));
}

/** A header repeated on a later page, perhaps worded slightly otherwise. */
function sameRoles(row: readonly string[], header: readonly ColumnRole[] | null): boolean {
  const roles = headerRoles(row);
  return roles !== null && header !== null && roles.length === header.length && roles.every((r, i) => r === header[i]);
}

export type PlanTableItem =
  | { kind: 'group'; title: string }
  | {
      kind: 'row';
      /** The key-area cell (重点领域 column), when the table has one. */
      area: string | null;
      task: string;
      content: string[];
      lead: string;
      resp: string;
      co: string;
      time: string;
      /** Body columns whose name says no role (`督办单位：…`), seen but not read. */
      unread: string[];
    };

export interface PlanTable {
  items: PlanTableItem[];
}

const norm = (s: string) => s.replace(/\s+/g, '');

/** `一、知识产权保护方面（共5项）` → `知识产权保护方面`. */
export function groupTitle(text: string): string {
  let t = text.replace(/\s*\n\s*/g, '').trim();
  const m = detectMarker(t);
  if (m && m.kind !== 'column') t = t.slice(m.length);
  t = t.replace(/[（(]\s*共\s*[0-9０-９一二三四五六七八九十]+\s*[项条个]\s*[）)]$/, '');
  return stripTrailingPunct(t);
}

const CN_NUMBER_RE = /^(?:[一二三四五六七八九十]+|第[一二三四五六七八九十]+(?:部分|章|篇)?)[、.．]?$/;
const GROUP_HEAD_RE = /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+(?:部分|章|篇))|[（(]\s*共\s*[0-9０-９一二三四五六七八九十]+\s*[项条个]\s*[）)]$/;

/**
 * The table's header, group rows and task rows, or null when the table is no 分工表 (no header
 * naming a task column and a department column). Rows before the header (a caption) are skipped;
 * a header repeated on a later page is skipped; an empty lead cell (a merged cell a page break
 * repeated empty) holds the lead of the row above.
 */
export function readPlanTable(rows: readonly TableRow[]): PlanTable | null {
  let at = rows.findIndex((r) => headerRoles(r) !== null);
  if (at < 0) return null;
  const headerOwnRoles = headerRoles(rows[at])!;
  let roles = headerOwnRoles;
  const headerKeys = new Set([rows[at].map(norm).join('|')]);
  if (at + 1 < rows.length) {
    const refined = refineRoles(roles, rows[at + 1]);
    if (refined) {
      roles = refined;
      headerKeys.add(rows[at + 1].map(norm).join('|'));
      at++;
    }
  }
  const taskCol = roles.indexOf('task') >= 0 ? roles.indexOf('task') : roles.indexOf('content');
  const col = (role: ColumnRole) => roles.flatMap((r, i) => (r === role && i !== taskCol ? [i] : []));
  const cols = { num: col('num'), content: col('task').concat(col('content')).sort((a, b) => a - b), area: col('area'), lead: col('lead'), resp: col('resp'), co: col('co'), time: col('deadline'), dept: col('dept') };
  const carried = cols.lead.length > 0 ? cols.lead : cols.resp;
  const items: PlanTableItem[] = [];
  let lastCarried = '';
  let lastArea = '';
  let lastTask = '';
  for (let r = at + 1; r < rows.length; r++) {
    const row = rows[r];
    const cell = (i: number) => (row[i] ?? '').trim();
    if (headerKeys.has(row.map(norm).join('|')) || sameRoles(row, headerOwnRoles)) continue;
    const texts = [...new Set(row.map((c) => c.trim()).filter((c) => c !== ''))];
    if (texts.length === 0) continue;
    const deptEmpty = [...cols.lead, ...cols.resp, ...cols.co, ...cols.time].every((i) => cell(i) === '' || texts.length === 1);
    const numText = cols.num.length > 0 ? cell(cols.num[0]) : '';
    const ownTask = cell(taskCol);
    // A lone text in the 序号, first or key-area column names a group; one in a content column
    // continues the task above (a merged task cell a page break repeated empty).
    const at0 = row.findIndex((c) => c.trim() !== '');
    const groupColumn = at0 === 0 || cols.num.includes(at0) || cols.area.includes(at0) || at0 === taskCol;
    if (texts.length === 1 && deptEmpty && (row.filter((c) => c.trim() === texts[0]).length >= 2 || GROUP_HEAD_RE.test(texts[0]) || (!ownTask && groupColumn))) {
      items.push({ kind: 'group', title: groupTitle(texts[0]) });
      lastCarried = lastTask = '';
      continue;
    }
    if (CN_NUMBER_RE.test(numText) && deptEmpty) {
      items.push({ kind: 'group', title: groupTitle(ownTask || numText) });
      lastCarried = lastTask = '';
      continue;
    }
    const task = ownTask || (cols.content.some((i) => cell(i) !== '') ? lastTask : '');
    if (!task) continue;
    lastTask = task;
    const join = (is: number[]) => is.map(cell).filter((c) => c !== '').join('\n');
    const values = { lead: join(cols.lead), resp: join(cols.resp), co: join(cols.co) };
    // A merged cell that a page break repeated empty holds for the rows it spans.
    const own = join(carried);
    if (carried.length > 0 && own === '' && lastCarried !== '') {
      if (carried === cols.lead) values.lead = lastCarried;
      else values.resp = lastCarried;
    } else if (own !== '') lastCarried = own;
    const areaCell = join(cols.area);
    if (areaCell) lastArea = areaCell;
    items.push({
      kind: 'row',
      area: cols.area.length > 0 ? lastArea || null : null,
      task,
      content: cols.content.map(cell).filter((c) => c !== '' && c !== task),
      ...values,
      time: join(cols.time),
      unread: cols.dept.filter((i) => cell(i) !== '').map((i) => `${norm(rows[at][i]) || '单位'}：${cell(i)}`),
    });
  }
  return items.some((i) => i.kind === 'row') ? { items } : null;
}

// ---------------------------------------------------------------------------------------------
// Flattened text tables

/** Markdown separator rows (`|---|:---:|`). */
const RULE_ROW_RE = /^[|｜\s:：\-—]+$/;

function hasCellSeparator(line: string): boolean {
  return line.includes('|') || line.includes('｜') || line.includes('\t');
}

/** Cells of a flattened row (linear: split on the separator, then trim each cell). */
export function cellsOf(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|') || s.startsWith('｜')) s = s.slice(1);
  if (s.endsWith('|') || s.endsWith('｜')) s = s.slice(0, -1);
  return s.split(/[|｜\t]/).map((c) => c.trim());
}

/** A line between flattened rows that names a group (`一、提升政务服务效能`). */
function isGroupLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 40 || hasCellSeparator(t)) return false;
  return GROUP_HEAD_RE.test(t) || !/[。；;，,：:]/.test(t);
}

/**
 * Paragraphs holding a flattened table (a header row naming a task and a department column, the
 * rows after it and the group lines between them) become one table block; other blocks pass
 * through. A group line becomes a row holding its text in every cell, as a merged row would.
 */
export function liftTextTables(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const header = b.kind === 'paragraph' && hasCellSeparator(b.text) ? cellsOf(b.text) : null;
    if (!header || header.length < 3 || !headerRoles(header)) {
      out.push(b);
      continue;
    }
    const rows: TableRow[] = [header];
    let j = i + 1;
    for (; j < blocks.length; j++) {
      const n = blocks[j];
      if (n.kind !== 'paragraph') break;
      const line = n.text.trim();
      if (line === '') continue;
      if (hasCellSeparator(line)) {
        if (RULE_ROW_RE.test(line)) continue;
        const cells = cellsOf(line);
        // A row fills at least half the columns.
        if (cells.length * 2 < header.length) break;
        rows.push(header.map((_, k) => cells[k] ?? ''));
        continue;
      }
      const next = blocks.slice(j + 1, j + 3).find((x) => x.kind === 'paragraph' && x.text.trim() !== '');
      if (!isGroupLine(line) || !next || next.kind !== 'paragraph' || !hasCellSeparator(next.text)) break;
      rows.push(header.map(() => line));
    }
    out.push({ kind: 'table', rows });
    i = j - 1;
  }
  return out;
}
