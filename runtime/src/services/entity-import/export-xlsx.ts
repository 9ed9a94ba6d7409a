import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import type { EntityRecord } from '../entities/types.ts';
import { cellText } from './export-cells.ts';

/** a cell value exceljs writes as its own type: numbers and booleans stay numbers and booleans */
function cell(v: unknown): string | number | boolean | null {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = cellText(v);
  return s === '' ? null : s;
}

/**
 * XLSX with exceljs's streaming WorkbookWriter: each row is committed (written to the zip) as it
 * is added, and no shared-strings table is kept, so memory does not grow with the row count.
 * The writer is paused while the client has not taken what was written.
 */
export function xlsxStream(sheetName: string, properties: string[], header: string[], pages: AsyncIterable<EntityRecord[]>): Readable {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  void (async () => {
    ws.addRow(header).commit();
    for await (const items of pages) {
      for (const r of items) ws.addRow(properties.map((p) => cell(r.data[p]))).commit();
      // a client that went away closes the stream: stop reading pages
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) return;
    }
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
