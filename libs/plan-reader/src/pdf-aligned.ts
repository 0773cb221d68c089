/**
 * Tables printed without ruling lines (a Word 分工表 with its borders off, a 三线表 with rules only
 * around the header): the columns are read from where the text stands. A header line (or a band
 * of up to four lines, for wrapped or vertically centred header cells) whose cells name a task
 * and a department column by the parser's own column families anchors the table; the column
 * boundaries are the x positions between header cells that the fewest lines of text cross
 * (the gutters); the table goes on while lines fit those columns. Rows: where no column's text
 * runs on across a vertical gap (cell padding), else at each new 序号, else where a task cell's
 * line stopped short of its column's right edge. A table that reaches the bottom of its page lends
 * its columns to the top of the next page, so a table without a repeated header goes on there.
 */
import { headerRoles } from '@duban/plan-parser';
import type { PageTable, Run } from './pdf-tables';
import { unspaceCjk } from './pdf-text';

/** What a table reaching the bottom of a page hands to the next page. */
export interface AlignedColumns {
  bounds: number[];
  left: number;
  right: number;
  numCol: number;
  taskCol: number;
}

interface Piece {
  x0: number;
  x1: number;
  text: string;
  /** merged from letter-spaced characters */
  spread?: boolean;
}

interface TLine {
  y: number;
  size: number;
  runs: Run[];
  /** runs that touch, as one interval */
  pieces: Piece[];
  /** runs apart by half an em or more (header cells) */
  cells: Piece[];
}

const MAX_HEADER_LINES = 4;
const MAX_HEADER_TRIES = 8;
/** A header label that is whole: a role word with its noun. */
const COMPLETE_LABEL = /(?:单位|部门|处室|机构|主体|任务|事项|举措|措施|内容|名称|项目|时限|时间|期限|节点|日期|序号|编号|领域|类别|备注|要求|目标)$/;

export function extractAlignedTables(runs: Run[], pageHeight: number, carried: AlignedColumns | null): { tables: PageTable[]; carry: AlignedColumns | null } {
  const lines = linesOf(runs);
  const tables: PageTable[] = [];
  const used = new Set<Run>();
  let carry: AlignedColumns | null = null;
  let i = 0;
  if (carried) {
    // furniture above the table (a running header) does not fit the columns; a page's table starts within its top third
    let start = 0;
    while (start < lines.length && !fits(lines[start], carried.bounds) && lines[start].y > pageHeight * 0.66) start++;
    // a row the page split may go on in its task column alone
    const inside = (l: TLine) => l.pieces.every((p) => p.x0 >= carried.left - l.size && p.x1 <= carried.right + l.size);
    // a header repeated at the top of the page is read as a header (below)
    if (start < lines.length && fits(lines[start], carried.bounds) && inside(lines[start]) && !headerAt(lines, start)) {
      const body = tableLines(lines, start, carried);
      const table = build(lines.slice(start, body.end), body.groups, carried, 0);
      if (table) {
        tables.push(table);
        for (const l of lines.slice(start, body.end)) for (const r of l.runs) used.add(r);
        if (reachesBottom(lines, body.end)) carry = carried;
        i = body.end;
      }
    }
  }
  // measuring gutters costs a pass over the page: a page of header-like lines tries only a few
  let tries = 0;
  for (; i < lines.length && tries < MAX_HEADER_TRIES; i++) {
    const header = headerAt(lines, i);
    if (!header) continue;
    tries++;
    const below = header.end;
    let cols = columnsOf(lines.slice(below), header);
    if (!cols) continue;
    let body = tableLines(lines, below, cols);
    // measured again over the table's own lines (prose after it crosses the gutters unevenly);
    // lines taken for group rows stay in: one may be a row whose cell a first-line indent pushed out
    const own = columnsOf(lines.slice(below, body.end), header);
    if (own && own.bounds.some((b, k) => Math.abs(b - cols!.bounds[k]) > 0.5)) {
      cols = own;
      body = tableLines(lines, below, cols);
    }
    const table = build(lines.slice(i, body.end), body.groups, cols, below - i);
    if (!table) continue;
    tables.push(table);
    for (const l of lines.slice(i, body.end)) for (const r of l.runs) used.add(r);
    carry = reachesBottom(lines, body.end) ? cols : null;
    i = body.end - 1;
  }
  if (used.size) runs.splice(0, runs.length, ...runs.filter((r) => !used.has(r)));
  return { tables, carry };
}

