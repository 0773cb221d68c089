/**
 * Document structure: an outline tree built from numbering markers (validated by sequence, so a
 * stray `3G网络` or `2017年` at a line start never opens an item), then a semantic pass that
 * tells goal sections, action parts, key areas, items and 专栏 projects apart and turns items
 * into tasks.
 */
import { Clause, ClauseState, findClauses, hasFreeStandingNote, holdsClause, isClauseLine, type Unread } from './clauses';
import { DateContext, headingYear, latestDate } from './dates';
import { hasContent, isCloseParen, isOpenParen } from './text';
import { headingEnd, headingOf, segmentTitle, splitByClauses } from './segments';
import { detectMarker, MarkerKind } from './tokenizer';

export { headingEnd, headingOf, segmentTitle, splitByClauses } from './segments';
export type { Segment } from './segments';
import type { ParsedTask, TaskKind } from './types';

export type NodeKind = 'root' | MarkerKind | 'colsub';

export interface OutlineNode {
  kind: NodeKind;
  num: number;
  /** Text of the node's first line, marker removed. */
  head: string;
  /** Paragraphs after the first line, before the first child. */
  paras: string[];
  children: OutlineNode[];
  parent: OutlineNode | null;
}

/** Kinds that number items (as opposed to headings of areas). */
const ITEM_KINDS: ReadonlySet<NodeKind> = new Set(['art', 'ar', 'ard', 'ard3', 'arp', 'par', 'circ', 'dash', 'bullet']);
/** Kinds whose next sibling may follow on the same line after a full stop (`…走出去。4.拓展…`). */
const INLINE_KINDS: ReadonlySet<NodeKind> = new Set(['pcn', 'ar', 'arp', 'par', 'circ', 'dash', 'bullet']);

function newNode(kind: NodeKind, num: number, head: string, parent: OutlineNode | null): OutlineNode {
  return { kind, num, head, paras: [], children: [], parent };
}

