/**
 * 分工表 printed without ruling lines: Chromium lays out an HTML table (real fonts, wrapping and page
 * breaks) and prints it to PDF; the PDF must give the same tasks as the .docx of the same table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedPlan, ParsedTask } from '@duban/plan-parser';
import { EXTRA_DIR } from '../../plan-parser/test-fixtures/fixtures';
import { buildDocx, type DocxCell } from '../test-support/docx-writer';
import { planHtml, printPdf, tableHtml, type TableHtmlOptions } from '../test-support/print-pdf';
import { unruledTableDocx } from '../test-support/unruled-table';
import { runParseJob } from './job';

const DEPTS = ['市发展改革委', '市工业和信息化局', '市科技局', '市财政局', '市商务局'];
const LONG = '，加快建设一批重点项目，推动产业链上下游协同发展，持续优化营商环境';

/** 40 rows in two groups: short, wrapped (every third) and one row long enough to be split by a page. */
function sampleRows(header: string[], withNumber: boolean): string[][] {
  const rows: string[][] = [header];
  for (let i = 1; i <= 40; i++) {
    if (i === 1) rows.push(['一、产业升级（共20项）']);
    if (i === 21) rows.push(['二、开放合作（共20项）']);
    const extra = i === 9 ? LONG.repeat(12) : i % 3 === 0 ? LONG : '';
    const task = `推进第${i}项重点工作${extra}，完善相关配套政策措施。`;
    const lead = DEPTS[i % 5];
    const co = i % 4 === 0 ? [1, 2, 3].map((k) => DEPTS[(i + k) % 5]).join('、') : DEPTS[(i + 1) % 5];
    const time = i % 7 === 0 ? '长期坚持' : `${2025 + (i % 2)}年底前`;
    rows.push(withNumber ? [String(i), task, lead, co, time] : [task, `${lead}、${co}`, time]);
  }
  return rows;
}

const FULL = sampleRows(['序号', '重点任务', '牵头单位', '配合单位', '完成时限'], true);
const NO_NUMBER = sampleRows(['重点任务', '责任单位', '完成时限'], false);

async function docxTasks(rows: string[][]): Promise<ParsedTask[]> {
  const width = rows[0].length;
  const table: DocxCell[][] = rows.map((r) => (r.length === 1 ? [{ text: r[0], span: width }] : r));
  const docx = buildDocx({ body: ['某某市2025年重点任务分工表', '一、重点任务', { table }, '二、保障措施', '各牵头单位要加强统筹协调。'] });
  return (await runParseJob({ kind: 'file', bytes: docx, fileName: 't.docx' })).plan.tasks;
}

/** white space is not part of what a reader sees in a PDF */
const unspaced = (tasks: ParsedTask[]) => tasks.map((t) => ({ ...t, text: t.text.replace(/\s/g, ''), title: t.title.replace(/\s/g, '') }));

async function pdfOutcome(rows: string[][], opts: TableHtmlOptions) {
  return runParseJob({ kind: 'file', bytes: printPdf(tableHtml(rows, opts)), fileName: 't.pdf' });
}

