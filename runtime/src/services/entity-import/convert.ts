import { propertyType } from '../entities/schema-check.ts';
import type { FieldError } from '../entities/types.ts';

/**
 * Cell → property value, by the property's JSON schema type. The store validates the result
 * (required, enum, format, x-ref); this only turns text into the right JSON type:
 * - an empty cell (after trimming) leaves the property out;
 * - integer / number: digits with '.' as the one decimal separator — no decimal comma, no
 *   thousands separators ("1,5" and "1,000" are refused: they are ambiguous between locales);
 * - boolean: true/false, yes/no, 1/0, 是/否 (any case);
 * - format date: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or an Excel date cell → YYYY-MM-DD;
 * - format date-time: ISO 8601; without an offset (and Excel date cells, which carry none) the
 *   time is the server's local time (TZ) → ISO in UTC;
 * - array: items split on ';' (or '；'), each converted by the items' type;
 * - object: JSON text (what the export writes);
 * - text: as is; a leading apostrophe before = + - @ is dropped (the export adds it against
 *   formula injection).
 */
export type Converted = { ok: true; value: unknown } | { ok: false; message: string };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', 'yes', 'y', '1', '是']);
const FALSE = new Set(['false', 'no', 'n', '0', '否']);
const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$|^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const LOCAL_DATE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

const show = (v: unknown): string => {
  const s = v instanceof Date ? v.toISOString() : String(v);
  return s.length > 60 ? `'${s.slice(0, 57)}…'` : `'${s}'`;
};
const fail = (message: string): Converted => ({ ok: false, message });
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function ymd(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null;
}

function toDate(v: unknown): Converted {
  // exceljs gives date cells as the wall-clock time in UTC fields
  if (v instanceof Date) return { ok: true, value: `${pad(v.getUTCFullYear(), 4)}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}` };
  const m = DATE.exec(String(v));
  const d = m ? ymd(Number(m[1] ?? m[4]), Number(m[2] ?? m[5]), Number(m[3] ?? m[6])) : null;
  return d ? { ok: true, value: d } : fail(`${show(v)} is not a date (YYYY-MM-DD)`);
}

function toDateTime(v: unknown): Converted {
  if (v instanceof Date) {
    const local = new Date(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate(), v.getUTCHours(), v.getUTCMinutes(), v.getUTCSeconds(), v.getUTCMilliseconds());
    return { ok: true, value: local.toISOString() };
  }
  const s = String(v);
  if (OFFSET.test(s) && /^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const t = new Date(s);
    return Number.isNaN(t.getTime()) ? fail(`${show(v)} is not a date and time`) : { ok: true, value: t.toISOString() };
  }
  const m = LOCAL_DATE_TIME.exec(s);
  if (m && ymd(Number(m[1]), Number(m[2]), Number(m[3]))) {
    const [h, mi, sec, ms] = [m[4], m[5], m[6], m[7]].map((x) => Number(x ?? 0)) as [number, number, number, number];
    if (h < 24 && mi < 60 && sec < 60) return { ok: true, value: new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, mi, sec, ms).toISOString() };
  }
  return fail(`${show(v)} is not a date and time (YYYY-MM-DD HH:mm or ISO 8601)`);
}

function toNumber(v: unknown, integer: boolean): Converted {
  let n: number;
  if (typeof v === 'number') n = v;
  else {
    const s = String(v).replace(/^\+/, '');
    if (!(integer ? INTEGER : NUMBER).test(s)) {
      const hint = /\d,\d/.test(s) ? " (use '.' for decimals and no thousands separators)" : '';
      return fail(`${show(v)} is not ${integer ? 'an integer' : 'a number'}${hint}`);
    }
    n = Number(s);
  }
  if (!Number.isFinite(n)) return fail(`${show(v)} is not a finite number`);
  if (integer && !Number.isSafeInteger(n)) return fail(`${show(v)} is not an integer`);
  return { ok: true, value: n };
}

function toText(v: unknown): Converted {
  if (v instanceof Date) {
    const midnight = v.getUTCHours() === 0 && v.getUTCMinutes() === 0 && v.getUTCSeconds() === 0;
    return toDate(v).ok && midnight ? toDate(v) : toDateTime(v);
  }
  const s = String(v);
  return { ok: true, value: /^'[=+\-@]/.test(s) ? s.slice(1) : s };
}

/** one cell (already known to be non-empty) by one property schema */
export function convertValue(prop: Record<string, unknown>, v: unknown): Converted {
  const type = propertyType(prop);
  switch (type) {
    case 'integer':
    case 'number':
      return toNumber(v, type === 'integer');
    case 'boolean': {
      if (typeof v === 'boolean') return { ok: true, value: v };
      const s = String(v).trim().toLowerCase();
      if (TRUE.has(s)) return { ok: true, value: true };
      if (FALSE.has(s)) return { ok: true, value: false };
      return fail(`${show(v)} is not yes/no (true/false, yes/no, 1/0, 是/否)`);
    }
    case 'array': {
      const items = (typeof prop.items === 'object' && prop.items !== null ? prop.items : {}) as Record<string, unknown>;
      if (propertyType(items) === 'object' || propertyType(items) === 'array') return fail('a list of objects cannot be imported from a cell');
      const out: unknown[] = [];
      for (const part of String(v instanceof Date ? (toText(v) as { value: string }).value : v).split(/[;；]/)) {
        const p = part.trim();
        if (p === '') continue;
        const c = convertValue(items, p);
        if (!c.ok) return fail(`item ${show(p)}: ${c.message}`);
        out.push(c.value);
      }
      return { ok: true, value: out };
    }
    case 'object': {
      try {
        const o = JSON.parse(String(v)) as unknown;
        if (typeof o === 'object' && o !== null && !Array.isArray(o)) return { ok: true, value: o };
      } catch {
        /* answered below */
      }
      return fail(`${show(v)} is not a JSON object`);
    }
    default:
      if (prop.format === 'date') return toDate(v);
      if (prop.format === 'date-time') return toDateTime(v);
      return toText(v);
  }
}

export interface Column {
  /** 0-based cell index in the row */
  index: number;
  header: string;
  property: string;
  schema: Record<string, unknown>;
}

const empty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export const blankRow = (cells: unknown[]): boolean => cells.every(empty);

/** the mapped cells of one row as record data, or the reasons it cannot be */
export function convertRow(columns: Column[], cells: unknown[]): { data: Record<string, unknown>; errors: FieldError[] } {
  const data: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const c of columns) {
    const raw = cells[c.index];
    if (empty(raw)) continue;
    const r = convertValue(c.schema, typeof raw === 'string' ? raw.trim() : raw);
    if (!r.ok) errors.push({ path: `/${c.property}`, message: `column '${c.header}': ${r.message}` });
    else if (!(Array.isArray(r.value) && r.value.length === 0)) data[c.property] = r.value;
  }
  return { data, errors };
}
