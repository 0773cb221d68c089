import { StreamableFile } from '@nestjs/common';
import { Workbook } from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
}

/** `?format=xlsx`, or an Accept header that asks for a spreadsheet. */
export function wantsXlsx(format: string | undefined, accept: string | undefined): boolean {
  return format === 'xlsx' || (format === undefined && !!accept?.includes(XLSX_TYPE));
}

/** One sheet with a bold, frozen header row: how a coordinator's 台账 looks. */
export async function xlsxFile<T>(name: string, columns: Column<T>[], rows: T[]): Promise<StreamableFile> {
  const book = new Workbook();
  book.creator = '督办';
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row)));
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  return new StreamableFile(buffer, {
    type: XLSX_TYPE,
    length: buffer.length,
    disposition: `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`,
  });
}
