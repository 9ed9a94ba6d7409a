import { LzError } from '@liuzhuan/engine';
import type { EntitySchema, FieldError } from '../entities/types.ts';
import type { Column } from './convert.ts';

const MAX_COLUMNS = 500;
const MAX_HEADER = 200;

/** RFC 6901: a header is free text, so it is escaped to sit in a JSON pointer */
const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The column mapping `{ "<column header>": "<property>" }`: every property must be one of the
 * type's, no property twice. Checked before the upload is read, so a wrong mapping is a 400
 * with nothing run. Columns the mapping leaves out are ignored.
 */
export function checkMapping(schema: EntitySchema, mapping: unknown): Record<string, string> {
  const errors: FieldError[] = [];
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) {
    throw new LzError('LZ_ERR_IMPORT_INVALID', 'mapping is a JSON object { "<column header>": "<property>" }', { errors: [{ path: '/mapping', message: 'must be an object' }] });
  }
  const entries = Object.entries(mapping as Record<string, unknown>);
  if (entries.length === 0) errors.push({ path: '/mapping', message: 'map at least one column' });
  if (entries.length > MAX_COLUMNS) errors.push({ path: '/mapping', message: `at most ${MAX_COLUMNS} columns` });
  const byProperty = new Map<string, string>();
  for (const [header, property] of entries.slice(0, MAX_COLUMNS)) {
    const path = `/mapping/${pointer(header)}`;
    if (header.trim() === '' || header.length > MAX_HEADER) errors.push({ path, message: `a column header has 1–${MAX_HEADER} characters` });
    if (typeof property !== 'string') {
      errors.push({ path, message: 'must name a property (a string)' });
      continue;
    }
    if (!Object.hasOwn(schema.properties, property)) {
      errors.push({ path, message: `'${property.slice(0, 80)}' is not a property of ${schema['x-entity']}` });
      continue;
    }
    const twice = byProperty.get(property);
    if (twice !== undefined) errors.push({ path, message: `'${property}' is already mapped from column '${twice}'` });
    byProperty.set(property, header);
  }
  if (errors.length > 0) throw new LzError('LZ_ERR_IMPORT_INVALID', errors.map((e) => `${e.path}: ${e.message}`).join('; ').slice(0, 500), { errors });
  return Object.fromEntries(entries as [string, string][]);
}

/** the file's header against the mapping: which cell feeds which property (an error text when it cannot) */
export function resolveColumns(schema: EntitySchema, mapping: Record<string, string>, header: unknown[]): Column[] | string {
  const names = header.map((h) => (h === undefined || h === null ? '' : String(h).trim()));
  const columns: Column[] = [];
  const missing: string[] = [];
  for (const [h, property] of Object.entries(mapping)) {
    const want = h.trim();
    const at = names.indexOf(want);
    if (at < 0) {
      missing.push(want);
      continue;
    }
    if (names.indexOf(want, at + 1) >= 0) return `the column '${want}' appears twice in the header row`;
    columns.push({ index: at, header: want, property, schema: schema.properties[property]! });
  }
  if (missing.length > 0) {
    const have = names.filter((n) => n !== '').map((n) => `'${n.slice(0, 40)}'`);
    return `the file has no column ${missing.map((m) => `'${m.slice(0, 40)}'`).join(', ')} (its header row: ${have.slice(0, 30).join(', ') || 'empty'})`;
  }
  return columns;
}