function linesOf(runs: Run[]): TLine[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: TLine[] = [];
  let group: Run[] = [];
  const flush = () => {
    if (!group.length) return;
    group.sort((a, b) => a.x - b.x);
    const size = Math.max(...group.map((r) => r.size));
    lines.push({ y: group[0].y, size, runs: group, pieces: join(group, size * 0.2), cells: letterSpaced(join(group, size * 0.5), size) });
    group = [];
  };
  for (const r of sorted) {
    if (group.length && Math.abs(group[0].y - r.y) > Math.max(group[0].size, r.size) * 0.4) flush();
    group.push(r);
  }
  flush();
  return lines;
}

function join(runs: Run[], gap: number): Piece[] {
  const out: Piece[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && r.x - last.x1 < gap) {
      last.text += r.s;
      last.x1 = Math.max(last.x1, r.x + r.w);
    } else out.push({ x0: r.x, x1: r.x + r.w, text: r.s });
  }
  return out;
}

/** A label spread over its cell one character at a time (`序　号`, `牵 头 单 位`) is one cell. */
function letterSpaced(cells: Piece[], size: number): Piece[] {
  const single = (c: Piece) => c.text.trim().length === 1;
  const out: Piece[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && single(c) && (single(last) || last.spread) && c.x0 - last.x1 < size * 2) {
      last.text = last.text.trim() + c.text.trim();
      last.x1 = c.x1;
      last.spread = true;
    } else out.push({ ...c });
  }
  return out;
}

interface Header {
  end: number;
  /** header cells' x ranges, left to right */
  spans: { x0: number; x1: number; text: string }[];
  roles: string[];
}

/** Header lines after the first hold short labels only: no digits, no sentence punctuation. */
const LABEL_LINE = (l: TLine) => l.cells.every((c) => c.text.trim().length <= 8 && !/[0-9０-９。，；、,;]/.test(c.text));

function headerAt(lines: TLine[], i: number): Header | null {
  if (!LABEL_LINE(lines[i])) return null;
  let best: Header | null = null;
  for (let k = 1; k <= MAX_HEADER_LINES && i + k <= lines.length; k++) {
    if (k > 1) {
      const prev = lines[i + k - 2];
      const next = lines[i + k - 1];
      if (!LABEL_LINE(next) || prev.y - next.y > Math.max(prev.size, next.size) * 2) break;
      // a wrapped header cell goes on under itself (`牵头` / `单位`); text under a complete label
      // (`牵头单位`, `重点任务`) is the first row, or a row the page split, below the header
      const band = columnSpans(lines.slice(i, i + k - 1));
      const complete = best !== null;
      const continues = next.cells.every((c) => {
        const over = band.find((s) => c.x0 < s.x1 && s.x0 < c.x1);
        return over ? !COMPLETE_LABEL.test(over.text) : !complete;
      });
      if (!continues) break;
    }
    const spans = columnSpans(lines.slice(i, i + k));
    const roles = headerRoles(spans.map((s) => s.text));
    if (roles && spans.length >= 2) best = { end: i + k, spans, roles };
    else if (best) break;
  }
  return best;
}

/** Cells of a header band that overlap horizontally are one column; their texts top to bottom. */
function columnSpans(band: TLine[]): { x0: number; x1: number; text: string }[] {
  const cells = band.flatMap((l, row) => l.cells.map((c) => ({ ...c, row })));
  cells.sort((a, b) => a.x0 - b.x0);
  const spans: { x0: number; x1: number; parts: typeof cells }[] = [];
  for (const c of cells) {
    const last = spans[spans.length - 1];
    if (last && c.x0 < last.x1) {
      last.x1 = Math.max(last.x1, c.x1);
      last.parts.push(c);
    } else spans.push({ x0: c.x0, x1: c.x1, parts: [c] });
  }
  return spans.map((s) => ({ x0: s.x0, x1: s.x1, text: s.parts.sort((a, b) => a.row - b.row || a.x0 - b.x0).map((p) => p.text.trim()).join('') }));
}

