/**
 * The one intermediate form every format reader produces and the parser consumes, so the clause
 * and date grammars stay one piece of code whatever container a plan arrives in.
 *
 * Readers render what a reader of the page sees: Word's automatic list numbering as text
 * (`一、`, `（一）`, `1.`), page furniture (running headers, footers, page numbers, navigation)
 * dropped, PDF lines joined back into paragraphs.
 */
export type Block =
  | { kind: 'heading'; text: string; level?: number }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; rows: TableRow[] };

/**
 * One table row as a grid: every row has one cell per grid column. A merged cell's text is
 * repeated in every position it spans (down and across), so a row whose cells all hold one
 * text is a merged group row. A line break inside a cell is `\n`.
 */
export type TableRow = string[];

export interface PlanDocument {
  blocks: Block[];
}

/** A plain-text plan: one paragraph per non-empty line (tables, if any, are flattened text). */
export function documentFromText(text: string): PlanDocument {
  return { blocks: text.split(/\r\n?|\n|[\u2028\u2029\u0085]/).filter((l) => l.trim() !== '').map((text) => ({ kind: 'paragraph' as const, text })) };
}

/**
 * The document as the line-oriented parser reads it: one line per heading or paragraph, a table
 * as `|`-separated rows (multi-line cells joined, so a row stays on one line).
 */
export function documentLines(doc: PlanDocument): string[] {
  const lines: string[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'table') {
      for (const row of block.rows) lines.push(row.map((cell) => cell.replace(/\s*\n\s*/g, '、').replace(/[|｜]/g, '／')).join(' | '));
    } else {
      lines.push(...block.text.split(/\r\n?|\n/));
    }
  }
  return lines;
}
