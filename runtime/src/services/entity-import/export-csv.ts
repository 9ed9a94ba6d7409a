import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import type { EntityRecord } from '../entities/types.ts';
import { cellText } from './export-cells.ts';

/**
 * Text that a spreadsheet would run as a formula (OWASP "CSV injection"): = @ tab CR, and + or -
 * followed by something other than a plain number or phone number. Such cells get a leading
 * apostrophe, which Excel shows as text; the import drops it again.
 */
const FORMULA = /^[=@\t\r]|^[+-](?![\d\s().-]*$)/;
const safe = (s: string): string => (FORMULA.test(s) ? `'${s}` : s);

/**
 * CSV for Excel: UTF-8 with a BOM (without it Excel reads Chinese text as the ANSI code page),
 * CRLF line ends, one line per record. Readable.from pulls a page only when the client has taken
 * the previous one (backpressure).
 */
export function csvStream(properties: string[], header: string[], pages: AsyncIterable<EntityRecord[]>): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${stringify([header], { record_delimiter: 'windows' })}`;
    for await (const items of pages) {
      if (items.length === 0) continue;
      yield stringify(
        items.map((r) => properties.map((p) => safe(cellText(r.data[p])))),
        { record_delimiter: 'windows' },
      );
    }
  }
  return Readable.from(lines(), { objectMode: false });
}
