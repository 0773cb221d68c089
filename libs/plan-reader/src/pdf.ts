/**
 * PDF with a text layer → PlanDocument. pdfjs gives positioned text runs; this file rebuilds
 * what a reader sees:
 * - lines: runs on one baseline, left to right; pages top to bottom;
 * - furniture dropped: a line repeated at the same height on most pages (running header or
 *   footer), page numbers (`- 3 -`, `第3页`, `3/20`, a bare number at the top or bottom of a page);
 * - paragraphs: a line continues the previous one when the previous reached the right margin (or
 *   stopped short without ending a sentence: a line broken before `〔2015〕`) and this one is
 *   neither indented nor starts with numbering (`一、` `（二）` `3.` `第一章` `①`);
 *   the rule runs across page breaks too, so a sentence broken by a page stays one paragraph.
 * A PDF without any text is a scan; encrypted PDFs and PDFs over the page limit are refused.
 */
import type { Block, PlanDocument } from '@duban/plan-parser';
import { PlanReadError } from './errors';
import { READ_LIMITS } from './limits';
import { headerRoles } from '@duban/plan-parser';
import { extractAlignedTables, type AlignedColumns } from './pdf-aligned';
import { extractTables, ruledSegments, type PageTable, type Run } from './pdf-tables';
import { ideographs, unspaceCjk } from './pdf-text';

interface TableItem {
  page: number;
  y: number;
  rows: string[][];
}

interface Line {
  page: number;
  y: number;
  x: number;
  end: number;
  size: number;
  text: string;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  // pdfjs is ESM only; tsc keeps this import() as is in CommonJS output
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

export async function readPdf(bytes: Uint8Array): Promise<PlanDocument> {
  const lib = await pdfjs();
  lib.GlobalWorkerOptions.workerSrc ||= require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as { name?: string } | null)?.name;
    if (name === 'PasswordException') throw new PlanReadError('encrypted', '文件受密码保护 / the PDF is password-protected; remove the password and upload it again', 'pdf');
    throw new PlanReadError('corrupt', `文件已损坏 / the PDF could not be read (${e instanceof Error ? e.message : String(e)})`, 'pdf');
  }
  try {
    if (doc.numPages > READ_LIMITS.maxPdfPages) {
      throw new PlanReadError('too_large', `页数过多 / the PDF has ${doc.numPages} pages, the limit is ${READ_LIMITS.maxPdfPages}`, 'pdf');
    }
    const lines: Line[] = [];
    const tables: TableItem[] = [];
    const heights: number[] = [];
    let carry: AlignedColumns | null = null;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      heights.push(page.view[3] - page.view[1]);
      const content = await page.getTextContent();
      const runs = runsOf(content.items as TextItem[]);
      // the operator list costs as much again as the text: fetched only where lines have cell-like gaps
      if (looksTabular(runs)) {
        const ops = await page.getOperatorList();
        const all = [...runs];
        for (const t of extractTables(runs, ruledSegments(ops.fnArray, ops.argsArray as unknown[][], lib.OPS))) {
          // rules around the header only: the body below is aligned text, read with the header
          if (headerOnly(t)) runs.push(...all.filter((r) => inFrame(r, t)));
          else tables.push({ page: p, y: t.top, rows: t.rows });
        }
      }
      const aligned = extractAlignedTables(runs, heights[p - 1], carry);
      carry = aligned.carry;
      for (const t of aligned.tables) tables.push({ page: p, y: t.top, rows: t.rows });
      lines.push(...linesOf(p, runs));
      page.cleanup();
    }
    if (!lines.some((l) => l.text.trim() !== '') && !tables.length) {
      throw new PlanReadError('scanned', '未找到文字层 / the PDF has no text layer (a scan); upload the original Word file or a PDF with text', 'pdf');
    }
    return { blocks: paragraphs(dropFurniture(lines, heights, doc.numPages), tables) };
  } finally {
    await task.destroy();
  }
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

