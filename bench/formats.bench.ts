/**
 * Reading + parsing throughput per file format (`npm run bench -- parser` prints it after the
 * parser's own numbers): the sample plans as .txt, as .docx with automatic numbering, as a saved
 * web page, the committed LibreOffice PDFs, a 40-row 分工表 as .xlsx; then the time for a PDF of
 * about 300 pages (the samples repeated, converted by LibreOffice when `soffice` is installed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { runParseJob } from '../libs/plan-reader/src';
import { planDocx } from '../libs/plan-reader/test-support/plan-docx';

function repoDir(rel: string): string {
  for (const base of [join(__dirname, '..'), join(__dirname, '..', '..'), process.cwd()]) if (existsSync(join(base, rel))) return join(base, rel);
  throw new Error(`cannot find ${rel}`);
}

async function rate(label: string, files: { bytes: Uint8Array; name: string }[], rounds: number): Promise<void> {
  for (const f of files) await runParseJob({ kind: 'file', bytes: f.bytes, fileName: f.name }); // warm up
  const t0 = performance.now();
  let tasks = 0;
  for (let r = 0; r < rounds; r++) for (const f of files) tasks += (await runParseJob({ kind: 'file', bytes: f.bytes, fileName: f.name })).plan.tasks.length;
  const ms = performance.now() - t0;
  const n = rounds * files.length;
  console.log(`plan-reader ${label.padEnd(5)}: ${files.length} documents x ${rounds} rounds, ${(n / (ms / 1000)).toFixed(1)} documents/s, ${(ms / n).toFixed(1)} ms/document, ${(tasks / rounds).toFixed(0)} tasks/round`);
}

export async function benchFormats(): Promise<void> {
  const plans = repoDir('libs/plan-parser/test-fixtures/plans');
  const texts = readdirSync(plans)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(plans, f), 'utf8') }));
  await rate('txt', texts.map((t) => ({ name: t.name, bytes: Buffer.from(t.text) })), 10);
  await rate('docx', texts.map((t) => ({ name: t.name.replace('.txt', '.docx'), bytes: planDocx(t.text) })), 10);
  const page = (text: string) => `<html><head><meta charset="utf-8"><title>x</title></head><body><div class="nav"><a href="/">首页</a></div><div id="UCAP-CONTENT">${text.split('\n').map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('')}</div></body></html>`;
  await rate('html', texts.map((t) => ({ name: t.name.replace('.txt', '.html'), bytes: Buffer.from(page(t.text)) })), 10);
  const pdfs = repoDir('libs/plan-reader/test-fixtures');
  await rate('pdf', readdirSync(pdfs).filter((f) => f.endsWith('.pdf')).map((f) => ({ name: f, bytes: readFileSync(join(pdfs, f)) })), 2);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分工表');
  ws.addRow(['序号', '重点任务', '牵头单位', '配合单位', '完成时限']);
  for (let i = 1; i <= 40; i++) ws.addRow([i, `推进第${i}项重点工作，完善配套政策。`, '市科技局', '市财政局、市商务局', `${2025 + (i % 2)}年底前`]);
  await rate('xlsx', [{ name: 'table.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) }], 10);
  await bigPdf(texts.find((t) => t.name.startsWith('qinghai'))!.text);
}

async function bigPdf(text: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pdf-'));
  try {
    // the plan's body repeated: about 300 pages
    const body = text.split('\n');
    const start = body.findIndex((l) => l.startsWith('一、'));
    const repeated = [...body.slice(0, start), ...Array.from({ length: 14 }, () => body.slice(start)).flat()].join('\n');
    writeFileSync(join(dir, 'big.docx'), planDocx(repeated));
    try {
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'big.docx')], { stdio: 'ignore', timeout: 300_000 });
    } catch {
      console.log('plan-reader 300-page PDF: skipped (LibreOffice `soffice` is not installed to make one)');
      return;
    }
    const bytes = readFileSync(join(dir, 'big.pdf'));
    const t0 = performance.now();
    const out = await runParseJob({ kind: 'file', bytes, fileName: 'big.pdf' });
    const ms = performance.now() - t0;
    const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(`plan-reader 300-page PDF: ${pages} pages, ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${out.plan.tasks.length} tasks, read and parsed in ${(ms / 1000).toFixed(1)} s (${(ms / pages).toFixed(0)} ms/page)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
