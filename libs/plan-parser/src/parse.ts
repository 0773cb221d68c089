/**
 * parsePlan: text → {plan, tasks} as fixed by contracts/plan-extraction.md (v1.4).
 * One parser for the CLI and the import service.
 */
import { type ClauseState, hasFreeStandingNote, newClauseState, findClauses, type Unread } from './clauses';
import { DateContext, findTargetYears, latestDate } from './dates';
import { PlanParseError } from './errors';
import { extractHeader, yearOf } from './header';
import { isEndMatter, isOrgName, isStandaloneDate, orgDateLine } from './layout';
import { logicalLines } from './logical-lines';
import { OutlineBuilder, segmentTitle, splitByClauses, TaskExtractor } from './structure';
import { groupTitle, liftTextTables, readPlanTable, type PlanTable } from './table';
import { tableTasks } from './table-tasks';
import { hasContent, normalizeNewlines, splitLines } from './text';
import { detectMarker, NUMBERED_KINDS } from './tokenizer';
import type { ParsedPlan, ParsedTask, TaskKind } from './types';
import { type Block, documentFromText, documentLines, type PlanDocument } from './document';

/** Characters; a plan is a few hundred KB, anything far beyond is not a plan document. */
export const MAX_TEXT_LENGTH = 64 * 1024 * 1024;

/**
 * Parses a plan. Throws PlanParseError (and nothing else) for text that is empty, binary, too
 * large or holds no plan (no key areas / no tasks).
 */
export function parsePlan(text: string): ParsedPlan {
  if (typeof text !== 'string') throw new PlanParseError('empty', '输入不是文本 / the input is not text');
  return parseDocument(documentFromText(text));
}

/** Parses a plan read by any format reader (see document.ts). */
export function parseDocument(doc: PlanDocument): ParsedPlan {
  let size = 0;
  for (const b of doc.blocks) size += b.kind === 'table' ? b.rows.reduce((n, r) => n + r.reduce((m, c) => m + c.length + 1, 0), 0) : b.text.length + 1;
  if (size > MAX_TEXT_LENGTH) {
    throw new PlanParseError('too_large', `文本过大 / the text has ${size} characters, the limit is ${MAX_TEXT_LENGTH}`);
  }
  try {
    return parseBlocks(doc.blocks);
  } catch (e) {
    if (e instanceof PlanParseError) throw e;
    // A defect in the parser must not surface as a stack trace to an importing user.
    const reason = e instanceof Error ? e.message : String(e);
    throw new PlanParseError('no_plan', `无法解析 / the plan could not be parsed (${reason})`, { cause: e });
  }
}

/**
 * A document holding a 分工表 takes its tasks from its tables (a prose body summarising the same
 * measures gives none); the prose still gives the plan header and target years. Other documents
 * are read line by line.
 */
function parseBlocks(raw: readonly Block[]): ParsedPlan {
  const blocks = liftTextTables(raw.map(normalizeBlock));
  const planTables: Array<{ at: number; table: PlanTable }> = [];
  blocks.forEach((b, at) => {
    const table = b.kind === 'table' ? readPlanTable(b.rows) : null;
    if (table) planTables.push({ at, table });
  });
  const tableAt = new Set(planTables.map((t) => t.at));
  const text = documentLines({ blocks: blocks.filter((_, i) => !tableAt.has(i)) }).join('\n');
  if (text.includes('\u0000')) throw new PlanParseError('binary');
  if (text.trim() === '' && planTables.length === 0) throw new PlanParseError('empty');
  const prose = readProse(splitLines(text).filter((l) => l.length > 0), planTables.length === 0);
  let tasks = prose.tasks;
  if (planTables.length > 0) {
    const ctx = { issueYear: prose.issueYear, planDeadline: prose.planDeadline, clauseState: prose.clauseState };
    tasks = planTables.flatMap(({ at, table }) => tableTasks([table], { ...ctx, defaultSection: captionBefore(blocks, at) }));
  }
  if (tasks.length === 0) throw new PlanParseError('no_plan');
  return { plan: { ...prose.header, targetYears: prose.targetYears }, tasks };
}

