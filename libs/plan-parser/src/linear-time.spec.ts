/**
 * Hostile documents parse in linear time: long runs of one character, spaces before a date,
 * deeply nested brackets, a repeated fragment and a plan of 10,000 tasks each finish within a
 * time budget proportional to their size (a pattern that backtracks quadratically needs minutes
 * to hours on these inputs, so the budgets leave room for a slow, shared machine).
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { PlanParseError } from './errors';
import { parseDocument, parsePlan } from './parse';
import type { PlanDocument } from './document';
import type { ParsedPlan } from './types';

const MB = 1024 * 1024;
const FIXED_MS = 2000;
/**
 * Milliseconds per MB a benign plan of the same size takes on this machine right now, measured
 * once: the budget is a multiple of it, so a loaded machine does not fail the test while a
 * quadratic pattern (hundreds of times slower at these sizes) still does.
 */
let msPerMb = 0;

beforeAll(() => {
  const item = '1.推进数据共享，2024年底前建成平台，提升服务能力。（省大数据局牵头，省财政厅、各市政府配合）\n';
  const text = `${HEAD}${item.repeat(Math.ceil(MB / 2 / item.length))}`;
  const t0 = performance.now();
  parsePlan(text);
  msPerMb = ((performance.now() - t0) / text.length) * MB;
});

const HEAD = '某省人民政府关于推进数字政府建设的实施意见\n一、重点任务\n（一）建设一体化平台\n';

/** Parses and fails when the input took longer than its budget. Parse errors are an answer too. */
function withinBudget(input: string | PlanDocument, size: number): ParsedPlan | PlanParseError {
  const budget = FIXED_MS + (size / MB) * Math.max(3000, 6 * msPerMb);
  const t0 = performance.now();
  let result: ParsedPlan | PlanParseError;
  try {
    result = typeof input === 'string' ? parsePlan(input) : parseDocument(input);
  } catch (e) {
    if (!(e instanceof PlanParseError)) throw e;
    result = e;
  }
  const ms = performance.now() - t0;
  if (ms > budget) throw new Error(`parsing ${(size / MB).toFixed(2)} MB took ${ms.toFixed(0)} ms, budget ${budget.toFixed(0)} ms`);
  return result;
}

const DATE_FORMS = ['2018年底前', '2018年6月底前', '到2020年', '2019年3月15日前', '年底前', '6月底完成', '2023—2025年', '2018年上半年', '到“十三五”末', '2023年新增20个'];
const SPACES = [' ', '\u3000', '\t', '\u00a0', ' \n'];

