/** Tables flattened to text: rows become items closing with a labelled clause. */
import { parsePlan } from './parse';
import { unflattenTables, withoutRowClauses } from './table';

describe('unflattenTables', () => {
  it.each([
    ['pipes', ['序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限', '1 | 建设平台。 | 市大数据局 | 市财政局 | 2024年6月']],
    ['full-width pipes', ['序号｜重点任务｜牵头单位｜配合单位｜完成时限', '1｜建设平台。｜市大数据局｜市财政局｜2024年6月']],
    ['tabs', ['序号\t重点任务\t牵头单位\t配合单位\t完成时限', '1\t建设平台。\t市大数据局\t市财政局\t2024年6月']],
    ['markdown', ['| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |', '|---|---|---|---|---|', '| 1 | 建设平台。 | 市大数据局 | 市财政局 | 2024年6月 |']],
  ])('rewrites rows (%s)', (_name, lines) => {
    const out = unflattenTables(lines);
    expect(out).toHaveLength(1);
    expect(withoutRowClauses(out[0])).toBe('1.建设平台。');
    expect(out[0]).toContain('（牵头单位：市大数据局；配合单位：市财政局；完成时限：2024年6月）');
  });

  it('maps 责任单位 and ignores people and remarks; numbers rows without a number column', () => {
    const out = unflattenTables(['重点任务 | 责任单位 | 责任领导 | 备注', '建设平台。 | 市大数据局、市财政局 | 张三 | 无', '一、其他', '推进共享。 | 市政务办 | 李四 |']);
    expect(out[0]).toBe('1.建设平台。\u200b（责任单位：市大数据局、市财政局）');
    expect(out[1]).toBe('一、其他');
    expect(out[2]).toBe('2.推进共享。\u200b（责任单位：市政务办）');
  });

  it('leaves text with bars but no table header alone', () => {
    const lines = ['一、总体要求', 'A | B | C', '1 | 2 | 3'];
    expect(unflattenTables(lines)).toEqual(lines);
  });
});

describe('a plan laid out as a table', () => {
  it('gives one task per row, with the task cell as text and the other cells as assignment', () => {
    const plan = parsePlan(
      [
        '某市2024年工作要点',
        '某市人民政府办公室',
        '2024年2月20日',
        '序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限',
        '一、提升政务服务效能',
        '1 | 推行“高效办成一件事”。 | 市政务服务局 | 市市场监管局、市人社局 | 2024年12月底前',
        '2 | 深化“一网通办”。 | 市政务服务局 |  | 持续推进',
        '二、优化市场环境',
        '3 | 开展案例排查。 | 市发展改革委 | 市商务局 | 2024年6月',
      ].join('\n'),
    );
    expect(plan.tasks.map((t) => [t.section, t.text, t.lead, t.co, t.deadline])).toEqual([
      ['提升政务服务效能', '推行“高效办成一件事”。', ['市政务服务局'], ['市市场监管局', '市人社局'], '2024-12-31'],
      ['提升政务服务效能', '深化“一网通办”。', ['市政务服务局'], [], null],
      ['优化市场环境', '开展案例排查。', ['市发展改革委'], ['市商务局'], '2024-06-30'],
    ]);
  });
});