/**
 * Column boundaries: between two header cells, the x the fewest body lines cross (the middle of
 * the widest such stretch).
 */
function columnsOf(body: TLine[], header: Header): AlignedColumns | null {
  if (!body.length) return null;
  const bounds: number[] = [];
  for (let c = 0; c + 1 < header.spans.length; c++) {
    const lo = header.spans[c].x1;
    const hi = header.spans[c + 1].x0;
    // coverage changes only at piece ends: count crossings on each stretch between them
    const cuts = new Set<number>([lo, hi]);
    for (const l of body) for (const p of l.pieces) for (const x of [p.x0, p.x1]) if (x > lo && x < hi) cuts.add(x);
    const xs = [...cuts].sort((a, b) => a - b);
    let bestCount = Infinity;
    let best: [number, number] = [lo, hi];
    let run: [number, number] | null = null;
    for (let k = 0; k + 1 < xs.length; k++) {
      const mid = (xs[k] + xs[k + 1]) / 2;
      let count = 0;
      for (const l of body) if (l.pieces.some((p) => p.x0 < mid && p.x1 > mid)) count++;
      if (count < bestCount) {
        bestCount = count;
        run = [xs[k], xs[k + 1]];
        best = run;
      } else if (count === bestCount && run && run[1] === xs[k]) {
        run = [run[0], xs[k + 1]];
        if (run[1] - run[0] > best[1] - best[0]) best = run;
      } else run = null;
    }
    // a gutter most body lines cross is no gutter
    if (bestCount > body.length / 2) return null;
    bounds.push((best[0] + best[1]) / 2);
  }
  const roles = header.roles;
  return {
    bounds,
    left: Math.min(header.spans[0].x0, ...body.flatMap((l) => (fits(l, bounds) ? l.pieces.map((p) => p.x0) : []))),
    right: Math.max(header.spans[header.spans.length - 1].x1, ...body.flatMap((l) => (fits(l, bounds) ? l.pieces.map((p) => p.x1) : []))),
    numCol: roles.indexOf('num'),
    taskCol: roles.indexOf('task') >= 0 ? roles.indexOf('task') : roles.indexOf('content'),
  };
}

const EPS = 0.5;

function fits(l: TLine, bounds: number[]): boolean {
  return l.pieces.every((p) => !bounds.some((b) => p.x0 < b - EPS && p.x1 > b + EPS));
}

function columnOf(p: Piece, bounds: number[]): number {
  const mid = (p.x0 + p.x1) / 2;
  let c = 0;
  while (c < bounds.length && mid > bounds[c]) c++;
  return c;
}

/**
 * The table's body from line `from`: lines that fit the columns, and lines across them (group
 * rows) when a line fitting two or more columns follows. A gap of three lines ends it.
 */
function tableLines(lines: TLine[], from: number, cols: AlignedColumns): { end: number; groups: Set<TLine> } {
  const groups = new Set<TLine>();
  let end = from;
  const pitch = linePitch(lines.slice(from), cols);
  for (let k = from; k < lines.length; k++) {
    const l = lines[k];
    const prev = lines[k - 1];
    // rows are a line pitch and their cell padding apart; a paragraph after the table is further
    if (k > from && prev.y - l.y > (pitch ?? Math.max(prev.size, l.size) * 1.5) + l.size * 0.6) break;
    const outside = l.pieces.some((p) => p.x1 < cols.left - l.size || p.x0 > cols.right + l.size);
    if (outside) break;
    if (fits(l, cols.bounds)) {
      end = k + 1;
      continue;
    }
    // a group row: the lines just below it fit the columns and fill two or more of them
    const below: TLine[] = [];
    for (let j = k + 1; j < lines.length && below.length < 4 && lines[j - 1].y - lines[j].y <= Math.max(lines[j - 1].size, lines[j].size) * 2.5; j++) below.push(lines[j]);
    const fitting = below.slice(0, Math.max(0, below.findIndex((n) => !fits(n, cols.bounds))) || below.length);
    // …or, the page's last line, numbered like a group (its rows are on the next page)
    const text = l.pieces.map((p) => p.text).join('').trim();
    const lastOnPage = below.length === 0 && text.length <= 40 && GROUP_LINE.test(text);
    if (lastOnPage || (fitting.length && new Set(fitting.flatMap((n) => n.pieces.map((p) => columnOf(p, cols.bounds)))).size >= 2)) {
      groups.add(l);
      end = k + 1;
      continue;
    }
    break;
  }
  return { end, groups };
}

