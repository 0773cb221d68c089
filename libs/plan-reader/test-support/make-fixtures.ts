/**
 * Writes the .docx sources of the committed PDF (and .doc) fixtures (scripts/make-pdf-fixtures.sh converts
 * them with LibreOffice): the two worked-answer plans, and a 分工表 whose table spans two pages.
 * Usage: node <ts runner> make-fixtures.ts OUT_DIR
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocx, type DocxCell } from './docx-writer';
import { planDocx } from './plan-docx';
import { unruledTableDocx } from './unruled-table';

const out = process.argv[2] ?? '.';
mkdirSync(join(out, 'doc'), { recursive: true });
const plans = join(__dirname, '..', '..', 'plan-parser', 'test-fixtures', 'plans');
for (const name of ['qinghai-2017', 'shaanxi-2016']) {
  writeFileSync(join(out, `${name}.docx`), planDocx(readFileSync(join(plans, `${name}.txt`), 'utf8'), { header: '内部资料 注意保存', footer: '示例页脚' }));
}

// a Word 97 file with its numbering typed as text (word-extractor does not render automatic numbering)
writeFileSync(join(out, 'doc', 'qinghai-2017.docx'), planDocx(readFileSync(join(plans, 'qinghai-2017.txt'), 'utf8'), { autoNumber: false }));

const rows: DocxCell[][] = [['序号', '重点任务', '牵头单位', '配合单位', '完成时限']];
const depts = ['市发展改革委', '市工业和信息化局', '市科技局', '市财政局', '市商务局'];
for (let i = 1; i <= 40; i++) {
  rows.push([String(i), `推进第${i}项重点工作，完善相关配套政策措施，形成可复制可推广的经验做法。`, depts[i % 5], `${depts[(i + 1) % 5]}、${depts[(i + 2) % 5]}`, `${2025 + (i % 2)}年底前`]);
}
writeFileSync(
  join(out, 'table-two-pages.docx'),
  buildDocx({
    header: '某某市人民政府办公室',
    body: ['某某市2025年重点任务分工表', '一、重点任务', { table: rows }, '二、保障措施', '各牵头单位要加强统筹协调。'],
  }),
);

// the same kind of 分工表 with its borders off (Word's "no borders")
writeFileSync(join(out, 'table-unruled.docx'), unruledTableDocx());
