/**
 * SQL literals for batched writes. A batch is sent with the simple query protocol (one
 * round trip, one implicit transaction), which cannot carry bind parameters, so values are
 * written as literals. Safe because every connection runs with
 * standard_conforming_strings = on (set in db.ts): inside '…' only the quote is special,
 * and we double it. NUL cannot be stored in PostgreSQL text at all and is refused.
 */
import { LzError } from '../errors.ts';

export type ColumnType = 'text' | 'int' | 'bigint' | 'float' | 'bool' | 'timestamptz' | 'jsonb';

export function quoteText(value: string): string {
  if (value.includes('\u0000')) {
    throw new LzError('LZ_ERR_VARIABLE_INVALID', 'text must not contain the NUL character (\\u0000)');
  }
  return `'${value.replace(/'/g, "''")}'`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function literal(value: unknown, type: ColumnType): string {
  if (value === null || value === undefined) return 'NULL';
  switch (type) {
    case 'text':
      return quoteText(String(value));
    case 'int':
    case 'bigint': {
      const n = typeof value === 'bigint' ? value : Number(value);
      if (typeof n === 'number' && !Number.isInteger(n)) throw new LzError('LZ_ERR_VARIABLE_INVALID', `not an integer: ${String(value)}`);
      return String(n);
    }
    case 'float': {
      const n = Number(value);
      if (Number.isNaN(n)) return `'NaN'::float8`;
      if (!Number.isFinite(n)) return n > 0 ? `'Infinity'::float8` : `'-Infinity'::float8`;
      return String(n);
    }
    case 'bool':
      return value ? 'TRUE' : 'FALSE';
    case 'timestamptz': {
      const d = value instanceof Date ? value : new Date(value as string);
      if (Number.isNaN(d.getTime())) throw new LzError('LZ_ERR_VARIABLE_INVALID', `not a date: ${String(value)}`);
      return `'${d.toISOString()}'::timestamptz`;
    }
    case 'jsonb':
      return `${quoteText(JSON.stringify(value))}::jsonb`;
  }
}