export function nodeText(n: OutlineNode): string {
  return n.head ? [n.head, ...n.paras].join('\n') : n.paras.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Outline builder

export class OutlineBuilder {
  readonly root = newNode('root', 0, '', null);
  private stack: OutlineNode[] = [this.root];
  private lastNum = new Map<NodeKind, number>();

  /** Number of nodes opened so far (a document with almost none has no numbering). */
  nodeCount = 0;

  /** Nodes whose own text or sub-items hold a department clause. */
  private withClause = new Set<OutlineNode>();

  feed(line: string): void {
    let rest: string | null = line;
    while (rest) rest = this.feedOne(rest);
  }

  private get top(): OutlineNode {
    return this.stack[this.stack.length - 1];
  }

  private feedOne(line: string): string | null {
    const m = detectMarker(line);
    if (m) {
      const node = this.open(m.kind, m.num, line.slice(m.length).trim());
      if (node) return this.splitInline(node, true);
    }
    const top = this.top;
    const owner = isClauseLine(line) ? this.clauseLineOwner(top) : top;
    owner.paras.push(line);
    this.markClauses(owner, line);
    return owner !== top || top === this.root ? null : this.splitInline(top, false);
  }

  private markClauses(node: OutlineNode, text: string): void {
    if (node === this.root || this.withClause.has(node) || !holdsClause(text)) return;
    for (let n: OutlineNode | null = node; n && n !== this.root && !this.withClause.has(n); n = n.parent) this.withClause.add(n);
  }

  /**
   * A clause on a line of its own after sub-items (`1.完善应急预案体系` `(1)…` `(2)…`
   * `(责任单位：…)`) assigns the item that holds them, not only the last one: unless an earlier
   * sub-item states a clause of its own, in which case every sub-item closes with its own.
   */
  private clauseLineOwner(top: OutlineNode): OutlineNode {
    const parent = top.parent;
    if (!parent || parent === this.root || parent.kind === 'column' || parent.kind === 'colsub') return top;
    if (this.withClause.has(top) || parent.children.length < 2) return top;
    for (let i = parent.children.length - 2; i >= 0; i--) if (this.withClause.has(parent.children[i])) return top;
    return parent;
  }

  private indexOfKind(kind: NodeKind): number {
    for (let i = this.stack.length - 1; i > 0; i--) if (this.stack[i].kind === kind) return i;
    return -1;
  }

  private push(kind: NodeKind, num: number, head: string): OutlineNode {
    const parent = this.top;
    const node = newNode(kind, num, head, parent);
    parent.children.push(node);
    this.stack.push(node);
    this.nodeCount++;
    this.markClauses(node, head);
    return node;
  }

  /** Opens the node a marker announces, or returns null when the numbering does not fit. */
  private open(kind: MarkerKind, num: number, head: string): OutlineNode | null {
    if (kind === 'column') {
      while (this.stack.length > 1 && (ITEM_KINDS.has(this.top.kind) || this.top.kind === 'column' || this.top.kind === 'colsub')) {
        this.stack.pop();
      }
      return this.push('column', 0, head);
    }
    if (kind === 'dash' || kind === 'bullet') {
      const i = this.indexOfKind(kind);
      if (i > 0) this.stack.length = i;
      return this.push(kind, 0, head);
    }
    if (kind === 'cn') {
      const col = this.indexOfKind('column');
      if (col > 0) {
        // Inside a 专栏, `一、医疗领域重点工程` is a sub-heading of the column, not the next part:
        // it restarts at 一 or continues the column's own sequence.
        const subs = this.stack[col].children.filter((c) => c.kind === 'colsub');
        const lastSub = subs.length > 0 ? subs[subs.length - 1].num : 0;
        const partExpected = (this.lastNum.get('cn') ?? 0) + 1;
        if ((lastSub > 0 && num === lastSub + 1) || (lastSub === 0 && num !== partExpected)) {
          this.stack.length = col + 1;
          return this.push('colsub', num, head);
        }
      }
    }
    const i = this.indexOfKind(kind);
    if (i > 0) {
      if (num !== this.stack[i].num + 1) return null;
      this.stack.length = i;
    } else {
      // A new list starts at 1, or continues the numbering of the previous list of this kind
      // (国发 documents number items 1–21 straight through their sections).
      const last = this.lastNum.get(kind) ?? 0;
      if (num !== 1 && num !== last + 1) return null;
    }
    this.lastNum.set(kind, num);
    return this.push(kind, num, head);
  }

  /**
   * Two items on one line: cut the node's latest text where the next sibling's marker follows a
   * full stop, and hand back the remainder to be fed as a line of its own.
   */
  private splitInline(node: OutlineNode, inHead: boolean): string | null {
    if (!INLINE_KINDS.has(node.kind)) return null;
    const text = inHead ? node.head : node.paras[node.paras.length - 1];
    const at = findInlineSibling(text, node.kind, node.num);
    if (at < 0) return null;
    const before = text.slice(0, at).trim();
    if (inHead) node.head = before;
    else node.paras[node.paras.length - 1] = before;
    return text.slice(at).trim();
  }
}

/** Characters a marker of each kind can start with (a cheap test before detectMarker). */
const FIRST_CHARS: Partial<Record<NodeKind, RegExp>> = {
  pcn: /[（(]/,
  par: /[（(]/,
  ar: /[0-9０-９]/,
  arp: /[0-9０-９]/,
  circ: /[\u2460-\u2473]/,
  dash: /[—―─━\-－]/,
  bullet: /[●•◆■▪◇○◎★☆▶►]/,
};

/**
 * Only a full stop ends an item on a shared line; after `；` a number is an enumeration inside
 * the item (`主要包括：1.建设A；2.建设B`).
 */
const FULL_STOPS = new Set(['。', '！', '？', '!', '?']);

function findInlineSibling(text: string, kind: NodeKind, num: number): number {
  const first = FIRST_CHARS[kind];
  if (!first) return -1;
  let depth = 0;
  // A closing clause after the full stop (`…。（责任单位：A）１０．下一项`) ends the item too.
  let clauseAfterStop = false;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if (isOpenParen(c)) {
      if (depth === 0) clauseAfterStop = i > 0 && FULL_STOPS.has(text[i - 1]);
      depth++;
    } else if (isCloseParen(c) && depth > 0) {
      depth--;
      if (depth === 0 && clauseAfterStop) {
        const m = detectMarker(text.slice(i + 1, i + 17));
        if (m && m.kind === kind && first.test(text[i + 1]) && (kind === 'dash' ? text[i + 2] === text[i + 1] : m.num === num + 1)) return i + 1;
      }
    } else if (depth === 0 && FULL_STOPS.has(c)) {
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\u3000')) j++;
      if (j >= text.length || !first.test(text[j])) continue;
      const m = detectMarker(text.slice(j, j + 16));
      if (!m || m.kind !== kind) continue;
      if (kind === 'dash' ? text[j + 1] === text[j] : m.num === num + 1) return j;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Semantic classification

const GOAL_RE =
  /^(?:指导思想|基本原则|总体思路|发展思路|基本思路|总体要求|总体目标|发展目标|主要目标|工作目标|行动目标|建设目标|重要意义|重大意义|总体考虑|工作原则|主要原则|发展原则|基本要求|发展定位|战略定位|总体定位|发展基础|发展现状|现状与形势|面临形势|形势分析|总体框架)/;
const NOT_GOAL_RE = /重点任务|主要任务|任务分工|保障措施|重点工作|重点行动/;
const CONTAINER_RE =
  /重点任务|主要任务|重点领域|重点行动|重点工作|主要工作|主要举措|重点举措|重点工程|重大工程|重点项目|重大项目|保障措施|保障支撑|支撑保障|组织保障|政策措施|任务分工|责任分工|具体措施|主要措施|工作措施|工作任务|行动内容|主要内容|专项行动|实施路径|重点方向|主要方向/;
/** Safeguard parts and key areas; a part may also simply end in 保障 (`强化支撑有力的基础保障`). */
export const SAFEGUARD_RE = /保障措施|保障支撑|支撑保障|组织保障|组织实施|实施保障|保障机制|有关要求|工作要求|实施要求/;
// …but 民生保障, 社会保障, 住房保障 are policy fields, not safeguards.
const SAFEGUARD_PART_RE = /(?<!民生|社会|住房|医疗|生活|养老|就业|基本|粮食|能源|安全)保障$/;
const PROJECT_RE = /(?:重点|重大|示范)(?:工程|项目)(?:建设)?$/;

interface NodeInfo {
  title: string;
  text: string;
  clauses: Clause[];
  /** Clause-like text in the node's text the grammar could not read. */
  unread: Unread[];
  goal: boolean;
  /** Pre-order (document-order) index. */
  order: number;
  /** The latest 下同 clause before this node, with the order of the node that stated it. */
  sticky: { clause: Clause; order: number } | null;
}

export interface StructureContext extends DateContext {
  /** Deadline when neither the item nor its key area states one (rule 3), or null. */
  planDeadline: string | null;
  clauseState: ClauseState;
}

/** Turns a built outline into tasks. */
export class TaskExtractor {
  private info = new Map<OutlineNode, NodeInfo>();
  private order = 0;
  private lastSticky: { clause: Clause; order: number } | null = null;
  private areaDates = new Map<OutlineNode, string | null>();
  private tasks: ParsedTask[] = [];
  readonly goalText: string[] = [];

  constructor(
    private readonly root: OutlineNode,
    private readonly ctx: StructureContext,
  ) {
    // Clauses are read in document order (pre-order): the "first listed leads" note and 下同
    // apply from their clause on.
    this.analyse(root);
  }

  private analyse(node: OutlineNode): void {
    const text = nodeText(node);
    // The note may stand outside any clause (`以下各项任务列第一位者为牵头单位`); inside a clause
    // the clause grammar sets it when it reaches that clause.
    if (hasFreeStandingNote(text)) this.ctx.clauseState.firstListedLeads = true;
    const unread: Unread[] = [];
    const clauses = node.kind === 'root' ? [] : findClauses(text, this.ctx.clauseState, unread);
    const head = node.head || text;
    const first = clauses.length > 0 ? clauses[0] : null;
    // A clause opening the heading (`（一）（牵头单位：A）建设平台`) is not the title.
    const title =
      node.kind === 'root'
        ? ''
        : first && !hasContent(head.slice(0, first.start)) && hasContent(head.slice(first.end))
          ? headingOf(head.slice(first.end).replace(/^[\s。；;，,：:]+/, ''))
          : headingOf(head, first ? first.start : undefined);
    const order = this.order++;
    const info: NodeInfo = { title, text, clauses, unread, goal: false, order, sticky: this.lastSticky };
    this.info.set(node, info);
    for (const c of clauses) if (c.sticky) this.lastSticky = { clause: c, order };
    for (const c of node.children) this.analyse(c);
    // A goal section whose numbered items are assigned (`一、主要目标` `1.地区生产总值增长6%（牵头单位：…）`,
    // a breakdown plan's indicators) holds tasks; one whose items name no department stays a goal.
    info.goal = node.kind !== 'root' && GOAL_RE.test(title) && !NOT_GOAL_RE.test(title) && !this.itemsAssigned(node);
    if (info.goal) this.goalText.push(subtreeText(node));
  }

  /** True when a numbered item below `node` carries a department clause of its own. */
  private itemsAssigned(node: OutlineNode): boolean {
    return node.children.some((c) => (ITEM_KINDS.has(c.kind) && this.get(c).clauses.length > 0) || this.itemsAssigned(c));
  }

  private get(n: OutlineNode): NodeInfo {
    return this.info.get(n)!;
  }

  extract(): ParsedTask[] {
    for (const part of this.root.children) this.part(part);
    return this.tasks;
  }

  /** Children that are items or areas (not 专栏, not goal statements). */
  private contentChildren(n: OutlineNode): OutlineNode[] {
    return n.children.filter((c) => c.kind !== 'column' && c.kind !== 'colsub' && !this.get(c).goal);
  }

  private part(part: OutlineNode): void {
    const p = this.get(part);
    if (p.goal) return;
    const kids = this.contentChildren(part);
    const kidsAreAreas =
      kids.length > 0 &&
      ((CONTAINER_RE.test(p.title) && kids.some((k) => k.kind === 'cn' || k.kind === 'pcn')) ||
        kids.some((k) => this.contentChildren(k).length > 0));
    if (!kidsAreAreas) {
      this.keyArea(part);
      return;
    }
    for (const child of part.children) {
      if (this.get(child).goal) continue;
      if (child.kind === 'column' || child.kind === 'colsub') this.walk(child, part, true);
      else this.keyArea(child);
    }
  }

  private keyArea(area: OutlineNode): void {
    if (area.children.length === 0) {
      // A key area without items is itself one task (split by its clauses, if several).
      this.emit(area, area, false, true);
      return;
    }
    this.walk(area, area, false);
  }

  private walk(node: OutlineNode, area: OutlineNode, project: boolean): void {
    for (const child of node.children) {
      if (this.get(child).goal) continue;
      if (child.kind === 'column' || child.kind === 'colsub') {
        if (child.children.length > 0) this.walk(child, area, true);
        else if (child.paras.length > 0) this.emit(child, area, true, false);
        continue;
      }
      if (this.contentChildren(child).length === 0) {
        this.emit(child, area, project, false);
        // A 专栏 placed after an item still belongs to the item's key area.
        if (child.children.length > 0) this.walk(child, area, true);
      } else {
        // A container item is a task of its own only when it says more than its heading
        // (`2.行动任务。` introduces the items under it and is not).
        if (this.hasOwnContent(child)) this.emit(child, area, project, false);
        this.walk(child, area, project);
      }
    }
  }

  private hasOwnContent(node: OutlineNode): boolean {
    const info = this.get(node);
    // A clause is an assignment, not content: `1.完善应急预案体系` with `(责任单位：…)` after its
    // sub-items still only introduces them.
    let text = info.text;
    for (let i = info.clauses.length - 1; i >= 0; i--) text = text.slice(0, info.clauses[i].start) + text.slice(info.clauses[i].end);
    const rest = text.slice(headingEnd(text));
    // A long remainder, or at least one full sentence (`推进智能制造。建设智能工厂。`); an
    // introduction such as `主要包括：` is not content.
    return contentLength(rest) >= 12 || rest.split(/[。；;！!？?]/).slice(0, -1).some((x) => contentLength(x) >= 4);
  }

  private kindOf(node: OutlineNode, project: boolean): TaskKind {
    if (project) return 'project';
    for (let n: OutlineNode | null = node; n && n.kind !== 'root'; n = n.parent) {
      const t = this.get(n).title;
      if (SAFEGUARD_RE.test(t)) return 'safeguard';
      // `四、强化支撑有力的基础保障`: a part heading (not a leaf item) ending in 保障.
      if (n.parent === this.root && n.children.length > 0 && SAFEGUARD_PART_RE.test(t)) return 'safeguard';
    }
    for (let n: OutlineNode | null = node.parent; n && n.kind !== 'root'; n = n.parent) {
      if (PROJECT_RE.test(this.get(n).title)) return 'project';
    }
    return 'task';
  }

  /**
   * The clause an item without one of its own takes: the nearest enclosing clause, unless an
   * earlier item's clause said 下同 after that one was stated.
   */
  private inherited(node: OutlineNode): Clause | null {
    let enclosing: { clause: Clause; order: number } | null = null;
    for (let n = node.parent; n && n.kind !== 'root'; n = n.parent) {
      const info = this.get(n);
      if (info.clauses.length > 0) {
        enclosing = { clause: info.clauses[0], order: info.order };
        break;
      }
    }
    const sticky = this.get(node).sticky;
    if (sticky && (!enclosing || sticky.order > enclosing.order)) return sticky.clause;
    return enclosing ? enclosing.clause : null;
  }

  /** A date stated for the item's key area: the nearest enclosing text or 行动目标 that has one. */
  private areaDate(from: OutlineNode | null, area: OutlineNode): string | null {
    for (let n = from; n && n.kind !== 'root'; n = n.parent) {
      let d = this.areaDates.get(n);
      if (d === undefined) {
        d = latestDate(this.get(n).text, this.ctx) ?? headingYear(this.get(n).title, this.ctx);
        for (const c of n.children) {
          if (!this.get(c).goal) continue;
          const g = latestDate(subtreeText(c), this.ctx);
          if (g && (!d || g > d)) d = g;
        }
        this.areaDates.set(n, d);
      }
      if (d) return d;
      if (n === area) break;
    }
    return null;
  }

  private emit(node: OutlineNode, area: OutlineNode, project: boolean, isArea: boolean): void {
    const info = this.get(node);
    const text = node.kind === 'column' || node.kind === 'colsub' ? node.paras.join('\n') : info.text;
    if (!hasContent(text)) return;
    const own = node.kind === 'column' || node.kind === 'colsub';
    const unread: Unread[] = own ? [] : info.unread;
    const clauses = own ? findClauses(text, this.ctx.clauseState, unread) : info.clauses;
    const section = this.get(area).title;
    const kind = this.kindOf(node, project);
    const fallback = this.inherited(node);
    const areaDate = isArea ? null : this.areaDate(node.parent, area);
    for (const seg of splitByClauses(text, clauses)) {
      const assignment = seg.clause ?? fallback;
      const task: ParsedTask = {
        section,
        title: segmentTitle(seg, !seg.first),
        kind,
        text: seg.text,
        lead: assignment ? [...assignment.lead] : [],
        co: assignment ? [...assignment.co] : [],
        deadline: latestDate(seg.text, this.ctx) ?? areaDate ?? this.ctx.planDeadline,
      };
      const seen = unread.filter((u) => u.start >= seg.from && u.start < seg.to).map((u) => u.text);
      if (seen.length > 0) task.unread = seen;
      this.tasks.push(task);
    }
  }
}

function contentLength(s: string): number {
  return s.replace(/[\s\p{P}\p{S}]/gu, '').length;
}

function subtreeText(n: OutlineNode): string {
  const parts = [nodeText(n)];
  for (const c of n.children) parts.push(subtreeText(c));
  return parts.join('\n');
}
