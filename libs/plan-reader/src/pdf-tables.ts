/**
 * Ruled tables in a PDF page: the stroked or filled line segments of the page (pdfjs operator
 * list, with the transformation matrix tracked) give column and row boundaries; a boundary
 * missing inside the grid is a merged cell. Text runs inside a table's frame become its cells,
 * so a 分工表 reads as a table, not as lines mixing its columns.
 */
import { gridFromCells, type GridCell } from './grid';
import { unspaceCjk } from './pdf-text';

export interface Run {
  x: number;
  y: number;
  w: number;
  size: number;
  s: string;
}

export interface PageTable {
  top: number;
  bottom: number;
  left: number;
  right: number;
  rows: string[][];
}

interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

type Matrix = [number, number, number, number, number, number];

const PAINT = new Set([20, 21, 22, 23, 24, 25, 26, 27]); // stroke … closeEOFillStroke (pdfjs OPS)

/** Horizontal and vertical segments painted on the page. */
export function ruledSegments(fnArray: number[], argsArray: unknown[][], ops: { save: number; restore: number; transform: number; constructPath: number }): { h: Segment[]; v: Segment[] } {
  const h: Segment[] = [];
  const v: Segment[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === ops.transform) ctm = multiply(argsArray[i] as unknown as Matrix, ctm);
    else if (fn === ops.constructPath) {
      const [paint, paths] = argsArray[i] as [number, ArrayLike<number>[] | null];
      if (!PAINT.has(paint) || !paths) continue;
      for (const data of paths) if (data) collect(data, ctm, h, v);
    }
  }
  return { h, v };
}

function collect(d: ArrayLike<number>, m: Matrix, h: Segment[], v: Segment[]): void {
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const add = (x1: number, y1: number, x2: number, y2: number) => {
    const [ax, ay] = apply(m, x1, y1);
    const [bx, by] = apply(m, x2, y2);
    if (Math.abs(ay - by) < 1 && Math.abs(ax - bx) > 8) h.push({ x1: Math.min(ax, bx), x2: Math.max(ax, bx), y1: ay, y2: ay });
    else if (Math.abs(ax - bx) < 1 && Math.abs(ay - by) > 5) v.push({ x1: ax, x2: ax, y1: Math.min(ay, by), y2: Math.max(ay, by) });
  };
  for (let i = 0; i < d.length; ) {
    const op = d[i++];
    if (op === 0) {
      cx = sx = d[i++];
      cy = sy = d[i++];
    } else if (op === 1) {
      add(cx, cy, d[i], d[i + 1]);
      cx = d[i++];
      cy = d[i++];
    } else if (op === 2) {
      cx = d[i + 4];
      cy = d[i + 5];
      i += 6;
    } else if (op === 3) {
      cx = d[i + 2];
      cy = d[i + 3];
      i += 4;
    } else if (op === 4) {
      add(cx, cy, sx, sy);
      cx = sx;
      cy = sy;
    } else break;
  }
}

function multiply(a: Matrix, b: Matrix): Matrix {
  return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Values within `tol` of each other as one (their mean), ascending. */
function cluster(values: number[], tol = 2): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, x) => s + x, 0) / g.length);
}

/**
 * The page's ruled tables (at least two columns and one row), and the runs they hold removed
 * from `runs` (mutated: what is left is the page's running text).
 */
