/**
 * One document, several files: the seeds as .txt, as the .docx a coordinator receives (automatic
 * numbering, page header and footer), as a saved gov.cn page, and two as the LibreOffice PDFs
 * committed with the reader's fixtures, each read by the isolated reader the API runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanParsePool } from '@duban/plan-reader';
import { planDocx } from '../../plan-reader/test-support/plan-docx';
import { jurisdictionOf } from './jurisdiction';
import { planContentHash } from './plan-identity';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds', 'plans');
const PDFS = join(__dirname, '..', '..', 'plan-reader', 'test-fixtures');
const seed = (name: string) => readFileSync(join(SEEDS, `${name}.txt`), 'utf8');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A saved gov.cn article page: the page's title, site furniture around the article, one paragraph per line, indented with full-width spaces. */
function planHtml(text: string): Buffer {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const paragraphs = lines.map((l) => `<p style="text-indent:2em">\u3000\u3000${escape(l.trim())}</p>`);
  return Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escape(lines[0].trim())}_政府信息公开</title></head><body><div class="nav"><a href="/">首页</a> &gt; 政策</div><div class="article">${paragraphs.join('\n')}</div><div class="footer">版权所有</div></body></html>`);
}

describe('planContentHash: the same document in any format is one plan', () => {
  const pool = new PlanParsePool({ size: 2, timeoutMs: 30_000 });
  afterAll(() => pool.close());
  const hashOf = async (bytes: Uint8Array, fileName: string) => {
    const { plan } = await pool.run({ kind: 'file', bytes, fileName });
    return planContentHash(plan, jurisdictionOf(plan));
  };

  it.each(['qinghai-2017', 'shaanxi-2016', 'jilin-2016', 'shandong-2016', 'shanxi-2016-news'])('%s as .txt, .docx and .html', async (name) => {
    const text = seed(name);
    const txt = await hashOf(Buffer.from(text), `${name}.txt`);
    expect(txt).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashOf(planDocx(text, { header: '内部资料 注意保存', footer: '— 1 —' }), `${name}.docx`)).toBe(txt);
    expect(await hashOf(planHtml(text), `${name}.html`)).toBe(txt);
    // CRLF, a BOM and the blank lines of a pasted copy are not the document either
    expect(await hashOf(Buffer.from(`\uFEFF${text.replace(/\n/g, '\r\n\r\n')}`), 'pasted.txt')).toBe(txt);
  });

  it.each(['qinghai-2017.pdf', 'shaanxi-2016.pdf', 'qinghai-2017.doc'])('%s as LibreOffice made it (a PDF’s line breaks and spaces inside CJK text, Word 97’s typed numbering)', async (file) => {
    expect(await hashOf(readFileSync(join(PDFS, file)), file)).toBe(await hashOf(Buffer.from(seed(file.replace(/\.\w+$/, ''))), 'seed.txt'));
  });

  it('tells a changed document apart: a word of a task, a department, a deadline', async () => {
    const text = seed('qinghai-2017');
    const original = await hashOf(Buffer.from(text), 'a.txt');
    const changes = [
      text.replace('1.加快构建众创空间。', '1.加快构建众创空间。2019年底前建成一批示范众创空间。'),
      text.replace('省科技厅', '省教育厅'),
      text.replace('2017年底前', '2018年底前'),
    ];
    for (const changed of changes) {
      expect(changed).not.toBe(text);
      expect(await hashOf(planDocx(changed), 'changed.docx')).not.toBe(original);
    }
    // the preamble is not what a coordinator tracks: a plan is its header, key areas and tasks
    const preamble = text.replace('现结合我省实际，', '现结合我省实际情况，');
    expect(preamble).not.toBe(text);
    expect(await hashOf(Buffer.from(preamble), 'preamble.txt')).toBe(original);
  });
});