const GROUP_LINE = /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+(?:部分|章|篇))|[（(]\s*共\s*\d+\s*[项条个]\s*[）)]$/;

/** The distance between two lines of one cell: the smallest between consecutive lines of the task column. */
function linePitch(lines: TLine[], cols: AlignedColumns): number | null {
  let pitch: number | null = null;
  const col = cols.taskCol >= 0 ? cols.taskCol : 0;
  const has = (l: TLine) => fits(l, cols.bounds) && l.pieces.some((p) => columnOf(p, cols.bounds) === col);
  for (let k = 1; k < lines.length; k++) {
    const gap = lines[k - 1].y - lines[k].y;
    if (has(lines[k - 1]) && has(lines[k]) && gap >= lines[k].size * 0.9 && (pitch === null || gap < pitch)) pitch = gap;
  }
  return pitch;
}

/** Lines after the table are only far below it (page furniture) or absent. */
function reachesBottom(lines: TLine[], end: number): boolean {
  if (end >= lines.length) return true;
  const last = lines[end - 1];
  return lines.slice(end).every((l) => last.y - l.y > last.size * 3 && l.pieces.reduce((n, p) => n + p.text.trim().length, 0) <= 20);
}

const NUMBER = /^(?:\d{1,3}|[一二三四五六七八九十]+|[（(]\d{1,3}[）)]|\d{1,3}[.．、])$/;

/**
 * Lines → grid rows. `groups` are lines across columns (their text fills the columns they cross);
 * the first `headerLines` lines are the header band.
 */
function build(lines: TLine[], groups: Set<TLine>, cols: AlignedColumns, headerLines: number): PageTable | null {
  const n = cols.bounds.length + 1;
  const rows: string[][] = [];
  const colRight = Array.from({ length: n }, () => -Infinity);
  for (const l of lines) if (!groups.has(l)) for (const p of l.pieces) colRight[columnOf(p, cols.bounds)] = Math.max(colRight[columnOf(p, cols.bounds)], p.x1);
  if (headerLines > 0) rows.push(cellsOf(lines.slice(0, headerLines), cols, colRight, n, false));
  let block: TLine[] = [];
  const flushBlock = () => {
    for (const row of splitRows(block, cols, colRight)) rows.push(cellsOf(row, cols, colRight, n, true));
    block = [];
  };
  for (const l of lines.slice(headerLines)) {
    if (!groups.has(l)) {
      block.push(l);
      continue;
    }
    flushBlock();
    const text = unspaceCjk(l.pieces.map((p) => p.text).join('').replace(/\s+/g, ' ').trim());
    const at = (x: number) => columnOf({ x0: x, x1: x, text: '' }, cols.bounds);
    const first = at(l.pieces[0].x0 + l.size / 2);
    const last = at(l.pieces[l.pieces.length - 1].x1 - l.size / 2);
    // a text crossing columns was merged across them: at least two, as a merged group row is
    const span = Math.max(last - first + 1, 2);
    rows.push(Array.from({ length: n }, (_, c) => (c >= Math.min(first, n - span) && c < Math.min(first, n - span) + span ? text : '')));
  }
  flushBlock();
  if (rows.length <= (headerLines > 0 ? 1 : 0)) return null;
  const top = lines[0].y + lines[0].size;
  const bottom = lines[lines.length - 1].y - lines[lines.length - 1].size * 0.3;
  return { top, bottom, left: cols.left, right: cols.right, rows };
}

/**
 * A run of body lines → rows. A row ends where no column's text goes on across the gap below
 * (cells padded apart); a block holding two 序号 numbers is split at each number; without a 序号
 * column, a task line after one that stopped short of the column's edge starts a row.
 */
