/**
 * Character-level helpers shared by the tokenizer, the clause grammar and the date grammar.
 * Everything here is linear in the input: the parser must stay usable on 10 MB documents.
 */

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** CRLF/CR and Unicode line separators to LF; zero-width characters and BOMs removed. */
export function normalizeNewlines(s: string): string {
  return s.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n').replace(ZERO_WIDTH, '');
}

/** Lines with surrounding whitespace removed (String#trim covers NBSP and U+3000). */
export function splitLines(text: string): string[] {
  return normalizeNewlines(text).split('\n').map((l) => l.trim());
}

/**
 * Full-width digits to ASCII, one UTF-16 unit for one, so offsets found in the converted
 * string are valid in the original.
 */
export function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Sentence-ending punctuation: a line ending in one of these is a complete paragraph. */
export const SENTENCE_END = new Set(['。', '！', '？', '；', ';', '!', '?']);

export function isOpenParen(c: string): boolean {
  return c === '(' || c === '（';
}

export function isCloseParen(c: string): boolean {
  return c === ')' || c === '）';
}

const CJK_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function isCjk(c: string): boolean {
  return CJK_RE.test(c);
}

/** True when the string holds something readable (not only punctuation and spaces). */
export function hasContent(s: string): boolean {
  return /[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9０-９]/.test(s);
}

export interface ParenGroup {
  /** Offset of the opening parenthesis. */
  start: number;
  /** Offset just past the closing parenthesis. */
  end: number;
  /** Text between the parentheses. */
  inner: string;
}

/**
 * Outermost matched parenthesis groups, full- and half-width alike (documents mix them, e.g.
 * `（省发展改革委(牵头)）`), and tortoise-shell brackets, which some provinces use for clauses
 * (`〔责任单位：省市场监管局〕`). Pairs never span a line break, and an unmatched parenthesis does not
 * swallow the rest of the text: matching is stack based and unmatched openers are dropped.
 */
export function findParenGroups(text: string): ParenGroup[] {
  const pairs: Array<[number, number]> = [];
  let stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') stack = [];
    else if (isOpenParen(c) || c === '〔') stack.push(i);
    else if ((isCloseParen(c) || c === '〕') && stack.length > 0) pairs.push([stack.pop()!, i + 1]);
  }
  pairs.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: ParenGroup[] = [];
  let coveredTo = -1;
  for (const [start, end] of pairs) {
    if (start < coveredTo) continue;
    out.push({ start, end, inner: text.slice(start + 1, end - 1) });
    coveredTo = end;
  }
  return out;
}

/** Split on any of `seps` outside parentheses; pieces are trimmed, empty pieces dropped. */
export function splitTopLevel(s: string, seps: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (isOpenParen(c) || c === '〔' || c === '【') depth++;
    else if ((isCloseParen(c) || c === '〕' || c === '】') && depth > 0) depth--;
    else if (depth === 0 && seps.includes(c)) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Trailing punctuation a title or section must not keep. */
export function stripTrailingPunct(s: string): string {
  let end = s.length;
  while (end > 0 && '。，,、；;：:！？!?．. \t'.includes(s[end - 1])) end--;
  return s.slice(0, end).trim();
}
