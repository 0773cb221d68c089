import { createHash } from 'node:crypto';
import type { ParsedPlan } from '@duban/plan-parser';

/**
 * What makes two files the same plan document: what the parser extracted from them, not their
 * bytes or names. A .txt, the .docx it was typed from, its PDF and its gov.cn page differ in line
 * breaks, spaces between CJK characters, full- and half-width forms and page furniture, never in
 * the header, key areas, tasks, departments or deadlines. So: every string NFKC-folded with all
 * white space removed, in document order. A changed word, department or date is another hash.
 */
export function planContentHash(parsed: ParsedPlan, jurisdiction: string): string {
  const canonical = {
    jurisdiction: fold(jurisdiction),
    plan: {
      title: fold(parsed.plan.title),
      issuer: fold(parsed.plan.issuer),
      docNumber: fold(parsed.plan.docNumber),
      issuedOn: parsed.plan.issuedOn,
      targetYears: parsed.plan.targetYears,
    },
    tasks: parsed.tasks.map((t) => [fold(t.section), t.kind, fold(t.title), fold(t.text), t.lead.map(fold), t.co.map(fold), t.deadline]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function fold(value: string | null): string | null {
  return value === null ? null : value.normalize('NFKC').replace(/\s+/gu, '');
}