describe('linear-time parsing of hostile documents', () => {
  it('a megabyte of white space before a date, in an item, a clause or a table row', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPACES),
        fc.constantFrom(...DATE_FORMS),
        fc.constantFrom('item', 'clause', 'row', 'label'),
        (space, date, where) => {
          const run = space.repeat(Math.ceil(MB / space.length));
          const body = {
            item: `1.建设平台，${run}${date}完成。（牵头单位：省发展改革委）`,
            clause: `1.建设平台。（牵头单位：省发展改革委，${run}${date}）`,
            row: `序号 | 重点任务 | 牵头单位 | 完成时限\n1 | 建设平台 | 省发展改革委 | ${run}${date}`,
            label: `1.建设平台。\n牵头单位：${run}省发展改革委\n完成时限：${run}${date}`,
          }[where];
          withinBudget(`${HEAD}${body}\n2.推进共享。`, MB);
        },
      ),
      { numRuns: 8 },
    );
  }, 300_000);

  it('five megabytes of one character, alone or inside an item', () => {
    const chars = [' ', '.', '。', '、', '，', '（', '）', '(', '〔', '【', '|', '\t', '一', '1', '１', '年', '月', '—', '-', '：', '“', '\n', '牵', 'a', '…', '专'];
    fc.assert(
      fc.property(fc.constantFrom(...chars), fc.boolean(), (c, inItem) => {
        const run = c.repeat(5 * MB);
        withinBudget(inItem ? `${HEAD}1.建设平台${run}。\n2.推进共享。` : run, 5 * MB);
      }),
      { numRuns: 6 },
    );
  }, 300_000);

  it('deeply nested brackets', () => {
    const pairs: Array<[string, string]> = [['（', '）'], ['(', ')'], ['〔', '〕'], ['【', '】'], ['“', '”'], ['《', '》']];
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.boolean(), ([open, close], closed) => {
        const depth = 200_000;
        const inner = `${open.repeat(depth)}牵头单位：省发展改革委、省财政厅${closed ? close.repeat(depth) : ''}`;
        withinBudget(`${HEAD}1.建设平台${inner}。\n2.推进共享。`, inner.length * 3);
      }),
      { numRuns: 6 },
    );
  }, 300_000);

  it('a short fragment repeated to half a megabyte', () => {
    const fragments = [
      '关于印发', '（一）', '1.', '一、', '——', '专栏', '牵头单位：', '省发展改革委、', '（省科技厅负责）', '2018年', '年底前',
      '到2020年', '第一章', '1.1', '| ', '附件：', '文 号', '印发', '下同', '列第一位者为牵头部门', '。\n', '等和', '及', ' ',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...fragments), fc.boolean(), (f, lines) => {
        const unit = lines ? `${f}\n` : f;
        withinBudget(`${HEAD}1.建设平台${unit.repeat(Math.ceil(MB / 2 / unit.length))}`, MB / 2);
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});

describe('linear-time parsing of large plans', () => {
  it('a plan of 10,000 numbered tasks', () => {
    const lines = ['某省人民政府关于推进数字政府建设的实施意见', '一、总体要求', '（一）主要目标。到2025年，平台全面建成。'];
    for (let part = 2; part <= 3; part++) {
      lines.push(`${'零一二三'[part]}、重点任务`);
      for (let area = 1; area <= 50; area++) {
        lines.push(`（${cnNumber(area)}）重点领域${part}-${area}`);
        for (let item = 1; item <= 100; item++) {
          lines.push(`${item}.推进第${part}-${area}-${item}项工作，2024年底前完成平台建设。（省大数据局牵头，省财政厅、各市政府配合）`);
        }
      }
    }
    const text = lines.join('\n');
    const plan = withinBudget(text, text.length * 3);
    expect(plan).not.toBeInstanceOf(PlanParseError);
    const { tasks } = plan as ParsedPlan;
    expect(tasks).toHaveLength(10_000);
    expect(tasks[9_999]).toMatchObject({ lead: ['省大数据局'], co: ['省财政厅', '各市政府'], deadline: '2024-12-31' });
  });
});

describe('linear-time reading of large tables', () => {
  const header = ['序号', '重点任务', '主要内容', '牵头单位', '配合单位', '完成时限'];
  const row = (i: number) => [String(i), `推进第${i}项改革`, `完成第${i}项工作。`, i % 7 === 0 ? '' : '省发展改革委', '省财政厅\n各市（州）\n人民政府', '2025年底前'];

  it('a 分工表 grid of 10,000 rows, with a header repeated every 40 rows', () => {
    const rows: string[][] = [header];
    for (let i = 1; i <= 10_000; i++) {
      if (i % 1000 === 1) rows.push(Array(6).fill(`${cnNumber(Math.ceil(i / 1000))}、领域${i}`));
      if (i % 40 === 0) rows.push(header);
      rows.push(row(i));
    }
    const doc: PlanDocument = { blocks: [{ kind: 'paragraph', text: '某省重点任务分工方案' }, { kind: 'table', rows }] };
    const plan = withinBudget(doc, rows.length * 80) as ParsedPlan;
    expect(plan.tasks).toHaveLength(10_000);
    expect(plan.tasks[6]).toMatchObject({ lead: ['省发展改革委'], co: ['省财政厅', '各市（州）人民政府'], deadline: '2025-12-31' });
  });

  it('the same table flattened to text', () => {
    const lines = ['某省重点任务分工方案', header.join(' | ')];
    for (let i = 1; i <= 10_000; i++) lines.push(row(i).map((c) => c.replace(/\n/g, '、')).join(' | '));
    const text = lines.join('\n');
    const plan = withinBudget(text, text.length * 3) as ParsedPlan;
    expect(plan.tasks).toHaveLength(10_000);
  });
});

function cnNumber(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n];
  return `${n >= 20 ? d[Math.floor(n / 10)] : ''}十${n % 10 ? d[n % 10] : ''}`;
}
