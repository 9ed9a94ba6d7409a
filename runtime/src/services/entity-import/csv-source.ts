import { parse, type CsvError, type Options } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import type { RowSource, SourceProblem, SourceRow } from './row-source.ts';

/** a record longer than this is refused (an unclosed quote would otherwise swallow the file into memory) */
const MAX_RECORD_BYTES = 1024 * 1024;

/** after these the parser's position in the file is unknown: the rest cannot be read as rows */
const FATAL = new Set(['CSV_QUOTE_NOT_CLOSED', 'CSV_MAX_RECORD_SIZE']);

function describe(err: CsvError | undefined): string {
  if (!err) return 'the row cannot be read';
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quote opened in this row is never closed: the rest of the file was read as one cell';
  if (err.code === 'CSV_MAX_RECORD_SIZE') return `the row is longer than ${MAX_RECORD_BYTES} bytes (an unclosed quote?)`;
  return err.message;
}

/**
 * Streams a UTF-8 CSV file (a BOM is dropped — Excel's "CSV UTF-8" writes one). Ragged rows pass
 * through (relax_column_count) so the import refuses them by row number instead of stopping;
 * stray quotes inside a cell are kept as text (relax_quotes). The parser's row counter runs in
 * its callbacks, which see records and skipped records in file order.
 */
export function csvSource(path: string): RowSource {
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  let n = 0;
  const problems: SourceProblem[] = [];
  const options: Options = {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    // the option's type says records stay string[]; ours wrap them with their row number
    on_record: ((cells: string[]) => {
      n += 1;
      return { row: n, cells, strictWidth: true } satisfies SourceRow;
    }) as unknown as Options['on_record'],
    on_skip: (err: CsvError | undefined) => {
      n += 1;
      problems.push({ row: n, problem: describe(err), fatal: !!err && FATAL.has(err.code) });
      return undefined;
    },
  };
  const parser = parse(options);
  pipeline(file, parser, () => undefined);
  return {
    async *rows() {
      for await (const record of parser as AsyncIterable<SourceRow>) {
        while (problems.length > 0 && problems[0]!.row < record.row) yield problems.shift()!;
        // csv-parse decodes UTF-8 and turns bad bytes into U+FFFD: the file is in another encoding
        if (record.cells.some((c) => typeof c === 'string' && c.includes('\uFFFD'))) {
          yield { row: record.row, problem: "the file is not UTF-8 text (GBK?): save it as 'CSV UTF-8' or as .xlsx", fatal: true };
          return;
        }
        yield record;
      }
      yield* problems.splice(0);
    },
    bytesRead: () => file.bytesRead,
    close: () => {
      parser.destroy();
      file.destroy();
    },
  };
}
