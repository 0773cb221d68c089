/**
 * Real plan excerpts and synthetic plans in layouts the sample plans do not show (label lines,
 * 〔〕 clauses, clause lines after sub-items, tables, 第X条 and 1.1 numbering), checked against
 * hand-written answers the way the acceptance scorer matches tasks: by the first 20 characters
 * of the text with numbering, spaces and punctuation removed.
 */
import { extraNames, readExtra } from '../test-fixtures/fixtures';
import { parsePlan } from './parse';
import type { ParsedTask } from './types';

function matchKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^(?:[0-9]{1,3}[.．、)]|[(（][0-9一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+条)/, '')
    .replace(/[\p{P}\p{S}]/gu, '')
    .slice(0, 20);
}

const nameSet = (names: readonly string[]) => [...new Set(names.map((n) => n.normalize('NFKC').replace(/\s+/g, '')))].sort();

function assignment(t: ParsedTask) {
  return { kind: t.kind, lead: nameSet(t.lead), co: nameSet(t.co), deadline: t.deadline };
}

describe.each(extraNames())('extra document %s', (name) => {
  const { text, expected } = readExtra(name);
  const actual = parsePlan(text);

  it('finds exactly the expected tasks', () => {
    expect(actual.tasks.map((t) => matchKey(t.text))).toEqual(expected.tasks.map((t) => matchKey(t.text)));
  });

  it('assigns each task its kind, departments and deadline', () => {
    expect(actual.tasks.map(assignment)).toEqual(expected.tasks.map(assignment));
  });

  it('reads the plan fields the scorer checks', () => {
    const { issuedOn, docNumber, targetYears } = actual.plan;
    expect({ issuedOn, targetYears }).toEqual({ issuedOn: expected.plan.issuedOn, targetYears: expected.plan.targetYears });
    expect(docNumber?.replace(/\s+/g, '').replace(/[[【(（]/g, '〔').replace(/[\]】)）]/g, '〕') ?? null).toBe(expected.plan.docNumber);
  });
});
