/**
 * Department clauses: the parenthesised assignment of responsibility that closes an item, in all
 * the layouts the contract lists, e.g.
 *   （牵头单位：A、B；责任单位：C、D）   （责任单位：A，B、C）   （6月底完成，牵头单位：A）
 *   （A、B、C等负责，列第一位者为牵头部门，下同）   （A、B共同牵头）   （A牵头，B、C配合）
 *   （A、B分工负责，C配合）   （A牵头，各地区、各部门按职责分工负责）
 * A parenthesis that names no department role is ordinary text.
 */
import { cleanName, isNotDepartment, joinersAsSeparators, looksLikeOrg, mergeCollectives, plausibleName, ROLE_SUFFIX_RE, splitAtJi } from './names';
import { findParenGroups, hasContent, isCloseParen, isOpenParen, splitTopLevel } from './text';

export { looksLikeOrg } from './names';

export interface Assignment {
  lead: string[];
  co: string[];
  /** The clause says 下同: it also assigns the following items that state no clause. */
  sticky?: boolean;
}

export interface Clause extends Assignment {
  /** Offset of the opening parenthesis (or label) in the text searched. */
  start: number;
  /** Offset just past the closing parenthesis (or the end of the label lines). */
  end: number;
}

/**
 * Document-order state of the clause grammar: once a "first listed leads" note has been seen,
 * `（A、B、C共同负责）` means lead A, co B and C instead of three leads.
 */
export interface ClauseState {
  firstListedLeads: boolean;
}

export function newClauseState(): ClauseState {
  return { firstListedLeads: false };
}

/**
 * The "first listed leads" note in its usual wordings: 列第一位者为牵头部门 / 排在第一位的部门为
 * 牵头部门 / 排名第一的为牵头单位 / 第一个单位为牵头单位 / 除标注“分别牵头”外，列第一位为牵头或汇总
 * 单位 … optionally followed by 下同.
 */
