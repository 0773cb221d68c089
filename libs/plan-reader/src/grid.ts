/**
 * Merged table cells resolved into the PlanDocument grid: a cell spanning columns or rows has its
 * text repeated in every position it covers (see @duban/plan-parser document.ts).
 */
export interface GridCell {
  text: string;
  colSpan: number;
  /** Word's vMerge continuation: the cell above goes on through this row. */
  continuesAbove?: boolean;
  /** HTML's rowspan: this cell also covers the next rowSpan - 1 rows. */
  rowSpan?: number;
}

export function gridFromCells(rows: GridCell[][]): string[][] {
  const grid: string[][] = [];
  /** column → remaining rows and text of an HTML rowspan still open */
  const open = new Map<number, { left: number; text: string }>();
  for (const cells of rows) {
    const out: string[] = [];
    let col = 0;
    const skipOpen = () => {
      while (open.has(col)) {
        const o = open.get(col)!;
        out[col] = o.text;
        if (--o.left === 0) open.delete(col);
        col++;
      }
    };
    for (const cell of cells) {
      skipOpen();
      for (let k = 0; k < cell.colSpan; k++, col++) {
        const above = grid.length ? grid[grid.length - 1][col] : undefined;
        const text = cell.continuesAbove && above !== undefined ? above : clean(cell.text);
        out[col] = text;
        if ((cell.rowSpan ?? 1) > 1) open.set(col, { left: cell.rowSpan! - 1, text });
      }
    }
    skipOpen();
    grid.push(out);
  }
  const width = Math.max(0, ...grid.map((r) => r.length));
  const full = grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  return full.filter((r) => r.some((c) => c.trim() !== ''));
}

function clean(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[\s\u3000]+/g, (m) => (m.includes('\t') ? ' ' : m)).trim())
    .filter((l) => l !== '')
    .join('\n');
}
