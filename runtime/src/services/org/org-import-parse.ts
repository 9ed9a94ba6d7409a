import { parse } from 'csv-parse/sync';
import { checkDeptId, checkUserId, invalid } from './org-write.ts';

/** one data row of an org-chart CSV, checked for shape (not yet against the database) */
export interface ImportRow {
  /** the spreadsheet row: the header is row 1 */
  row: number;
  userId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  department: string | null;
  parentDepartment: string | null;
  departmentHead: boolean;
  manager: string | null;
  roles: string[];
  groups: string[];
}

export interface RowProblem {
  row: number;
  message: string;
}

export const IMPORT_COLUMNS = ['userId', 'firstName', 'lastName', 'email', 'department', 'parentDepartment', 'departmentHead', 'manager', 'roles', 'groups'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

export const MAX_IMPORT_ROWS = 10_000;
const MAX_TEXT = 200;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const YES = new Set(['yes', 'y', 'true', '1', '是']);
const NO = new Set(['no', 'n', 'false', '0', '否', '']);

const list = (v: string): string[] => [...new Set(v.split(';').map((s) => s.trim()).filter(Boolean))];

function header(cells: string[]): Map<Column, number> {
  const byLower = new Map(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c] as const));
  const out = new Map<Column, number>();
  cells.forEach((cell, i) => {
    const c = byLower.get(cell.trim().toLowerCase());
    if (!c) throw invalid(`unknown column '${cell.slice(0, 40)}' in the header; the columns are ${IMPORT_COLUMNS.join(', ')}`, 'header');
    if (out.has(c)) throw invalid(`the column '${c}' is in the header twice`, 'header');
    out.set(c, i);
  });
  if (!out.has('userId')) throw invalid('the header has no userId column', 'header');
  return out;
}

function rowOf(n: number, cells: string[], cols: Map<Column, number>): ImportRow {
  const get = (c: Column): string => {
    const i = cols.get(c);
    const v = i === undefined ? '' : (cells[i] ?? '').trim();
    if (v.length > MAX_TEXT && c !== 'roles' && c !== 'groups') throw new Error(`${c} has more than ${MAX_TEXT} characters`);
    return v;
  };
  const opt = (c: Column) => get(c) || null;
  const userId = get('userId');
  if (!userId) throw new Error('userId is empty');
  checkUserId(userId, 'userId');
  const email = opt('email');
  if (email && !EMAIL.test(email)) throw new Error(`email '${email}' is not an e-mail address`);
  const department = opt('department');
  if (department) checkDeptId(department, 'department');
  const parentDepartment = opt('parentDepartment');
  if (parentDepartment) checkDeptId(parentDepartment, 'parentDepartment');
  if (parentDepartment && !department) throw new Error('parentDepartment is set but department is empty');
  if (parentDepartment && parentDepartment === department) throw new Error(`department '${department}' cannot be its own parent`);
  const head = get('departmentHead').toLowerCase();
  if (!YES.has(head) && !NO.has(head)) throw new Error(`departmentHead is '${head}'; use yes or no`);
  if (YES.has(head) && !department) throw new Error('departmentHead is yes but department is empty');
  const manager = opt('manager');
  if (manager) checkUserId(manager, 'manager');
  if (manager === userId) throw new Error('a user cannot be their own manager');
  const roles = list(get('roles'));
  const groups = list(get('groups'));
  for (const g of [...roles, ...groups]) checkUserId(g, 'roles');
  return { row: n, userId, firstName: opt('firstName'), lastName: opt('lastName'), email, department, parentDepartment, departmentHead: YES.has(head), manager, roles, groups };
}

/**
 * Reads an org-chart CSV (csv-parse: a UTF-8 BOM, quoted fields with commas, quotes and line
 * breaks). A file that cannot be read at all (no header, broken quoting, too many rows) throws
 * LZ_ERR_ORG_INVALID; a row that is wrong on its own is returned as a problem with its number.
 */
export function parseOrgCsv(text: string): { rows: ImportRow[]; problems: RowProblem[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 100_000 }) as string[][];
  } catch (e) {
    throw invalid(`the CSV cannot be read: ${(e as Error).message}`, 'file');
  }
  if (records.length === 0) throw invalid('the CSV is empty; it needs a header row (userId, firstName, …) and at least one row', 'file');
  if (records.length - 1 > MAX_IMPORT_ROWS) throw invalid(`the CSV has ${records.length - 1} rows; at most ${MAX_IMPORT_ROWS} are read at once`, 'file');
  const cols = header(records[0]!);
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  records.slice(1).forEach((cells, i) => {
    const n = i + 2;
    if (cells.length > cols.size) {
      problems.push({ row: n, message: `the row has ${cells.length} cells; the header has ${cols.size} columns` });
      return;
    }
    try {
      rows.push(rowOf(n, cells, cols));
    } catch (e) {
      const errors = (e as { details?: { errors?: { path: string; message: string }[] } }).details?.errors;
      problems.push({ row: n, message: errors?.[0] ? `${errors[0].path}: ${errors[0].message}` : (e as Error).message });
    }
  });
  if (rows.length === 0 && problems.length === 0) throw invalid('the CSV has a header but no rows', 'file');
  return { rows, problems };
}