/** Zero-width characters and odd line breaks removed from every text and cell. */
function normalizeBlock(b: Block): Block {
  if (b.kind === 'table') return { kind: 'table', rows: b.rows.map((r) => r.map((c) => normalizeNewlines(c))) };
  return { ...b, text: normalizeNewlines(b.text) };
}

/** The heading or caption just above a table (`一、重点任务`, `重点任务分工表`), as rows' section. */
function captionBefore(blocks: readonly Block[], at: number): string {
  for (let i = at - 1; i >= 0 && i >= at - 3; i--) {
    const b = blocks[i];
    if (b.kind === 'table') break;
    const t = b.text.trim();
    // Attachment labels, signatures and dates stand between a title and its table.
    if (/^附件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?$/.test(t) || t === '' || isStandaloneDate(t) || isOrgName(t) || orgDateLine(t)) continue;
    if (b.kind === 'heading' || (t.length <= 40 && !/[。；;，,]/.test(t))) return groupTitle(t.replace(/^附件\s*[0-9０-９]*\s*[:：]\s*/, '')) || '重点任务';
    break;
  }
  return '重点任务';
}

interface Prose {
  header: Omit<ParsedPlan['plan'], 'targetYears'>;
  issueYear: number | null;
  targetYears: number[];
  planDeadline: string | null;
  clauseState: ClauseState;
  tasks: ParsedTask[];
}

function readProse(lines: string[], wantTasks: boolean): Prose {
  const { start: bodyStart, end: bodyEnd } = findBody(lines);
  const header = extractHeader(lines, bodyStart);
  const issueYear = yearOf(header.issuedOn);
  const clauseState = newClauseState();
  const preface = lines.slice(0, bodyStart);
  // A "first listed leads" rule stated once for the whole document (in the preamble or in a
  // closing 注) applies to every clause.
  if (hasFreeStandingNote([...preface, ...lines.slice(bodyEnd)].join('\n'))) clauseState.firstListedLeads = true;

  const goalText = prefaceGoals(preface);
  const builder = new OutlineBuilder();
  for (const l of logicalLines(lines.slice(bodyStart, bodyEnd))) builder.feed(l);

  let tasks: ParsedTask[] = [];
  let targetYears: number[];
  let deadline: string | null;
  if (builder.nodeCount >= 2) {
    const ctx = { issueYear, planDeadline: null as string | null, clauseState };
    const extractor = new TaskExtractor(builder.root, ctx);
    targetYears = findTargetYears([...goalText, ...extractor.goalText].join('\n'));
    deadline = ctx.planDeadline = planDeadline(targetYears, issueYear);
    if (wantTasks) tasks = extractor.extract();
  } else {
    targetYears = findTargetYears(goalText.join('\n'));
    deadline = planDeadline(targetYears, issueYear);
    if (wantTasks && lines.length > 0) tasks = newsTasks(lines, { issueYear }, deadline, clauseState);
  }
  const { title, issuer, jurisdiction, docNumber, issuedOn } = header;
  return { header: { title, issuer, jurisdiction, docNumber, issuedOn }, issueYear, targetYears, planDeadline: deadline, clauseState, tasks };
}

/** An unnumbered goal paragraph in the preamble (`发展目标：到2020年…`) or a goal heading line. */
const PREFACE_GOAL_RE = /^(?:发展目标|主要目标|总体目标|工作目标|行动目标|建设目标)\s*(?:[:：。]|$)/;

function prefaceGoals(preface: readonly string[]): string[] {
  const out: string[] = [];
  preface.forEach((l, i) => {
    if (!PREFACE_GOAL_RE.test(l)) return;
    out.push(l);
    if (/^[^:：。]{2,6}$/.test(l) && i + 1 < preface.length) out.push(preface[i + 1]);
  });
  return out;
}

