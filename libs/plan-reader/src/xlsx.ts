/**
 * .xlsx → PlanDocument: each sheet's used range as one table, merged ranges expanded into the
 * grid (the master cell's text in every cell it covers), line breaks in cells kept. Leading rows
 * that hold one text across the sheet (a title merged over all columns) become paragraphs, so a
 * 分工表's title reads as the title. ExcelJS unzips by itself, so it gets the archive rebuilt
 * from entries already inflated within the limits.
 */
import ExcelJS from 'exceljs';
import type { Block, PlanDocument } from '@duban/plan-parser';
import { PlanReadError } from './errors';
import { READ_LIMITS } from './limits';
import { rezip, unzipSafely } from './zip';

export async function readXlsx(bytes: Uint8Array): Promise<PlanDocument> {
  const safe = rezip(unzipSafely(bytes, 'Excel (.xlsx)'));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(safe) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new PlanReadError('corrupt', `文件已损坏 / the .xlsx file could not be read (${e instanceof Error ? e.message : String(e)})`, 'xlsx');
  }
  const blocks: Block[] = [];
  workbook.eachSheet((sheet) => {
    if (sheet.state !== 'visible' && sheet.state !== undefined) return;
    const rowCount = sheet.actualRowCount ? sheet.rowCount : 0;
    const colCount = sheet.columnCount;
    if (rowCount * colCount > READ_LIMITS.maxSheetCells) {
      throw new PlanReadError('too_large', `表格过大 / sheet “${sheet.name}” has ${rowCount * colCount} cells, the limit is ${READ_LIMITS.maxSheetCells}`, 'xlsx');
    }
    const rows: string[][] = [];
    for (let r = 1; r <= rowCount; r++) {
      const row = sheet.getRow(r);
      if (row.hidden) continue;
      const cells: string[] = [];
      for (let c = 1; c <= colCount; c++) {
        const cell = row.getCell(c);
        cells.push(cellText(cell.isMerged ? cell.master : cell));
      }
      if (cells.some((t) => t !== '')) rows.push(cells);
    }
    let i = 0;
    while (i < rows.length - 1 && new Set(rows[i].filter((t) => t !== '')).size === 1) {
      blocks.push({ kind: 'paragraph', text: rows[i].find((t) => t !== '')! });
      i++;
    }
    if (i < rows.length) blocks.push({ kind: 'table', rows: rows.slice(i) });
  });
  return { blocks };
}

function cellText(cell: ExcelJS.Cell): string {
  let text: string;
  try {
    text = cell.text ?? '';
  } catch {
    text = String(cell.value ?? '');
  }
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}
