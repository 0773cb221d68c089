/** Kinds of assignable work the contract distinguishes (plan-extraction.md v1.4). */
import type { TaskKind } from '@duban/domain';

export type { TaskKind };

export interface PlanHeader {
  /** The document's own title, or the best title derivable from it. */
  title: string;
  issuer: string | null;
  jurisdiction: string | null;
  docNumber: string | null;
  /** ISO date (YYYY-MM-DD). */
  issuedOn: string | null;
  /** Target years named by the goal sections, ascending. */
  targetYears: number[];
}

export interface ParsedTask {
  /** Title of the enclosing key area. */
  section: string;
  title: string;
  kind: TaskKind;
  /** The item's full text as in the document, numbering removed. */
  text: string;
  /** Lead departments, as written, document order. */
  lead: string[];
  /** Co-responsible departments, as written, document order. */
  co: string[];
  /** ISO date or null. */
  deadline: string | null;
  /**
   * Clause-like text the parser saw but could not fully read (a parenthesis with a role word it
   * could not split, a label naming no role it knows): a coordinator should look. Absent when none.
   */
  unread?: string[];
}

export interface ParsedPlan {
  plan: PlanHeader;
  tasks: ParsedTask[];
}
