import type { EntityRecord, EntitySchema } from './types.ts';
import { matchKeys } from './match-keys.ts';
import { ownerTeam } from './permissions.ts';

type Q = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

export interface RecordRow {
  id: string;
  type: string;
  version: number;
  type_version: number;
  data: Record<string, unknown> | string;
  created_at: Date | string;
  created_by: string;
  updated_at: Date | string;
  updated_by: string;
  deleted_at: Date | string | null;
}

export const RECORD_COLUMNS = 'id, type, version, type_version, data, created_at, created_by, updated_at, updated_by, deleted_at';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toRecord(r: RecordRow): EntityRecord {
  return {
    id: r.id,
    type: r.type,
    version: r.version,
    typeVersion: r.type_version,
    data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by,
    deletedAt: r.deleted_at === null ? null : new Date(r.deleted_at).toISOString(),
  };
}

/**
 * The text full-text `search` looks in: every string of the record (top level and inside arrays),
 * NFKC and lower-cased. Search is a case-insensitive substring match over it, which works for
 * Chinese (no word breaks needed) as well as for Latin text.
 */
export function searchText(data: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') parts.push(v);
    else if (typeof v === 'number') parts.push(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  Object.values(data).forEach(walk);
  return parts.join('\n').normalize('NFKC').toLowerCase();
}

export interface Written {
  id: string;
  version: number;
  typeVersion: number;
  data: Record<string, unknown>;
  at: Date;
  by: string;
  createdAt?: Date;
  createdBy?: string;
}

/**
 * One INSERT of many new records. Column arrays through unnest(): a dozen parameters whatever
 * the batch size, so PostgreSQL parses and plans one small statement (a VALUES list of 500 rows
 * with 6,000 parameters cost several times as much — measured for the import's batches).
 */
export async function insertRecords(q: Q, schema: EntitySchema, rows: Written[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = columns(schema, rows);
  await q(
    `INSERT INTO entity_records (id, type, version, type_version, data, search, owner, team, created_at, created_by, updated_at, updated_by)
     SELECT id, $1, version, tv, data, search, owner, team, at, by, at, by
       FROM unnest($2::uuid[], $3::int[], $4::int[], $5::jsonb[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::text[]) AS v(id, version, tv, data, search, owner, team, at, by)`,
    [schema['x-entity'], ...cols],
  );
  await replaceMatchKeys(q, schema, rows, false);
}

function columns(schema: EntitySchema, rows: Written[]): unknown[][] {
  const out: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const r of rows) {
    const { owner, team } = ownerTeam(schema, r.data);
    const vals = [r.id, r.version, r.typeVersion, JSON.stringify(r.data), searchText(r.data), owner, team, r.at, r.by];
    vals.forEach((v, i) => out[i]!.push(v));
  }
  return out;
}

/** one UPDATE … FROM unnest(…) of changed records */
export async function updateRecords(q: Q, schema: EntitySchema, rows: Written[]): Promise<void> {
  if (rows.length === 0) return;
  await q(
    `UPDATE entity_records AS r SET version = v.version, type_version = v.tv, data = v.data, search = v.search, owner = v.owner, team = v.team, updated_at = v.at, updated_by = v.by
       FROM unnest($1::uuid[], $2::int[], $3::int[], $4::jsonb[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[]) AS v(id, version, tv, data, search, owner, team, at, by)
      WHERE r.id = v.id`,
    columns(schema, rows),
  );
  await replaceMatchKeys(q, schema, rows, true);
}

async function replaceMatchKeys(q: Q, schema: EntitySchema, rows: Written[], existing: boolean): Promise<void> {
  if (!schema['x-match']?.length) return;
  if (existing) await q(`DELETE FROM entity_match_keys WHERE record_id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
  const keys: string[] = [];
  const ids: string[] = [];
  for (const r of rows) {
    for (const k of matchKeys(schema, r.data)) {
      keys.push(k);
      ids.push(r.id);
    }
  }
  if (keys.length > 0) await q(`INSERT INTO entity_match_keys (type, key, record_id) SELECT $1, k, id FROM unnest($2::text[], $3::uuid[]) AS v(k, id)`, [schema['x-entity'], keys, ids]);
}

/** the stored rows of these ids (of one type), locked for the transaction */
export async function lockRecords(q: Q, type: string, ids: string[]): Promise<Map<string, RecordRow>> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return new Map();
  const rows = await q<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM entity_records WHERE type = $1 AND id = ANY($2::uuid[]) FOR UPDATE`, [type, valid]);
  return new Map(rows.map((r) => [r.id, r]));
}
