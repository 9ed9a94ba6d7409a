import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import type { RowSource, SourceRow } from './row-source.ts';

/** a cell as a plain value: formulas give their cached result, rich text and links their text */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date || typeof v !== 'object') return v;
  const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string; formula?: string; sharedFormula?: string };
  if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
  if ('formula' in o || 'sharedFormula' in o) return plain(o.result);
  if ('text' in o) return plain(o.text);
  if (typeof o.error === 'string') return o.error;
  return undefined;
}

/**
 * Streams the first worksheet of an .xlsx file with exceljs's WorkbookReader (rows are read from
 * the zip as they come; shared strings are cached, as the format needs). Styles are read too:
 * they are what tells a date cell from a number. Row numbers are the sheet's own.
 */
export function xlsxSource(path: string): RowSource {
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  return {
    async *rows() {
      // the first worksheet only; leaving the loop stops the reader
      for await (const sheet of reader) {
        for await (const row of sheet) {
          const values = row.values as unknown[];
          const cells: unknown[] = [];
          for (let i = 1; i < values.length; i += 1) cells.push(plain(values[i]));
          yield { row: row.number, cells, strictWidth: false } satisfies SourceRow;
        }
        return;
      }
    },
    bytesRead: () => file.bytesRead,
    close: () => {
      file.destroy();
    },
  };
}
