/**
 * The isolated reader as the API runs it: worker threads booted from the TypeScript sources,
 * real files (generated .docx, LibreOffice-made PDFs committed in test-fixtures/, hand-written
 * hostile PDFs), each answered within seconds with a plan or a typed refusal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '@duban/plan-parser';
import { readDocument, readExpected } from '../../plan-parser/test-fixtures/fixtures';
import ExcelJS from 'exceljs';
import { buildDocx } from '../test-support/docx-writer';
import { buildPdf } from '../test-support/pdf-writer';
import { planDocx } from '../test-support/plan-docx';
import { PlanReadError } from './errors';
import { PlanParsePool } from './pool';

const pdf = (name: string) => readFileSync(join(__dirname, '..', 'test-fixtures', `${name}.pdf`));
/** whitespace is not part of what a reader sees in a PDF (CJK line breaks, Latin gaps) */
const unspaced = (tasks: { text: string; title: string }[]) => tasks.map((t) => ({ ...t, text: t.text.replace(/\s/g, ''), title: t.title.replace(/\s/g, '') }));

describe('PlanParsePool', () => {
  const pool = new PlanParsePool({ size: 2, timeoutMs: 20_000 });
  afterAll(() => pool.close());

  describe.each(['qinghai-2017', 'shaanxi-2016'] as const)('golden %s', (name) => {
    it('reproduces the worked answer exactly from .txt and from a .docx with automatic numbering', async () => {
      const expected = readExpected(name);
      const txt = await pool.run({ kind: 'file', bytes: Buffer.from(readDocument(name)), fileName: `${name}.txt` });
      expect(txt.plan).toEqual(parsePlan(readDocument(name)));
      const docx = await pool.run({ kind: 'file', bytes: planDocx(readDocument(name), { header: '页眉不应出现', footer: '页脚不应出现' }), fileName: `${name}.docx` });
      expect(docx.format).toBe('docx');
      expect(docx.plan).toEqual(expected);
      expect(docx.sourceText).not.toMatch(/页眉|页脚/);
    });

    it('gives the same plan and tasks from the LibreOffice PDF of that .docx', async () => {
      const expected = readExpected(name);
      const out = await pool.run({ kind: 'file', bytes: pdf(name), fileName: `${name}.pdf` });
      expect(out.format).toBe('pdf');
      expect(out.plan.plan).toEqual(expected.plan);
      expect(unspaced(out.plan.tasks)).toEqual(unspaced(expected.tasks));
      expect(out.sourceText).not.toMatch(/内部资料|示例页脚/);
    });
  });

  describe('a 分工表 gives one task per row with lead, co and deadline from its columns', () => {
    const expectRows = (tasks: { lead: string[]; co: string[]; deadline: string | null; text: string }[]) => {
      expect(tasks).toHaveLength(40);
      expect(tasks[5]).toMatchObject({ text: expect.stringContaining('推进第6项重点工作'), lead: ['市工业和信息化局'], co: ['市科技局', '市财政局'], deadline: '2025-12-31' });
      expect(tasks[32]).toMatchObject({ lead: ['市财政局'], co: ['市商务局', '市发展改革委'], deadline: '2026-12-31' });
      expect(tasks.every((t) => t.lead.length === 1 && t.co.length === 2 && t.deadline)).toBe(true);
    };
    const depts = ['市发展改革委', '市工业和信息化局', '市科技局', '市财政局', '市商务局'];
    const rows = Array.from({ length: 40 }, (_, k) => {
      const i = k + 1;
      return [String(i), `推进第${i}项重点工作，完善相关配套政策措施，形成可复制可推广的经验做法。`, depts[i % 5], `${depts[(i + 1) % 5]}、${depts[(i + 2) % 5]}`, `${2025 + (i % 2)}年底前`];
    });
    const header = ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'];

    it('from a PDF whose table runs over several pages (rows split by a page joined, the repeated header dropped)', async () => {
      const out = await pool.run({ kind: 'file', bytes: pdf('table-two-pages'), fileName: 'table.pdf' });
      expect(out.sourceText.match(/序号/g)).toHaveLength(1);
      // the fixture closes with 二、保障措施 after the table
      expectRows(out.plan.tasks.filter((t) => t.section === '重点任务'));
    });

    it('from .docx, .xlsx and .html', async () => {
      const docx = buildDocx({ body: ['某某市2025年重点任务分工表', '一、重点任务', { table: [header, ...rows] }] });
      expectRows((await pool.run({ kind: 'file', bytes: docx, fileName: 't.docx' })).plan.tasks);

      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('分工表');
      ws.addRow(['某某市2025年重点任务分工表']);
      ws.mergeCells('A1:E1');
      ws.addRow(header);
      for (const r of rows) ws.addRow(r);
      expectRows((await pool.run({ kind: 'file', bytes: Buffer.from(await wb.xlsx.writeBuffer()), fileName: 't.xlsx' })).plan.tasks);

      const html = `<html><head><meta charset="utf-8"><title>分工表</title></head><body><div class="nav"><a href="/">首页</a></div><div class="article"><h1>某某市2025年重点任务分工表</h1><p>一、重点任务</p><table>${[header, ...rows].map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table></div></body></html>`;
      expectRows((await pool.run({ kind: 'file', bytes: Buffer.from(html), fileName: 't.html' })).plan.tasks);
    });
  });

  it('reads a Word 97 .doc (numbering typed as text) to the same tasks as its text', async () => {
    const out = await pool.run({ kind: 'file', bytes: readFileSync(join(__dirname, '..', 'test-fixtures', 'qinghai-2017.doc')), fileName: 'qinghai-2017.doc' });
    expect(out.format).toBe('doc');
    expect(unspaced(out.plan.tasks)).toEqual(unspaced(readExpected('qinghai-2017').tasks));
  });

  it('refuses a 5,000-page PDF by its page count, within seconds', async () => {
    const started = performance.now();
    const error = await pool.run({ kind: 'file', bytes: buildPdf(5000, { text: (p) => `page ${p}` }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanReadError);
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/5000 pages, the limit is 2000/) });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('says a scan has no text layer, and a password-protected PDF is password-protected', async () => {
    await expect(pool.run({ kind: 'file', bytes: buildPdf(3, { image: true }), fileName: 'scan.pdf' })).rejects.toMatchObject({ code: 'scanned', message: expect.stringMatching(/no text layer/) });
    await expect(pool.run({ kind: 'file', bytes: buildPdf(1, { text: () => 'secret', encrypted: true }), fileName: 'locked.pdf' })).rejects.toMatchObject({ code: 'encrypted' });
    await expect(pool.run({ kind: 'file', bytes: pdf('shaanxi-2016').subarray(0, 2000), fileName: 'cut.pdf' })).rejects.toBeInstanceOf(PlanReadError);
  });

  it('a text that holds no plan is the parser’s refusal, not a crash', async () => {
    await expect(pool.run({ kind: 'text', text: '今天天气很好。' })).rejects.toMatchObject({ name: 'PlanParseError', code: 'no_plan' });
  });

  it('terminates a job over the time limit, answers timeout, and serves the next job with a fresh worker', async () => {
    const strict = new PlanParsePool({ size: 1, timeoutMs: 300 });
    try {
      const started = performance.now();
      await expect(strict.run({ kind: 'file', bytes: pdf('qinghai-2017') })).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/took longer than/) });
      expect(performance.now() - started).toBeLessThan(5_000);
      await expect(strict.run({ kind: 'text', text: 'x' })).rejects.toMatchObject({ code: expect.any(String) });
    } finally {
      await strict.close();
    }
  });

  it('refuses jobs beyond its queue as busy instead of piling them up', async () => {
    const small = new PlanParsePool({ size: 1, maxQueue: 1, timeoutMs: 20_000 });
    try {
      const jobs = [1, 2, 3].map(() => small.run({ kind: 'text', text: readDocument('shaanxi-2016') }).then(() => 'ok', (e: PlanReadError) => e.code));
      const results = await Promise.all(jobs);
      expect(results).toContain('busy');
      expect(results).toContain('ok');
    } finally {
      await small.close();
    }
  });
});
