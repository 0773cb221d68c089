/**
 * A 40-row 分工表 with Word's borders off: group rows merged across, wrapped cells, one row long
 * enough to be split by a page, first-line indents in the cells (the document default). Its
 * LibreOffice PDF is the committed fixture `table-unruled.pdf` (scripts/make-pdf-fixtures.sh).
 */
import { buildDocx, type DocxCell } from './docx-writer';

const DEPTS = ['市发展改革委', '市工业和信息化局', '市科技局', '市财政局', '市商务局'];
const LONG = '，加快建设一批重点项目，推动产业链上下游协同发展，持续优化营商环境';

export function unruledTableDocx(): Uint8Array {
  const rows: DocxCell[][] = [['序号', '重点任务', '牵头单位', '配合单位', '完成时限']];
  for (let i = 1; i <= 40; i++) {
    if (i === 1) rows.push([{ text: '一、产业升级（共20项）', span: 5 }]);
    if (i === 21) rows.push([{ text: '二、开放合作（共20项）', span: 5 }]);
    const extra = i === 9 ? LONG.repeat(12) : i % 3 === 0 ? LONG : '';
    const co = i % 4 === 0 ? [1, 2, 3].map((k) => DEPTS[(i + k) % 5]).join('、') : DEPTS[(i + 1) % 5];
    rows.push([String(i), `推进第${i}项重点工作${extra}，完善相关配套政策措施。`, DEPTS[i % 5], co, i % 7 === 0 ? '长期坚持' : `${2025 + (i % 2)}年底前`]);
  }
  return buildDocx({ body: ['某某市2025年重点任务分工表', '一、重点任务', { table: rows, unruled: true }, '二、保障措施', '各牵头单位要加强统筹协调。'] });
}