/** A body starts at a numbering that opens a list (`一、` `（一）` `1.` …). */
function findBodyStart(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    const m = detectMarker(lines[i]);
    if (m && NUMBERED_KINDS.has(m.kind) && m.kind !== 'circ' && m.num === 1) return i;
  }
  return lines.length;
}

/** A closing note (`注：列第一位的为牵头单位`): end matter once no numbered item follows. */
const NOTE_LINE_RE = /^(?:注|备注|说明)\s*[:：]/;

function findBodyEnd(lines: readonly string[], from: number, lastMarker: number): number {
  for (let i = from; i < lines.length; i++) {
    if (isEndMatter(lines, i) || (i > lastMarker && NOTE_LINE_RE.test(lines[i]))) return i;
  }
  return lines.length;
}

/**
 * The plan's body: the longest run of numbered text between end matter. A 印发 notice may number
 * its own requirements and sign off before the plan itself begins.
 */
function findBody(lines: readonly string[]): { start: number; end: number } {
  let lastMarker = -1;
  for (let i = lines.length - 1; i >= 0 && lastMarker < 0; i--) if (detectMarker(lines[i])) lastMarker = i;
  let best = { start: lines.length, end: lines.length };
  for (let from = 0; from < lines.length; ) {
    const start = findBodyStart(lines, from);
    if (start >= lines.length) break;
    const end = findBodyEnd(lines, start, lastMarker);
    if (best.start >= lines.length || end - start > best.end - best.start) best = { start, end };
    from = Math.max(end + 1, start + 1);
  }
  return best;
}

/** Rule 3: the plan's first target year on or after the year it was issued. */
function planDeadline(targetYears: readonly number[], issueYear: number | null): string | null {
  const y = issueYear === null ? targetYears[0] : targetYears.find((t) => t >= issueYear);
  return y === undefined ? null : `${y}-12-31`;
}

// ---------------------------------------------------------------------------------------------
// Documents without numbering (news reports): one task per paragraph under each heading.

const SAFEGUARD_RE = /保障措施|保障支撑|组织保障|组织实施|保障机制/;

function isNewsHeading(lines: readonly string[], i: number): boolean {
  const l = lines[i];
  if (i === 0 || l.length < 2 || l.length > 30 || !hasContent(l)) return false;
  if (/[。！？；;，,：:、]$/.test(l) || /[。！？]/.test(l)) return false;
  if (/^[（(].*[）)]$/.test(l) || isStandaloneDate(l) || isOrgName(l)) return false;
  const next = lines[i + 1];
  return next !== undefined && next.length > l.length && /[。！？；;]$/.test(next);
}

function newsTasks(
  lines: readonly string[],
  dates: DateContext,
  fallbackDeadline: string | null,
  clauseState: ReturnType<typeof newClauseState>,
): ParsedTask[] {
  // The title line stays on its own; paragraphs broken by the layout are re-joined.
  let end = 1;
  while (end < lines.length && !isEndMatter(lines, end)) end++;
  const body = [lines[0], ...logicalLines(lines.slice(1, end))];
  const tasks: ParsedTask[] = [];
  let section: string | null = null;
  for (let i = 0; i < body.length; i++) {
    if (isNewsHeading(body, i)) {
      section = body[i];
      continue;
    }
    if (section === null) continue;
    const kind: TaskKind = SAFEGUARD_RE.test(section) ? 'safeguard' : 'task';
    const text = body[i];
    if (!hasContent(text)) continue;
    const unread: Unread[] = [];
    for (const seg of splitByClauses(text, findClauses(text, clauseState, unread))) {
      const task: ParsedTask = {
        section,
        title: segmentTitle(seg, true),
        kind,
        text: seg.text,
        lead: seg.clause ? [...seg.clause.lead] : [],
        co: seg.clause ? [...seg.clause.co] : [],
        deadline: latestDate(seg.text, dates) ?? latestDate(section, dates) ?? fallbackDeadline,
      };
      const seen = unread.filter((u) => u.start >= seg.from && u.start < seg.to).map((u) => u.text);
      if (seen.length > 0) task.unread = seen;
      tasks.push(task);
    }
  }
  return tasks;
}