const NOTE_RE =
  /(?:除标注?[“"‘][^”"’]{1,8}[”"’]外[，,]?\s*)?(?:各项任务中?)?(?:列|排|位)?(?:名|在|于)?(?:首位|第一位|第一个|第一名|第一)(?:者|的)?(?:部门|单位)?(?:为|是|系)牵头(?:或汇总|或总牵头)?(?:部门|单位)?(?:[，,；;]?\s*下同)?/g;

/** True when the text carries the note (it also appears outside clauses, e.g. in a preamble). */
export function hasFirstListedNote(text: string): boolean {
  NOTE_RE.lastIndex = 0;
  const found = NOTE_RE.test(text);
  NOTE_RE.lastIndex = 0;
  return found;
}

type Role = 'lead' | 'joint' | 'resp' | 'co';

/**
 * Role labels are an open family (`牵头单位：` `负责部门:` `【配合单位】` `主责处室：` `协同责任单位：`
 * `实施主体：` …): a short name ending in a word for a body, closed by a colon or by 【】. What the
 * name says decides the role (see labelRole); a name that says no role is read as no departments.
 */
const LABEL_NAME = '[\\u4e00-\\u9fff]{0,8}?(?:单位|部门|处室|科室|机构|主体)';
const LABEL_RE = new RegExp(`^【?(${LABEL_NAME})(?:】\\s?[:：]?|\\s?[:：])\\s*`);
/** Any other `xxx：` inside a clause (完成时限：2018年底 / 适用范围：… / 时间节点：长期) is not a department. */
const OTHER_LABEL_RE = /^【?[\u4e00-\u9fff]{2,8}】?\s?[:：]/;
/** Where a label starts inside running text, so `… 责任单位：B` is split before it. */
const LABEL_START_RE = new RegExp(`(?=【${LABEL_NAME}】)|(?<=\\s)(?=${LABEL_NAME}\\s?[:：])`, 'g');

/** The role a label's name gives, or null when it names none (`督办单位`, `适用范围`). */
export function labelRole(label: string): Role | null {
  if (/牵头|主办|主责|主抓|总负责/.test(label)) return 'lead';
  if (/配合|参与|参加|协办|协助|协同|协作|支持|会同|其他/.test(label)) return 'co';
  if (/责任|负责|实施|落实|承办|主管|指导|执行|承担|主体/.test(label)) return 'resp';
  return null;
}

/** `会同` / `联合` between a leading body and the others (`发展改革委会同财政部负责`). */
const WITH_RE = /(?<=[^、，,；;：:]{2})(?:会同|联合)(?=[^、，,；;]{2})/g;

const MARKED_ROLE_RE = /^(.+?)\s*[（(](牵头|牵头单位|负责|配合|参与)[）)]$/;

function suffixRole(suffix: string): Role {
  if (suffix.includes('牵头')) return 'lead';
  if (suffix === '共同负责') return 'joint';
  if (suffix.includes('负责') || suffix === '负总责' || suffix === '组织实施') return 'resp';
  return 'co';
}

/**
 * A note in parentheses after the last name (`…、市卫生健康委(列第一位为牵头单位，下同)`, in a
 * label line) is part of the clause, not of the name: open the parentheses.
 */
function unwrapNotes(inner: string): string {
  if (!inner.includes('下同') && !hasFirstListedNote(inner)) return inner;
  let out = '';
  let from = 0;
  for (const g of findParenGroups(inner)) {
    if (!g.inner.includes('下同') && !hasFirstListedNote(g.inner)) continue;
    out += `${inner.slice(from, g.start)}，${g.inner}`;
    from = g.end;
  }
  return out + inner.slice(from);
}

/**
 * After the assignment a clause may go on with remarks (`〔责任单位：A、B按职责分工负责。具体任务
 * 均涉及相关市(州)人民政府，不再做分工，下同。〕`): a sentence after a full stop that carries no role
 * label or role word is not part of the assignment.
 */
function dropRemarks(inner: string): string {
  if (!inner.includes('。')) return inner;
  const sentences = splitTopLevel(inner, '。');
  return [sentences[0], ...sentences.slice(1).filter(assignsRoles)].join('；');
}

function assignsRoles(sentence: string): boolean {
  return splitTopLevel(sentence, '、，,；;').some((t) => LABEL_RE.test(t) || ROLE_SUFFIX_RE.test(t) || MARKED_ROLE_RE.test(t));
}

/**
 * Read one parenthesis body as a clause. Returns null when it names no department role.
 * Updates `state` when the clause carries the "first listed leads" note.
 */
export function parseClauseContent(inner: string, state: ClauseState, notes?: string[]): Assignment | null {
  if (inner.length > 600 || !/(牵头|负责|配合|参与|协助|协同|落实|单位|部门|主体)/.test(inner)) return null;
  let body = joinersAsSeparators(dropRemarks(unwrapNotes(inner)));
  const noted = hasFirstListedNote(body);
  if (noted) body = body.replace(NOTE_RE, '，');
  NOTE_RE.lastIndex = 0;
  body = body.replace(LABEL_START_RE, '；');
  // `A会同B、C负责`: A leads, the bodies it works with are co-responsible.
  body = body.replace(WITH_RE, '牵头，');

  const entries: Array<{ name: string; role: Role }> = [];
  let pending: string[] = [];
  let currentLabel: Role | 'skip' | null = null;
  let sawRole = false;
  let labelled = false;
  let sticky = false;
  // Names a label assigned since the label or the last role word: `责任单位：A、B分别牵头` makes
  // both A and B leads, not only B.
  let run: Array<{ name: string; role: Role }> = [];
  for (let token of mergeCollectives(splitTopLevel(body, '、，,；;').flatMap(splitAtJi))) {
    if (token === '下同' || token === '以下同') {
      sticky = true;
      continue;
    }
    const label = LABEL_RE.exec(token);
    const role = label ? labelRole(label[1]) : null;
    if (label && role) {
      run = [];
      currentLabel = role;
      sawRole = labelled = true;
      token = token.slice(label[0].length).trim();
      if (!token) continue;
    } else if (label || OTHER_LABEL_RE.test(token)) {
      // A body label that names no role (`督办单位：`) is seen but not understood.
      if (label) notes?.push(token);
      currentLabel = 'skip';
      continue;
    }
    if (currentLabel === 'skip' || isNotDepartment(token)) continue;
    // `省发展改革委（牵头）` inside a list: the role is marked after the name.
    const marked = MARKED_ROLE_RE.exec(token);
    if (marked) {
      sawRole = true;
      const role = suffixRole(marked[2]);
      const name = cleanName(marked[1]);
      // Names before it without a role of their own (`A、B（牵头）、C`) are co-responsible.
      for (const p of pending) entries.push({ name: p, role: 'co' });
      pending = [];
      if (name) entries.push({ name, role });
      continue;
    }
    const suffix = ROLE_SUFFIX_RE.exec(token);
    if (suffix) {
      const role = suffixRole(suffix[1]);
      sawRole = true;
      if (role === 'lead' || role === 'joint') for (const e of run) e.role = role;
      run = [];
      const name = cleanName(token.slice(0, suffix.index));
      for (const p of pending) entries.push({ name: p, role });
      pending = [];
      if (name) entries.push({ name, role });
      continue;
    }
    const name = cleanName(token);
    if (!name) continue;
    if (currentLabel) {
      const entry = { name, role: currentLabel };
      entries.push(entry);
      run.push(entry);
    } else pending.push(name);
  }
  if (!sawRole || entries.length === 0) return null;
  // Names left after the last role word (`（A牵头，B）`) are still part of the assignment, when
  // they name a body: `（A牵头，另行制定办法）` says something the grammar cannot read.
  for (const p of pending) {
    if (labelled || looksLikeOrg(p)) entries.push({ name: p, role: 'co' });
    else notes?.push(p);
  }
  // A labelled clause says what it is: a name it cannot hold is set aside (and noted), the rest
  // stands. In an unlabelled parenthesis such a name means it is no clause.
  if (labelled) {
    for (const e of entries) if (!plausibleName(e.name)) notes?.push(e.name);
    const kept = entries.filter((e) => plausibleName(e.name));
    entries.length = 0;
    entries.push(...kept);
    if (entries.length === 0) return null;
  } else if (!entries.every((e) => plausibleName(e.name))) return null;
  // A labelled clause says what it is; an unlabelled one must name at least one body.
  if (!labelled && !entries.some((e) => looksLikeOrg(e.name))) return null;

  if (noted) state.firstListedLeads = true;
  const assignment = resolve(entries, state.firstListedLeads);
  return sticky ? { ...assignment, sticky } : assignment;
}

function resolve(entries: Array<{ name: string; role: Role }>, firstListedLeads: boolean): Assignment {
  let leadNames: string[];
  const explicitLeads = entries.filter((e) => e.role === 'lead');
  if (explicitLeads.length > 0) {
    leadNames = explicitLeads.map((e) => e.name);
  } else {
    const responsible = entries.filter((e) => e.role !== 'co');
    const allJoint = responsible.length > 0 && responsible.every((e) => e.role === 'joint');
    // （A、B、C共同负责） without the note: all three lead. Everywhere else the first listed leads.
    leadNames = allJoint && !firstListedLeads ? responsible.map((e) => e.name) : [entries[0].name];
  }
  const lead = unique(leadNames);
  const leadSet = new Set(lead);
  const co = unique(entries.map((e) => e.name).filter((n) => !leadSet.has(n)));
  return { lead, co };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/**
 * A clause written without parentheses: from a role label at the start of a line or after a
 * full stop, to the end of its sentence (`…。牵头单位：A；责任单位：B、C`; `负责部门：A。` in the middle of
 * a paragraph), or over the following label lines.
 */
const BARE_LABEL_RE = new RegExp(`(?:^|[。；;！？])\\s*(【?(${LABEL_NAME})(?:】\\s?[:：]?|\\s?[:：]))`, 'gm');

/** A line that continues a bare clause: another label (`配合单位：` `完成时限：`). */
const LABEL_LINE_RE = /^【?[\u4e00-\u9fff]{2,8}】?\s*[:：]/;

/** Role words an assignment written as a plain sentence must contain. */
const SENTENCE_ROLE_RE = /牵头|负责|配合|参与|协助|协同/;
/** Words of a directive, never of an assignment (`各部门要加强协同配合`). */
const DIRECTIVE_RE = /要|将|须|需|应当|加强|做好|积极|切实|共同推进/;

/**
 * An assignment written as the closing sentence of a line, outside parentheses:
 * `…。由市发展改革委会同市财政局负责。` / `…。市住建局牵头，市水务局配合。`. Only the last sentence of
 * a line is read, and only when every name in it is a body (a directive such as `各地区、各部门要
 * 加强协同配合。` is text).
 */
function sentenceCandidates(text: string, groups: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  // Groups are disjoint and sorted; lines come in order, so one pointer finds those on a line.
  let k = 0;
  for (let lineStart = 0; lineStart < text.length; ) {
    const lineEndAt = lineEnd(text, lineStart);
    let end = lineEndAt;
    while (end > lineStart && '。；; \u3000'.includes(text[end - 1])) end--;
    let start = end;
    while (start > lineStart && !'。；;！!？?：:'.includes(text[start - 1])) start--;
    while (start < end && ' \u3000'.includes(text[start])) start++;
    // `建设平台，由A牵头、B配合，…`: the assignment starts at 由, what comes before is the work.
    if (end - start <= 200) {
      const by = text.slice(start, end).search(/[，,]由/);
      if (by > 0) start += by + 1;
    }
    const inner = end - start <= 200 ? text.slice(start, end) : '';
    while (k < groups.length && groups[k].end <= start) k++;
    if (
      inner.length >= 4 &&
      SENTENCE_ROLE_RE.test(inner) &&
      !DIRECTIVE_RE.test(inner) &&
      // Parentheses inside a name (`各县（市、区）人民政府`) are fine; a clause of its own is not.
      !overlapsClauseGroup(groups, k, start, end)
    ) {
      out.push({ start, end, inner, strict: true });
    }
    lineStart = lineEndAt + 1;
  }
  return out;
}

function overlapsClauseGroup(groups: readonly Candidate[], from: number, start: number, end: number): boolean {
  for (let i = from; i < groups.length && groups[i].start < end; i++) {
    if (groups[i].end > start && (groups[i].bare || SENTENCE_ROLE_RE.test(groups[i].inner))) return true;
  }
  return false;
}

/** Index of the last span starting before `pos` (spans sorted by start, disjoint), or -1. */
function coveringAt(spans: readonly { start: number; end: number }[], pos: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** True when `pos` lies strictly inside one of the sorted, disjoint spans. */
function covering(spans: readonly { start: number; end: number }[], pos: number): boolean {
  const i = coveringAt(spans, pos);
  return i >= 0 && spans[i].end > pos;
}

interface Candidate {
  start: number;
  end: number;
  inner: string;
  /** A label clause written without parentheses. */
  bare?: boolean;
  /** A plain sentence: every name must be a body. */
  strict?: boolean;
}

/** Clause-like text the grammar saw but could not fully read (offsets in the text searched). */
export interface Unread {
  start: number;
  end: number;
  text: string;
}

/** Role words and body labels that make a parenthesis look like an assignment. */
const ROLE_WORD_RE = /牵头|负责|配合|参与|协办|协助/;
const BODY_LABEL_RE = new RegExp(`${LABEL_NAME}】?\\s?[:：]`);

/**
 * A parenthesis the grammar rejected that still looks like an assignment: it carries a body label
 * or a role word next to something named like a body (`（省发展改革委牵头，另行制定办法）`).
 */
function looksLikeUnreadClause(inner: string): boolean {
  if (inner.length > 300) return false;
  if (BODY_LABEL_RE.test(inner)) return true;
  if (!ROLE_WORD_RE.test(inner)) return false;
  return splitTopLevel(inner, '、，,；;').some((t) => {
    const name = cleanName(t.replace(ROLE_SUFFIX_RE, ''));
    return name.length >= 2 && name.length <= 30 && name !== t && looksLikeOrg(name);
  });
}

/**
 * Every clause in `text`, in order; `state` carries the note across calls in document order.
 * Clause-like text that could not be read is added to `unread` when given.
 */
export function findClauses(text: string, state: ClauseState, unread?: Unread[]): Clause[] {
  const groups = findParenGroups(text);
  let candidates: Candidate[] = groups;
  if (/(?:单位|部门|处室|科室|机构|主体)】?\s?[:：]|】/.test(text)) {
    const bare: Candidate[] = [];
    let m: RegExpExecArray | null;
    for (BARE_LABEL_RE.lastIndex = 0; (m = BARE_LABEL_RE.exec(text)); ) {
      const start = m.index + m[0].length - m[1].length;
      // Not when the label sits inside a parenthesis that is itself the clause, nor for a label
      // that names no role.
      if (!labelRole(m[2]) || covering(groups, start)) continue;
      let end = bareClauseEnd(text, start);
      // `牵头单位：A` / `责任单位：B、C` / `完成时限：…` on consecutive lines are one clause.
      while (end < text.length && text[end] === '\n' && LABEL_LINE_RE.test(text.slice(end + 1, end + 12))) end = bareClauseEnd(text, end + 1);
      let inner = text.slice(start, end);
      while (inner.length > 0 && '。；; '.includes(inner[inner.length - 1])) inner = inner.slice(0, -1);
      bare.push({ start, end: start + inner.length, inner: inner.replace(/\n/g, '；'), bare: true });
      BARE_LABEL_RE.lastIndex = end;
    }
    if (bare.length > 0) {
      // A parenthesis inside a bare clause is part of it.
      const outside = groups.filter((g) => {
        const i = coveringAt(bare, g.start + 1);
        return i < 0 || bare[i].end <= g.start;
      });
      candidates = [...bare, ...outside];
      candidates.sort((a, b) => a.start - b.start);
    }
  }
  if (SENTENCE_ROLE_RE.test(text)) {
    const sentences = sentenceCandidates(text, candidates);
    if (sentences.length > 0) candidates = [...candidates, ...sentences].sort((a, b) => a.start - b.start);
  }
  const out: Clause[] = [];
  let prevInner = '';
  for (const g of candidates) {
    const notes: string[] = [];
    const a = g.strict ? parseSentenceClause(g.inner, state) : parseClauseContent(g.inner, state, notes);
    if (unread && ((!a && !g.strict && looksLikeUnreadClause(g.inner)) || notes.length > 0)) {
      unread.push({ start: g.start, end: g.end, text: a ? notes.join('；') : text.slice(g.start, g.end) });
    }
    if (!a) continue;
    const prev = out.length > 0 ? out[out.length - 1] : null;
    if (prev && !/[^\s。；;，,、]/.test(text.slice(prev.end, g.start))) {
      // `（A牵头）（B、C配合）`: adjacent clauses are one assignment.
      prevInner = `${prevInner}；${g.inner}`;
      const merged = parseClauseContent(prevInner, state) ?? a;
      out[out.length - 1] = { start: prev.start, end: g.end, lead: merged.lead, co: merged.co, sticky: merged.sticky };
    } else {
      prevInner = g.inner;
      out.push({ start: g.start, end: g.end, lead: a.lead, co: a.co, sticky: a.sticky });
    }
  }
  return out;
}

/** A sentence is an assignment only when every name it gives is a body. */
function parseSentenceClause(inner: string, state: ClauseState): Assignment | null {
  const probe = { ...state };
  const a = parseClauseContent(inner, probe);
  if (!a || ![...a.lead, ...a.co].every((n) => looksLikeOrg(n) && n.length <= 30)) return null;
  state.firstListedLeads = probe.firstListedLeads;
  return a;
}

/**
 * Where a bare clause ends: its line's end, or a full stop followed by text that is not another
 * label (`负责部门：A、B。下一项措施…`).
 */
function bareClauseEnd(text: string, from: number): number {
  const end = lineEnd(text, from);
  let depth = 0;
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (isOpenParen(c)) depth++;
    else if (isCloseParen(c) && depth > 0) depth--;
    else if (depth === 0 && '。！？!?'.includes(c)) {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\u3000')) j++;
      if (j < end && !LABEL_LINE_RE.test(text.slice(j, j + 12))) return i + 1;
    }
  }
  return end;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** Where the "first listed leads" note appears outside every parenthesis (a preamble rule). */
export function hasFreeStandingNote(text: string): boolean {
  if (!hasFirstListedNote(text)) return false;
  const groups = findParenGroups(text);
  NOTE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let free = false;
  while ((m = NOTE_RE.exec(text))) {
    const at = m.index;
    if (!groups.some((g) => g.start < at && g.end > at)) free = true;
  }
  NOTE_RE.lastIndex = 0;
  return free;
}

/** Words without which a text holds no clause (a cheap test before the grammar runs). */
const CLAUSE_WORD_RE = /牵头|负责|配合|参与|协助|协同|落实|单位|部门/;

/** True when `text` holds at least one department clause (the document's note state untouched). */
export function holdsClause(text: string): boolean {
  return CLAUSE_WORD_RE.test(text) && findClauses(text, newClauseState()).length > 0;
}

/**
 * True when the line is nothing but a clause: `（责任单位：A、B）` or `牵头单位：A` standing on a
 * line of its own, as plans place them after an item's sub-items.
 */
export function isClauseLine(line: string): boolean {
  if (!CLAUSE_WORD_RE.test(line)) return false;
  const clauses = findClauses(line, newClauseState());
  return clauses.length > 0 && clauses[0].start === 0 && !hasContent(line.slice(clauses[clauses.length - 1].end));
}
