/**
 * No input makes the parser throw anything but PlanParseError, and whatever it returns has the
 * contract's shape.
 */
import fc from 'fast-check';
import { decodePlanBytes } from './decode';
import { PlanParseError } from './errors';
import { parsePlan } from './parse';
import type { ParsedPlan } from './types';

const FRAGMENTS = [
  '一、', '二、', '三、', '十、', '（一）', '(二)', '（三）', '1.', '2、', '１．', '3', '（1）', '(2)', '1)', '①', '——', '———', '●',
  '专栏一:', '专栏', '第一章 ', '1.1 ', '重点任务', '保障措施', '发展目标', '行动目标。', '行动任务。', '指导思想',
  '（牵头单位：省发展改革委；责任单位：省科技厅、各市(州)政府）', '（省发展改革委、省财政厅等负责，列第一位者为牵头部门，下同）',
  '（省商务厅牵头，合肥海关配合）', '（各区、市政府负责）', '（责任单位：市科技局，市教育局）', '（6月底完成，牵头单位：A局）',
  '(', ')', '（', '）', '（包括牵头单位自身）', '到2020年', '2017年底前', '年底前', '６月底', '２０１８年', '2018年6月底前',
  '。', '；', '：', ':', '，', '、', '\n', '\n\n', ' ', '\u3000', '\r\n', '某省人民政府', '2016年3月20日', '抄送：', '附件：',
  '加快构建众创空间', '推进信息资源共享', '“互联网+”', '本报记者　某某', '青政〔2017〕12号', '关于积极推进“互联网+”行动的实施意见',
];

function checkShape(plan: ParsedPlan): void {
  expect(plan.tasks.length).toBeGreaterThan(0);
  expect(Object.keys(plan.plan).sort()).toEqual(['docNumber', 'issuedOn', 'issuer', 'jurisdiction', 'targetYears', 'title']);
  expect(typeof plan.plan.title).toBe('string');
  for (const y of plan.plan.targetYears) expect(Number.isInteger(y)).toBe(true);
  for (const t of plan.tasks) {
    // The contract's fields, and `unread` (review notes; the contract allows extra fields) when any.
    expect(Object.keys(t).filter((k) => k !== 'unread').sort()).toEqual(['co', 'deadline', 'kind', 'lead', 'section', 'text', 'title']);
    if (t.unread !== undefined) {
      expect(t.unread.length).toBeGreaterThan(0);
      for (const u of t.unread) expect(typeof u).toBe('string');
    }
    expect(['task', 'project', 'safeguard']).toContain(t.kind);
    expect(t.text.length).toBeGreaterThan(0);
    expect(t.deadline === null || /^\d{4}-\d{2}-\d{2}$/.test(t.deadline)).toBe(true);
    for (const n of [...t.lead, ...t.co]) expect(typeof n).toBe('string');
  }
}

function parsesOrRejects(text: string): void {
  let plan: ParsedPlan;
  try {
    plan = parsePlan(text);
  } catch (e) {
    if (!(e instanceof PlanParseError)) throw e;
    expect(['empty', 'binary', 'encoding', 'no_plan', 'too_large']).toContain(e.code);
    expect(e.message).not.toContain('\n');
    return;
  }
  checkShape(plan);
}

/** Any code point, weighted towards ASCII, CJK and full-width forms (cheaper than unit 'binary'). */
const codePoint = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.integer({ min: 0x3000, max: 0x9fff }),
  fc.integer({ min: 0xff00, max: 0xffef }),
  fc.integer({ min: 0, max: 0x10ffff }),
);
const unicodeText = fc.array(codePoint, { maxLength: 300 }).map((cps) => String.fromCodePoint(...cps));

describe('parsePlan never throws anything but PlanParseError', () => {
  it('on random Unicode', () => {
    fc.assert(fc.property(unicodeText, parsesOrRejects), { numRuns: 300 });
  });

  it('on random mixtures of headings, clauses, dates and text', () => {
    const piece = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => parsesOrRejects(pieces.join(''))), { numRuns: 400 });
  });

  it('on line-structured documents made of fragments', () => {
    const line = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    fc.assert(fc.property(fc.array(line, { maxLength: 40 }), (lines) => parsesOrRejects(lines.join('\n'))), { numRuns: 400 });
  });
});

describe('decodePlanBytes never throws anything but PlanParseError', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          expect(typeof decodePlanBytes(bytes)).toBe('string');
        } catch (e) {
          if (!(e instanceof PlanParseError)) throw e;
        }
      }),
      { numRuns: 400 },
    );
  });
});
