/**
 * Tables flattened to text: cells separated by `|`, `｜` or tabs, a header row naming the columns
 * (`序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限`) and one row per task. Each row is rewritten as
 * a numbered item closing with a labelled clause, so the outline, clause and date grammars read it
 * like any other item:
 *   `1 | 推行… | 市政务服务局 | 市市场监管局 | 2024年12月底前`
 *   → `1.推行…（牵头单位：市政务服务局；配合单位：市市场监管局；完成时限：2024年12月底前）`
 * Lines between rows (`一、提升政务服务效能`) pass through unchanged. Linear in the input.
 */

/**
 * Marks the clause a row was given. Zero-width characters are removed from the document before
 * tables are read, so the mark never comes from the source; the task's text is the task cell as
 * in the document, without the clause built from the other cells.
 */
const ROW_CLAUSE_MARK = '\u200b';
const ROW_CLAUSE_RE = /\u200b（[^（）]*(?:（[^（）]*）[^（）]*)*）/g;

/** A task's text without the clause a table row was given. */
export function withoutRowClauses(text: string): string {
  return text.includes(ROW_CLAUSE_MARK) ? text.replace(ROW_CLAUSE_RE, '').trim() : text;
}

type Column = 'num' | 'task' | 'lead' | 'resp' | 'co' | 'deadline' | 'other';

/** The label each department or date column is rewritten to (the clause grammar's own labels). */
const LABEL: Partial<Record<Column, string>> = { lead: '牵头单位', resp: '责任单位', co: '配合单位', deadline: '完成时限' };

const CELL_SEP_RE = /[|｜\t]/;
/** Markdown separator rows (`|---|:---:|`). */
const RULE_ROW_RE = /^[|｜\s:：\-—]+$/;

function columnOf(header: string): Column {
  const h = header.replace(/\s+/g, '');
  if (/^(?:序号|编号|序)$/.test(h)) return 'num';
  // People and remarks are never departments or tasks.
  if (/领导|责任人|联系人|备注|说明|分值|指标值/.test(h)) return 'other';
  if (/牵头/.test(h)) return 'lead';
  if (/配合|协同|协办|参与|协助/.test(h)) return 'co';
  if (/(?:责任|实施|承办|落实)(?:单位|部门|处室)|^(?:单位|部门)$/.test(h)) return 'resp';
  if (/时限|时间|进度|节点|期限/.test(h)) return 'deadline';
  if (/任务|内容|措施|事项|工作|举措|项目|名称/.test(h)) return 'task';
  return 'other';
}

function cellsOf(line: string): string[] {
  return line.replace(/^[|｜]/, '').replace(/[|｜]$/, '').split(CELL_SEP_RE).map((c) => c.trim());
}

/** The columns of a header row, or null when the line is not one (a task and a department column). */
function headerColumns(line: string): Column[] | null {
  if (!CELL_SEP_RE.test(line)) return null;
  const cols = cellsOf(line).map(columnOf);
  if (cols.length < 3 || !cols.includes('task')) return null;
  return cols.some((c) => c === 'lead' || c === 'resp' || c === 'co') ? cols : null;
}

function rowItem(cells: string[], cols: Column[], counter: number): string {
  let num = '';
  let task = '';
  const clause: string[] = [];
  cols.forEach((col, i) => {
    const cell = (cells[i] ?? '').trim();
    if (!cell) return;
    if (col === 'num') num = cell;
    else if (col === 'task' && !task) task = cell;
    else if (LABEL[col]) clause.push(`${LABEL[col]}：${cell}`);
  });
  const n = /^[0-9０-９]{1,3}$/.test(num) ? num : String(counter);
  return `${n}.${task}${clause.length > 0 ? `${ROW_CLAUSE_MARK}（${clause.join('；')}）` : ''}`;
}

/** Lines with flattened table rows rewritten as items; other lines unchanged. */
export function unflattenTables(lines: readonly string[]): string[] {
  let cols: Column[] | null = null;
  let counter = 0;
  const out: string[] = [];
  for (const line of lines) {
    const header = headerColumns(line);
    if (header) {
      cols = header;
      counter = 0;
      continue;
    }
    if (cols && RULE_ROW_RE.test(line) && /[|｜]/.test(line)) continue;
    if (cols && CELL_SEP_RE.test(line)) {
      const cells = cellsOf(line);
      const taskAt = cols.indexOf('task');
      // A row fills the task cell and at least half the columns.
      if (cells.length * 2 >= cols.length && (cells[taskAt] ?? '').trim()) {
        out.push(rowItem(cells, cols, ++counter));
        continue;
      }
    }
    out.push(line);
  }
  return out;
}