function runsOf(items: TextItem[]): Run[] {
  return items
    .filter((i) => typeof i.str === 'string' && /[^ \t\r\n\u00a0]/.test(i.str))
    .map((i) => ({ x: i.transform[4], y: i.transform[5], size: Math.hypot(i.transform[2], i.transform[3]) || i.height || 10, w: i.width, s: ideographs(i.str) }));
}

function headerOnly(t: PageTable): boolean {
  return t.rows.length <= 2 && headerRoles(t.rows[0]) !== null;
}

function inFrame(r: Run, t: PageTable): boolean {
  const cx = r.x + r.w / 2;
  const cy = r.y + r.size * 0.35;
  return cx >= t.left && cx <= t.right && cy <= t.top && cy >= t.bottom;
}

/** Two or more baselines whose runs sit apart by more than a character and a half. */
function looksTabular(runs: Run[]): boolean {
  const byY = new Map<number, Run[]>();
  for (const r of runs) {
    const y = Math.round(r.y);
    if (!byY.has(y)) byY.set(y, []);
    byY.get(y)!.push(r);
  }
  let gapped = 0;
  for (const line of byY.values()) {
    line.sort((a, b) => a.x - b.x);
    if (line.some((r, i) => i > 0 && r.x - (line[i - 1].x + line[i - 1].w) > r.size * 1.5)) gapped++;
    if (gapped >= 2) return true;
  }
  return false;
}

function linesOf(page: number, pageRuns: Run[]): Line[] {
  const runs = [...pageRuns].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let group: typeof runs = [];
  const flush = () => {
    if (!group.length) return;
    group.sort((a, b) => a.x - b.x);
    let text = '';
    let end = group[0].x;
    for (const r of group) {
      const gap = r.x - end;
      // CJK typesetting spaces Latin runs apart from Han; only a gap between two Latin runs is a space
      if (text && ((gap > r.size * 0.2 && /[A-Za-z0-9,.;:)]$/.test(text) && /^[A-Za-z0-9(]/.test(r.s)) || gap > r.size * 1.5)) text += ' ';
      // an ideographic space has no glyph, only its advance: a whole em between two Han runs
      else if (text && gap > r.size * 0.8 && /[^\x00-\x7f]$/.test(text) && /^[^\x00-\x7f]/.test(r.s)) text += '\u3000';
      text += r.s;
      end = Math.max(end, r.x + r.w);
    }
    const size = Math.max(...group.map((r) => r.size));
    lines.push({ page, y: group[0].y, x: group[0].x, end, size, text: unspaceCjk(text.replace(/[ \t\r\n\f\v\u00a0]+/g, ' ').trim()) });
    group = [];
  };
  for (const r of runs) {
    if (group.length && Math.abs(group[0].y - r.y) > Math.max(group[0].size, r.size) * 0.4) flush();
    group.push(r);
  }
  flush();
  return lines.filter((l) => l.text !== '');
}

const PAGE_NUMBER = /^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/;

function dropFurniture(lines: Line[], heights: number[], pages: number): Line[] {
  // a running header/footer: the same text (digits ignored) at the same height on most pages
  const key = (l: Line) => `${Math.round(l.y / 3)}|${l.text.replace(/\d+/g, '#').replace(/\s+/g, '')}`;
  const pagesOf = new Map<string, Set<number>>();
  for (const l of lines) {
    const k = key(l);
    if (!pagesOf.has(k)) pagesOf.set(k, new Set());
    pagesOf.get(k)!.add(l.page);
  }
  const repeated = (l: Line) => pages >= 2 && (pagesOf.get(key(l))?.size ?? 0) >= Math.max(2, Math.ceil(pages * 0.5));
  const byPage = new Map<number, Line[]>();
  for (const l of lines) {
    if (!byPage.has(l.page)) byPage.set(l.page, []);
    byPage.get(l.page)!.push(l);
  }
  const kept: Line[] = [];
  for (const [page, pageLines] of byPage) {
    const height = heights[page - 1] ?? 842;
    pageLines.forEach((l, i) => {
      const edge = l.y > height * 0.88 || l.y < height * 0.12;
      const firstOrLast = i === 0 || i === pageLines.length - 1;
      if (edge && repeated(l)) return;
      if (PAGE_NUMBER.test(l.text) && (edge || firstOrLast)) return;
      kept.push(l);
    });
  }
  return kept;
}

