/**
 * Physical lines → logical lines: re-joins what the source broke in the middle of a sentence (page
 * breaks, PDF hard wraps, copy/paste) and markers left alone on a line, before the outline is built.
 */
import { isPageFurniture } from './layout';
import { isCloseParen, isOpenParen, SENTENCE_END } from './text';
import { detectMarker } from './tokenizer';

/**
 * Re-joins lines the source broke in the middle of a sentence (page breaks, PDF extraction,
 * copy/paste) and markers left alone on a line. A line continues on the next unnumbered line
 * when it leaves a parenthesis open, when it fills the text's hard-wrap width, or when it is
 * long and does not end a sentence; short unpunctuated lines are headings and stay on their own.
 */
export function logicalLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  const wrap: Wrap = { chars: wrapWidth(lines, (l) => l.length), columns: wrapWidth(lines, displayWidth) };
  let pendingMarker = '';
  let depth = 0; // parenthesis depth at the end of the current logical line
  let lastLine = ''; // its last physical line
  // The current logical line as its physical lines (joined once, so a long run of joined lines
  // costs linear time), with its length.
  let parts: string[] = [];
  let length = 0;
  const flush = () => {
    if (parts.length > 0) out.push(parts.join(''));
    parts = [];
    length = 0;
  };
  for (const raw of lines) {
    if (!raw || isPageFurniture(raw)) continue;
    // A marker alone on a line waits for its text; a second bare marker does not join it (a run
    // of such lines would otherwise grow one line quadratically).
    if (pendingMarker) {
      const own = detectMarker(raw);
      if (own && own.length === raw.length && own.kind !== 'column') {
        flush();
        parts = [pendingMarker];
        length = pendingMarker.length;
        lastLine = pendingMarker;
        depth = 0;
        pendingMarker = raw;
        continue;
      }
    }
    const line = pendingMarker + raw;
    pendingMarker = '';
    const m = detectMarker(line);
    if (m && m.length === line.length && m.kind !== 'column') {
      pendingMarker = line;
      continue;
    }
    if (parts.length > 0 && !m && (depth > 0 || continuesPrevious(lastLine, length, line, wrap))) {
      depth = parenDepth(line, depth);
    } else {
      flush();
      depth = parenDepth(line, 0);
    }
    parts.push(line);
    length += line.length;
    lastLine = line;
  }
  flush();
  if (pendingMarker) out.push(pendingMarker);
  return out;
}

const LONG_LINE = 40;

/** Hard-wrap width of the text, by characters and by display columns (null: not wrapped). */
interface Wrap {
  chars: number | null;
  columns: number | null;
}

/** Whether `line` continues the logical line of `prevLength` characters that ends with `prevLine`. */
function continuesPrevious(prevLine: string, prevLength: number, line: string, wrap: Wrap): boolean {
  const last = prevLine[prevLine.length - 1];
  if (SENTENCE_END.has(last) || '：:）)」』'.includes(last)) return false;
  // A line that fills the hard-wrap width was cut by the layout, not by the author.
  if (wrap.chars !== null && prevLine.length >= wrap.chars - 1) return true;
  if (wrap.columns !== null && displayWidth(prevLine) >= wrap.columns - 2) return true;
  // A short unpunctuated line is a heading of its own, whatever precedes it.
  if (line.length <= 30 && !/[。！？；;，,、）)]$/.test(line)) return false;
  if ('、，,（(“《'.includes(last)) return true;
  return prevLength >= LONG_LINE;
}

/** Parenthesis depth after `line`, starting from `depth` (never below zero). */
function parenDepth(line: string, depth: number): number {
  let d = depth;
  for (let i = 0; i < line.length; i++) {
    if (isOpenParen(line[i])) d++;
    else if (isCloseParen(line[i]) && d > 0) d--;
  }
  // A parenthesis left open for many lines is a typo, not a clause.
  return d > 0 && line.length > 400 ? 0 : d;
}

/** Full-width characters count two columns, as a page layout sees them. */
function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += s.charCodeAt(i) < 0x1100 ? 1 : 2;
  return w;
}

/**
 * The width text was hard-wrapped at (PDF extraction), or null: hard-wrapped text has a large
 * share of its lines within a column or two of one maximum width; authored text with one
 * paragraph per line does not.
 */
function wrapWidth(lines: readonly string[], measure: (l: string) => number): number | null {
  const widths = lines.filter((l) => l.length >= 12).map(measure);
  if (widths.length < 20) return null;
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const w of counts.keys()) {
    const c = (counts.get(w) ?? 0) + (counts.get(w - 1) ?? 0) + (counts.get(w - 2) ?? 0);
    if (c > bestCount || (c === bestCount && best !== null && w > best)) {
      best = w;
      bestCount = c;
    }
  }
  return best !== null && bestCount >= widths.length * 0.3 && best >= 20 ? best : null;
}
