/**
 * Titles and segments: where an item's heading ends, and how a paragraph holding several clauses
 * splits into tasks (each clause closes one).
 */
import type { Clause } from './clauses';
import { hasContent, isCloseParen, isOpenParen, SENTENCE_END, stripTrailingPunct } from './text';

/**
 * Where a heading ends: the first full stop, semicolon or colon outside parentheses, or `limit`
 * (the start of the first department clause). `sentence` mode ignores colons: the title of a
 * task split out of a paragraph is its first sentence, not a heading.
 */
export function headingEnd(text: string, limit = text.length, sentence = false): number {
  const end = Math.min(limit, text.length);
  let depth = 0;
  for (let i = 0; i < end; i++) {
    const c = text[i];
    if (isOpenParen(c)) depth++;
    else if (isCloseParen(c) && depth > 0) depth--;
    else if (depth === 0 && (SENTENCE_END.has(c) || c === '\n' || (!sentence && (c === '：' || c === ':')))) return i;
  }
  return end;
}

export function headingOf(text: string, limit = text.length, sentence = false): string {
  const t = stripTrailingPunct(text.slice(0, headingEnd(text, limit, sentence)));
  return t || stripTrailingPunct(text.slice(0, 60));
}

/**
 * A segment's title: its heading or first sentence, stopping at its clause; when the clause opens
 * the text (`（牵头单位：A）建设平台。…`), the heading after it.
 */
export function segmentTitle(seg: Segment, sentence: boolean): string {
  if (seg.clause && !hasContent(seg.text.slice(0, seg.clauseAt)) && hasContent(seg.text.slice(seg.clauseEnd))) {
    return headingOf(seg.text.slice(seg.clauseEnd).replace(/^[\s。；;，,：:]+/, ''), undefined, sentence);
  }
  return headingOf(seg.text, seg.clauseAt, sentence);
}

export interface Segment {
  text: string;
  clause: Clause | null;
  /** Offset in `text` where the closing clause starts (the title never runs into it). */
  clauseAt: number;
  /** Offset in `text` just past that clause. */
  clauseEnd: number;
  first: boolean;
  /** The span of the source text the segment covers. */
  from: number;
  to: number;
}

/**
 * Several tasks in one paragraph: when an item holds more than one clause, each clause closes
 * the task that runs from the previous clause (or the start) up to and including it. Text after
 * the last clause stays with the last task. An item with a single clause is one task, wherever
 * the clause stands.
 */
export function splitByClauses(text: string, clauses: readonly Clause[]): Segment[] {
  if (clauses.length === 0) return [{ text, clause: null, clauseAt: text.length, clauseEnd: text.length, first: true, from: 0, to: text.length }];
  if (clauses.length === 1) {
    return [{ text, clause: clauses[0], clauseAt: clauses[0].start, clauseEnd: clauses[0].end, first: true, from: 0, to: text.length }];
  }
  const out: Segment[] = [];
  let pos = 0;
  let lastStart = 0;
  for (const c of clauses) {
    let end = c.end;
    if (end < text.length && '。；;'.includes(text[end])) end++;
    const raw = text.slice(pos, end);
    const lead = raw.length - raw.trimStart().length;
    if (hasContent(text.slice(pos, c.start)) || out.length === 0) {
      out.push({
        text: raw.trim(),
        clause: c,
        clauseAt: c.start - pos - lead,
        clauseEnd: c.end - pos - lead,
        first: out.length === 0,
        from: out.length === 0 ? 0 : pos,
        to: end,
      });
      lastStart = pos;
    } else {
      out[out.length - 1].text = text.slice(lastStart, end).trim();
      out[out.length - 1].to = end;
    }
    pos = end;
  }
  if (hasContent(text.slice(pos))) out[out.length - 1].text = text.slice(lastStart).trim();
  out[out.length - 1].to = text.length;
  return out;
}
