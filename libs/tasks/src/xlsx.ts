import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { stream } from 'exceljs';

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

/**
 * One sheet with a bold, frozen header row: how a coordinator's 台账 looks. Every row, however
 * many: the workbook is streamed as the batches arrive (exceljs' WorkbookWriter), so neither the
 * rows nor the file are held whole in memory. The first batch is read before answering, so a
 * failing query is still a problem+json; a failure later can only cut the download short.
 */
export async function xlsxFile<T>(name: string, columns: Column<T>[], rows: T[] | AsyncIterable<T[]>): Promise<StreamableFile> {
  const batches = Array.isArray(rows) ? single(rows) : rows;
  const iterator = batches[Symbol.asyncIterator]();
  const first = await iterator.next();
  const out = new PassThrough();
  const book = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = '督办';
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for (let batch = first; !batch.done; batch = await iterator.next()) {
        for (const row of batch.value) sheet.addRow(columns.map((c) => c.value(row))).commit();
        // a slow download slows the reading down instead of buffering the whole file
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
      await book.commit();
    } catch (error) {
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return new StreamableFile(out, {
    type: XLSX_TYPE,
    disposition: `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`,
  });
}

async function* single<T>(rows: T[]): AsyncIterable<T[]> {
  yield rows;
}