function splitRows(lines: TLine[], cols: AlignedColumns, colRight: number[]): TLine[][] {
  if (!lines.length) return [];
  const colOf = (l: TLine) => new Set(l.pieces.map((p) => columnOf(p, cols.bounds)));
  // per column: the smallest gap between its consecutive lines is its line pitch
  const perCol = new Map<number, number[]>();
  lines.forEach((l, k) => {
    for (const c of colOf(l)) {
      if (!perCol.has(c)) perCol.set(c, []);
      perCol.get(c)!.push(k);
    }
  });
  /** blockedUntil[k]: the gap between lines k and k+1 is inside some column's cell */
  const inside = new Array<boolean>(lines.length).fill(false);
  for (const ks of perCol.values()) {
    let pitch = Infinity;
    for (let j = 1; j < ks.length; j++) pitch = Math.min(pitch, lines[ks[j - 1]].y - lines[ks[j]].y);
    for (let j = 1; j < ks.length; j++) {
      const gap = lines[ks[j - 1]].y - lines[ks[j]].y;
      // two lines of one cell are a line pitch apart (under two ems); a column of one-line cells says nothing
      if (gap <= pitch * 1.12 && gap < lines[ks[j]].size * 1.9) for (let k = ks[j - 1]; k < ks[j]; k++) inside[k] = true;
    }
  }
  const rows: TLine[][] = [];
  let cur: TLine[] = [];
  lines.forEach((l, k) => {
    if (k > 0 && !inside[k - 1]) {
      rows.push(cur);
      cur = [];
    }
    cur.push(l);
  });
  rows.push(cur);
  const numberAt = (l: TLine) => cols.numCol >= 0 && l.pieces.some((p) => columnOf(p, cols.bounds) === cols.numCol && NUMBER.test(p.text.trim()));
  const out: TLine[][] = [];
  for (const row of rows) {
    const numbered = row.filter(numberAt).length;
    if (numbered >= 2) out.push(...cutBefore(row, (l, k) => k > 0 && numberAt(l)));
    else if (numbered === 0 && cols.numCol < 0 && cols.taskCol >= 0 && row.length > 1) {
      const task = (l: TLine) => l.pieces.filter((p) => columnOf(p, cols.bounds) === cols.taskCol);
      let prevShort = false;
      out.push(
        ...cutBefore(row, (l) => {
          const t = task(l);
          const starts = t.length > 0 && prevShort;
          if (t.length) prevShort = Math.max(...t.map((p) => p.x1)) < colRight[cols.taskCol] - l.size * 1.6;
          return starts;
        }),
      );
    } else out.push(row);
  }
  return out;
}

function cutBefore(row: TLine[], starts: (l: TLine, k: number) => boolean): TLine[][] {
  const out: TLine[][] = [];
  let cur: TLine[] = [];
  row.forEach((l, k) => {
    if (starts(l, k) && cur.length) {
      out.push(cur);
      cur = [];
    }
    cur.push(l);
  });
  if (cur.length) out.push(cur);
  return out;
}

/** One row's cells: a cell's line reaching its column's right edge runs on, else `\n`. */
function cellsOf(lines: TLine[], cols: AlignedColumns, colRight: number[], n: number, breaks: boolean): string[] {
  const cells: { text: string; end: number; size: number }[][] = Array.from({ length: n }, () => []);
  for (const l of lines) {
    const byCol = new Map<number, Piece[]>();
    for (const p of l.pieces) {
      const c = columnOf(p, cols.bounds);
      if (!byCol.has(c)) byCol.set(c, []);
      byCol.get(c)!.push(p);
    }
    for (const [c, ps] of byCol) cells[c].push({ text: ps.map((p) => p.text).join(' '), end: Math.max(...ps.map((p) => p.x1)), size: l.size });
  }
  return cells.map((parts, c) => {
    let text = '';
    parts.forEach((p, k) => {
      const t = unspaceCjk(p.text.replace(/[ \t\r\n\f\v\u00a0]+/g, ' ').trim());
      if (!t) return;
      if (k > 0 && text) text += !breaks || parts[k - 1].end >= colRight[c] - p.size * 1.6 ? '' : '\n';
      text += t;
    });
    return text;
  });
}
