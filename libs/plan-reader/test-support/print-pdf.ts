/**
 * HTML → PDF with Debian's Chromium (`--print-to-pdf`), as a coordinator's browser or a Word
 * "print to PDF" lays a document out: real fonts, real line wrapping, real page breaks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../../../test/support/console';

export function printPdf(html: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'duban-print-'));
  try {
    writeFileSync(join(dir, 'in.html'), html);
    execFileSync(
      findChromium(),
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', `--user-data-dir=${join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${join(dir, 'out.pdf')}`, `file://${join(dir, 'in.html')}`],
      { stdio: 'ignore', timeout: 60_000 },
    );
    return readFileSync(join(dir, 'out.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TableHtmlOptions {
  /** CSS for the cells: borders, padding, alignment */
  cellCss?: string;
  headerCss?: string;
  /** repeat the header on every page (`<thead>`) */
  repeatHeader?: boolean;
  /** rows holding one text are merged across the table (group rows) */
  fontSize?: string;
}

/** A 分工表 page: a title, a heading, the table, and a closing section after it. */
export function tableHtml(rows: string[][], opts: TableHtmlOptions = {}): string {
  const [header, ...body] = rows;
  const width = header.length;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>');
  const tr = (r: string[], tag: string) => (r.length === 1 ? `<tr><td colspan="${width}">${esc(r[0])}</td></tr>` : `<tr>${r.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`);
  const head = tr(header, 'th');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 25mm 20mm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: ${opts.fontSize ?? '12pt'}; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 2pt 5.4pt; vertical-align: top; text-align: left; ${opts.cellCss ?? ''} }
th { font-weight: bold; text-align: center; ${opts.headerCss ?? ''} }
</style></head><body><p>某某市2025年重点任务分工表</p><p>一、重点任务</p><table><colgroup>${header.map((h) => `<col style="width: ${/序\s*号/.test(h) ? '7%' : /任\s*务/.test(h) ? '45%' : `${Math.floor((/序\s*号/.test(header[0]) ? 48 : 55) / (width - (/序\s*号/.test(header[0]) ? 2 : 1)))}%`}">`).join('')}</colgroup>${opts.repeatHeader === false ? `<tbody>${head}` : `<thead>${head}</thead><tbody>`}${body.map((r) => tr(r, 'td')).join('')}</tbody></table><p>二、保障措施</p><p>各牵头单位要加强统筹协调。</p></body></html>`;
}

/**
 * A plan written as text with a flattened 分工表 (`序号 | 重点任务 | …` rows, group lines between
 * them) as the page a coordinator prints: paragraphs, and the table without rules, its group
 * lines merged across.
 */
export function planHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  let html = '';
  let width = 0;
  lines.forEach((l, i) => {
    const cells = l.includes('|') ? l.split('|').map((c) => c.trim()) : null;
    if (cells && !width) {
      width = cells.length;
      html += `<table><thead><tr>${cells.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>`;
    } else if (cells) html += `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
    else if (width && lines.slice(i + 1).some((n) => n.includes('|'))) html += `<tr><td colspan="${width}">${esc(l)}</td></tr>`;
    else {
      if (width) html += '</tbody></table>';
      width = 0;
      html += `<p>${esc(l)}</p>`;
    }
  });
  if (width) html += '</tbody></table>';
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 25mm 20mm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 12pt; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 2pt 5.4pt; vertical-align: top; text-align: left; }
th { text-align: center; }
</style></head><body>${html}</body></html>`;
}
