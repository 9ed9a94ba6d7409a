/**
 * What an import reads: the sheet's rows in file order, the first one the header. A row number
 * is the one a spreadsheet shows (the header is row 1), so a report points at the right line.
 */
export interface SourceRow {
  row: number;
  /** CSV: strings; XLSX: string | number | boolean | Date (formulas as their result) */
  cells: unknown[];
  /** CSV rows must have as many cells as the header (a ragged row is refused) */
  strictWidth: boolean;
}

/** a row the reader could not read; fatal: what follows cannot be trusted (the import fails) */
export interface SourceProblem {
  row: number;
  problem: string;
  fatal: boolean;
}

export interface RowSource {
  rows(): AsyncIterable<SourceRow | SourceProblem>;
  /** bytes of the file read so far (progress) */
  bytesRead(): number;
  /** stops reading and frees the file (also after an early stop) */
  close(): void;
}

export const isProblem = (r: SourceRow | SourceProblem): r is SourceProblem => 'problem' in r;