const STARTS_ITEM = /^(?:第[一二三四五六七八九十百零]+[章节条部分篇]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?![\d.．])|[①-⑳]|[●•◆■□▪—]|专栏|附件)/;

const SENTENCE_END = /[。；;：:！!？?…”」』）)]$/;

function paragraphs(lines: Line[], tables: TableItem[]): Block[] {
  if (!lines.length) return tables.map((t) => ({ kind: 'table', rows: t.rows }));
  // the text's left margin: the leftmost x several lines share (the most common x is the
  // paragraph indent in a document of one-line paragraphs)
  const xs = lines.map((l) => Math.round(l.x));
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  const shared = [...counts].filter(([, n]) => n >= Math.min(3, lines.length)).map(([x]) => x);
  const left = shared.length ? Math.min(...shared) : mode(xs);
  const right = percentile(
    lines.map((l) => l.end),
    0.9,
  );
  const blocks: Block[] = [];
  let cur: Line | null = null;
  let text = '';
  const flush = () => {
    if (text.trim()) blocks.push({ kind: 'paragraph', text: text.trim() });
    text = '';
  };
  const pending = [...tables].sort((a, b) => a.page - b.page || b.y - a.y);
  const table = (t: TableItem) => {
    flush();
    cur = null;
    const last = blocks[blocks.length - 1];
    if (last?.kind === 'table' && last.rows[0].length === t.rows[0].length) joinTable(last.rows, t.rows);
    else blocks.push({ kind: 'table', rows: [...t.rows] });
  };
  for (const l of lines) {
    while (pending.length && (pending[0].page < l.page || (pending[0].page === l.page && pending[0].y >= l.y))) table(pending.shift()!);
    const indented = l.x > left + l.size * 0.8;
    const reachesRight = cur !== null && cur.end >= right - cur.size * 1.6;
    // a long line that stops short mid-sentence was broken before an unbreakable group (`〔2015〕`); a short one is a heading
    const brokenEarly = cur !== null && cur.end >= left + (right - left) * 0.6 && !SENTENCE_END.test(cur.text);
    const continues = cur !== null && (reachesRight || brokenEarly) && !indented && !STARTS_ITEM.test(l.text) && Math.abs(cur.size - l.size) < 1.5 && (cur.page !== l.page || cur.y - l.y < l.size * 2.6);
    if (!continues) flush();
    else if (/[A-Za-z0-9,.;:]$/.test(text) && /^[A-Za-z0-9]/.test(l.text)) text += ' ';
    text += l.text;
    cur = l;
  }
  for (const t of pending) table(t);
  flush();
  return blocks;
}

/**
 * A table broken by a page goes on in the next page's table: its repeated header row is dropped,
 * and a first row with an empty first cell (序号) is the rest of a row the page break split.
 */
function joinTable(rows: string[][], next: string[][]): void {
  let more = next[0].join('\u0001') === rows[0].join('\u0001') ? next.slice(1) : next;
  const last = rows[rows.length - 1];
  if (more.length && more[0].some((c) => c !== '') && (more[0][0] === '' && last[0] !== '' ? true : splitRow(rows[0], last, more[0]))) {
    rows[rows.length - 1] = last.map((cell, i) => joinText(cell, more[0][i]));
    more = more.slice(1);
  }
  rows.push(...more);
}

/**
 * Without a 序号 column: a first row holding text only in columns where the last row has text,
 * and missing some of them (the department or time cells ended on the previous page), is the rest of that row.
 */
function splitRow(header: string[], last: string[], first: string[]): boolean {
  const roles = headerRoles(header);
  if (!roles || roles.includes('num')) return false;
  const filled = (r: string[]) => r.map((c) => c.trim() !== '');
  const [a, b] = [filled(last), filled(first)];
  return b.every((f, i) => !f || a[i]) && a.some((f, i) => f && !b[i]);
}

function joinText(a: string, b: string): string {
  if (!a || !b) return a || b;
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}