describe('PDF 分工表 without ruling lines', () => {
  let expected: ParsedTask[];
  beforeAll(async () => {
    expected = await docxTasks(FULL);
    // the answer itself: one task per row, two groups, lead/co/deadline from the columns
    expect(expected).toHaveLength(40);
    expect(expected[8].text).toContain(LONG.repeat(12));
    expect(expected[20]).toMatchObject({ section: '开放合作', lead: ['市工业和信息化局'], co: ['市科技局'], deadline: null });
    expect(expected[31]).toMatchObject({ section: '开放合作', lead: ['市科技局'], co: ['市财政局', '市商务局', '市发展改革委'], deadline: '2025-12-31' });
  });

  it.each<[string, TableHtmlOptions]>([
    ['the header repeated on every page', {}],
    ['the header on the first page only', { repeatHeader: false }],
    ['cells centred vertically', { cellCss: 'vertical-align: middle;' }],
    ['rules above and below the header only (三线表)', { headerCss: 'border-top: 1.5pt solid #000; border-bottom: 1pt solid #000;' }],
    ['a boxed header over an unruled body', { headerCss: 'border: 1pt solid #000;' }],
    ['rows set tight (no cell padding), told apart by 序号', { cellCss: 'padding: 0 5.4pt;', headerCss: 'padding: 0 5.4pt;' }],
    ['16pt text in narrow columns', { fontSize: '16pt' }],
  ])('gives the .docx tasks with %s, a wrapped cell and a row split by a page', async (_, opts) => {
    const out = await pdfOutcome(FULL, opts);
    expect(out.sourceText.match(/序号/g)).toHaveLength(1);
    expect(unspaced(out.plan.tasks)).toEqual(unspaced(expected));
  });

  it('reads header labels spread over their cells (`序　号`, `牵　头　单　位`) as one label each', async () => {
    const spread = [['序　号', '重　点　任　务', '牵　头　单　位', '配合单位', '完　成　时　限'], ...FULL.slice(1)];
    const out = await pdfOutcome(spread, {});
    expect(unspaced(out.plan.tasks)).toEqual(unspaced(expected));
  });

  it('reads a table without 序号 whose rows are set tight, by where a task cell stops short of its column edge', async () => {
    const want = await docxTasks(NO_NUMBER);
    expect(want).toHaveLength(40);
    expect(want[3]).toMatchObject({ lead: ['市商务局'], co: ['市发展改革委', '市工业和信息化局', '市科技局'] });
    const out = await pdfOutcome(NO_NUMBER, { cellCss: 'padding: 0 5.4pt;', headerCss: 'padding: 0 5.4pt;' });
    expect(unspaced(out.plan.tasks)).toEqual(unspaced(want));
  });

  it('gives the .docx tasks from the LibreOffice PDF of a Word table with its borders off (first-line indents in the cells)', async () => {
    const docx = await runParseJob({ kind: 'file', bytes: unruledTableDocx(), fileName: 't.docx' });
    expect(unspaced(docx.plan.tasks)).toEqual(unspaced(expected));
    const out = await runParseJob({ kind: 'file', bytes: readFileSync(join(__dirname, '..', 'test-fixtures', 'table-unruled.pdf')), fileName: 't.pdf' });
    expect(unspaced(out.plan.tasks)).toEqual(unspaced(expected));
  });

  it('reproduces the hand-checked answer of a 工作要点 whose 分工表 is printed without rules', async () => {
    const name = 'synthetic-table-gongzuoyaodian';
    const want = JSON.parse(readFileSync(join(EXTRA_DIR, `${name}.expected.json`), 'utf8')) as ParsedPlan;
    const out = await runParseJob({ kind: 'file', bytes: printPdf(planHtml(readFileSync(join(EXTRA_DIR, `${name}.txt`), 'utf8'))), fileName: `${name}.pdf` });
    expect(out.plan.plan).toEqual(want.plan);
    // the answer's titles were written with ASCII commas: compared as the score tool does (NFKC)
    const nfkc = (tasks: ParsedTask[]) => unspaced(tasks).map((t) => ({ ...t, title: t.title.normalize('NFKC'), text: t.text.normalize('NFKC') }));
    expect(nfkc(out.plan.tasks)).toEqual(nfkc(want.tasks));
  });

  it('leaves a table that is no 分工表 (indicators by year) as lines of text', async () => {
    const rows = [
      ['指标名称', '2020年', '2025年'],
      ['数字经济核心产业增加值占比', '7.8%', '10%'],
      ['每万人口高价值发明专利拥有量', '6.2件', '12件'],
    ];
    const out = await runParseJob({ kind: 'file', bytes: printPdf(tableHtml(rows, {}).replace('<p>二、保障措施</p>', '<p>（一）建设数字平台，完善配套政策（市发展改革委牵头，2025年底前）。</p><p>二、保障措施</p>')), fileName: 't.pdf' });
    expect(out.sourceText).not.toContain(' | ');
    expect(out.sourceText).toMatch(/指标名称/);
    expect(out.sourceText).toMatch(/7\.8%/);
  });
});