export function extractTables(runs: Run[], segments: { h: Segment[]; v: Segment[] }): PageTable[] {
  const tables: PageTable[] = [];
  // vertical rules that overlap in height belong to one table
  const verticals = [...segments.v].sort((a, b) => b.y2 - a.y2);
  const groups: Segment[][] = [];
  for (const s of verticals) {
    const g = groups.find((grp) => grp.some((o) => s.y1 < o.y2 - 1 && o.y1 < s.y2 - 1));
    if (g) g.push(s);
    else groups.push([s]);
  }
  for (const group of groups) {
    const xs = cluster(group.map((s) => s.x1));
    if (xs.length < 3) continue;
    const left = xs[0];
    const right = xs[xs.length - 1];
    const top = Math.max(...group.map((s) => s.y2));
    const bottom = Math.min(...group.map((s) => s.y1));
    const inFrame = segments.h.filter((s) => s.y1 >= bottom - 2 && s.y1 <= top + 2 && s.x1 < right - 2 && s.x2 > left + 2);
    const ys = cluster([top, bottom, ...inFrame.map((s) => s.y1)]).reverse(); // top to bottom
    if (ys.length < 2) continue;
    const hasV = (x: number, yMid: number) => group.some((s) => Math.abs(s.x1 - x) <= 2 && s.y1 <= yMid && s.y2 >= yMid);
    const hasH = (y: number, xMid: number) => inFrame.some((s) => Math.abs(s.y1 - y) <= 2 && s.x1 <= xMid && s.x2 >= xMid);
    const rowsN = ys.length - 1;
    const colsN = xs.length - 1;
    // each grid position's owner: the top-left position of the merged cell covering it
    const owner: [number, number][][] = [];
    for (let r = 0; r < rowsN; r++) {
      owner.push([]);
      const yMid = (ys[r] + ys[r + 1]) / 2;
      for (let c = 0; c < colsN; c++) {
        const xMid = (xs[c] + xs[c + 1]) / 2;
        if (c > 0 && !hasV(xs[c], yMid)) owner[r].push(owner[r][c - 1]);
        else if (r > 0 && !hasH(ys[r], xMid)) owner[r].push(owner[r - 1][c]);
        else owner[r].push([r, c]);
      }
    }
    const cellRuns = new Map<string, Run[]>();
    const kept: Run[] = [];
    for (const run of runs) {
      const cx = run.x + run.w / 2;
      const cy = run.y + run.size * 0.35;
      if (cx < left || cx > right || cy > top || cy < bottom) {
        kept.push(run);
        continue;
      }
      const r = ys.findIndex((y, i) => i < rowsN && cy <= y && cy >= ys[i + 1]);
      const c = xs.findIndex((x, i) => i < colsN && cx >= x && cx <= xs[i + 1]);
      if (r < 0 || c < 0) continue;
      const [or, oc] = owner[r][c];
      const key = `${or},${oc}`;
      if (!cellRuns.has(key)) cellRuns.set(key, []);
      cellRuns.get(key)!.push(run);
    }
    runs.splice(0, runs.length, ...kept);
    const cells: GridCell[][] = [];
    for (let r = 0; r < rowsN; r++) {
      const row: GridCell[] = [];
      for (let c = 0; c < colsN; ) {
        const [or, oc] = owner[r][c];
        let span = 1;
        while (c + span < colsN && owner[r][c + span][0] === or && owner[r][c + span][1] === oc) span++;
        const cellRight = xs[oc + 1 + (span - 1)] ?? right;
        row.push({ text: or === r ? cellText(cellRuns.get(`${or},${oc}`) ?? [], cellRight) : '', colSpan: span, continuesAbove: or !== r });
        c += span;
      }
      cells.push(row);
    }
    const rows = gridFromCells(cells);
    if (rows.length) tables.push({ top, bottom, left, right, rows });
  }
  return tables;
}

/** A cell's lines: a line that reaches the cell's right edge runs on into the next. */
function cellText(runs: Run[], right: number): string {
  const lines: { end: number; size: number; text: string }[] = [];
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  let cur: { y: number; end: number; size: number; text: string } | null = null;
  for (const r of sorted) {
    if (cur && Math.abs(cur.y - r.y) <= r.size * 0.4) {
      cur.text += r.s;
      cur.end = Math.max(cur.end, r.x + r.w);
    } else {
      cur = { y: r.y, end: r.x + r.w, size: r.size, text: r.s };
      lines.push(cur);
    }
  }
  let text = '';
  lines.forEach((l, i) => {
    const t = unspaceCjk(l.text.replace(/[ \t\r\n\f\v\u00a0]+/g, ' ').trim());
    if (!t) return;
    if (i > 0 && text) text += lines[i - 1].end >= right - 6 - l.size * 1.6 ? '' : '\n';
    text += t;
  });
  return text;
}

