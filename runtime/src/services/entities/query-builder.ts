import { createHash } from 'node:crypto';
import { LzError } from '@liuzhuan/engine';
import { fieldExpr, typeLiteral, type Kind } from './sql-expr.ts';
import { UUID } from './records.repo.ts';
import type { Actor, EntitySchema, Filter } from './types.ts';
import { readsRestricted } from './permissions.ts';

const bad = (m: string) => new LzError('LZ_ERR_ENTITY_FILTER_INVALID', m);
const MAX_IN = 1000;

/** collects parameters; `p(v)` answers the placeholder */
export class Params {
  readonly values: unknown[] = [];
  p(v: unknown, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
}

const cast: Record<Kind, string> = { numeric: '::numeric', boolean: '::boolean', text: '::text', json: '::jsonb' };

function scalar(kind: Kind, v: unknown, field: string): unknown {
  if (kind === 'numeric' && typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (kind === 'boolean' && typeof v === 'boolean') return v;
  if (kind === 'text' && (typeof v === 'string' || typeof v === 'number')) return String(v);
  if (kind === 'json') return JSON.stringify(v);
  throw bad(`the value for '${field}' must be a ${kind === 'numeric' ? 'number' : kind === 'boolean' ? 'boolean' : 'string'}`);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function condition(schema: EntitySchema, f: Filter, ps: Params): string {
  if (!f || typeof f !== 'object') throw bad('a filter is { field, op, value }');
  if (f.op === 'search') {
    if (typeof f.value !== 'string' || f.value.length > 200) throw bad('search takes a string of at most 200 characters');
    const terms = f.value.normalize('NFKC').toLowerCase().split(/\s+/u).filter(Boolean);
    if (terms.length === 0) return 'TRUE';
    return terms.map((t) => `search LIKE ${ps.p(`%${likeEscape(t)}%`)}`).join(' AND ');
  }
  const { sql, kind } = fieldExpr(schema, f.field);
  switch (f.op) {
    case 'eq':
      return `${sql} = ${ps.p(scalar(kind, f.value, f.field), cast[kind])}`;
    case 'ne':
      return `${sql} IS DISTINCT FROM ${ps.p(scalar(kind, f.value, f.field), cast[kind])}`;
    case 'in': {
      if (!Array.isArray(f.value) || f.value.length === 0 || f.value.length > MAX_IN) throw bad(`'in' takes a list of 1–${MAX_IN} values`);
      if (kind === 'json') throw bad(`'in' is for scalar fields, not '${f.field}'`);
      return `${sql} = ANY(${ps.p(f.value.map((v) => scalar(kind, v, f.field)), `${cast[kind]}[]`)})`;
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      if (kind === 'json' || kind === 'boolean') throw bad(`'${f.op}' needs a number or string field, not '${f.field}'`);
      const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[f.op];
      return `${sql} ${op} ${ps.p(scalar(kind, f.value, f.field), cast[kind])}`;
    }
    case 'contains': {
      if (kind === 'json') return `${sql} @> ${ps.p(JSON.stringify([f.value]))}::jsonb`;
      if (typeof f.value !== 'string' || f.value.length > 200) throw bad(`'contains' takes a string of at most 200 characters`);
      return `${sql} ILIKE ${ps.p(`%${likeEscape(f.value)}%`)}`;
    }
    case 'exists':
      if (typeof f.value !== 'boolean') throw bad(`'exists' takes true or false`);
      return `(data->'${f.field}') IS ${f.value ? 'NOT ' : ''}NULL`;
    default:
      throw bad(`unknown operator '${String((f as { op?: unknown }).op).slice(0, 40)}'`);
  }
}

/** WHERE text of a query on one type: type, deletion, per-record read rule, filters */
export function whereClause(actor: Actor, schema: EntitySchema, filters: Filter[] | undefined, deleted: boolean, ps: Params): string {
  if (filters !== undefined && (!Array.isArray(filters) || filters.length > 50)) throw bad('filters is a list of at most 50 conditions');
  const parts = [`type = ${typeLiteral(schema['x-entity'])}`];
  if (!deleted) parts.push('deleted_at IS NULL');
  if (readsRestricted(actor, schema)) parts.push(`(owner = ${ps.p(actor.id)} OR team = ANY(${ps.p([...actor.groups], '::text[]')}))`);
  for (const f of filters ?? []) parts.push(`(${condition(schema, f, ps)})`);
  return parts.join(' AND ');
}

export interface SortKey {
  sql: string;
  kind: Kind | 'time';
  desc: boolean;
}

/** sort keys: declared scalar properties, or createdAt / updatedAt; the id breaks ties */
export function sortKeys(schema: EntitySchema, sort: string[] | undefined): SortKey[] {
  const list = sort && sort.length > 0 ? sort : ['createdAt'];
  if (list.length > 5) throw bad('sort by at most 5 fields');
  return list.map((s) => {
    if (typeof s !== 'string') throw bad('a sort key is a field name');
    const desc = s.startsWith('-');
    const name = desc ? s.slice(1) : s;
    if (name === 'createdAt' || name === 'updatedAt') return { sql: name === 'createdAt' ? 'created_at' : 'updated_at', kind: 'time', desc };
    const e = fieldExpr(schema, name);
    if (e.kind === 'json') throw bad(`cannot sort by '${name}' (a list or object)`);
    return { sql: e.sql, kind: e.kind, desc };
  });
}

export function orderBy(keys: SortKey[]): string {
  return [...keys.map((k) => `${k.sql} ${k.desc ? 'DESC NULLS FIRST' : 'ASC NULLS LAST'}`), 'id ASC'].join(', ');
}

const signature = (keys: SortKey[]) => createHash('sha256').update(JSON.stringify(keys)).digest('base64url').slice(0, 12);

export function encodeCursor(keys: SortKey[], values: unknown[], id: string): string {
  return Buffer.from(JSON.stringify({ s: signature(keys), v: values, id }), 'utf8').toString('base64url');
}

function cursorValue(k: SortKey, v: unknown): unknown {
  if (v === null) return null;
  if (k.kind === 'numeric' && typeof v === 'string' && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v)) return v;
  if (k.kind === 'boolean' && typeof v === 'boolean') return v;
  if (k.kind === 'text' && typeof v === 'string') return v;
  if (k.kind === 'time' && typeof v === 'string' && !Number.isNaN(Date.parse(v))) return v;
  throw bad('the cursor is not one this query gave out');
}

/**
 * Keyset condition "after the cursor row" for ORDER BY k1, k2, …, id with NULLS LAST ascending /
 * NULLS FIRST descending. A cursor is only read back, never trusted: every value is checked
 * against the sort's types and goes in as a parameter; one from another sort or forged → 400.
 */
export function afterCursor(keys: SortKey[], cursor: string, ps: Params): string {
  let c: { s?: unknown; v?: unknown; id?: unknown };
  try {
    if (!/^[A-Za-z0-9_-]{1,4000}$/.test(cursor)) throw new Error('shape');
    c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof c;
  } catch {
    throw bad('the cursor is not one this query gave out');
  }
  if (!c || c.s !== signature(keys) || !Array.isArray(c.v) || c.v.length !== keys.length || typeof c.id !== 'string' || !UUID.test(c.id)) {
    throw bad('the cursor is not one this query gave out');
  }
  const vals = c.v.map((v, i) => cursorValue(keys[i]!, v));
  const castOf = (k: SortKey) => (k.kind === 'time' ? '::timestamptz' : cast[k.kind]);
  const eq = (k: SortKey, v: unknown) => (v === null ? `${k.sql} IS NULL` : `${k.sql} = ${ps.p(v, castOf(k))}`);
  const after = (k: SortKey, v: unknown): string | null => {
    if (k.desc) return v === null ? `${k.sql} IS NOT NULL` : `${k.sql} < ${ps.p(v, castOf(k))}`;
    return v === null ? null : `(${k.sql} > ${ps.p(v, castOf(k))} OR ${k.sql} IS NULL)`;
  };
  const ors: string[] = [];
  for (let i = 0; i <= keys.length; i++) {
    const prefix = keys.slice(0, i).map((k, j) => eq(k, vals[j]));
    const last = i < keys.length ? after(keys[i]!, vals[i]) : `id > ${ps.p(c.id, '::uuid')}`;
    if (last !== null) ors.push([...prefix, last].join(' AND '));
  }
  return `(${ors.map((o) => `(${o})`).join(' OR ')})`;
}

/** the sort key values of a row as the cursor keeps them (text, so numerics keep their digits) */
export function sortSelect(keys: SortKey[]): string {
  return keys.map((k, i) => (k.kind === 'time' ? `to_char(${k.sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS s${i}` : k.kind === 'numeric' ? `${k.sql}::text AS s${i}` : `${k.sql} AS s${i}`)).join(', ');
}
