import { LzError } from '@liuzhuan/engine';
import { historyInsert, diff } from './history.ts';
import { updateRecords, type Written } from './records.repo.ts';
import { validatorsOf, fieldErrors } from './schema-check.ts';
import type { EntitySchema } from './types.ts';

type Q = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

const BATCH = 500;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * x-migration on stored data: rename (old → new), then drop, then set — `set` fills a field
 * only where the record has none (a newly required field gets its default; values people
 * entered are never overwritten by a deployment).
 */
export function applyMigration(m: NonNullable<EntitySchema['x-migration']>, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const [from, to] of Object.entries(m.rename ?? {})) {
    if (Object.hasOwn(out, from)) {
      out[to] = out[from];
      delete out[from];
    }
  }
  for (const f of m.drop ?? []) delete out[f];
  for (const [f, v] of Object.entries(m.set ?? {})) if (out[f] === undefined) out[f] = v;
  return out;
}

/**
 * Is a new type version compatible with the stored records? Data-driven: every stored record of
 * the type (deleted ones too: they can be restored) is validated against the new schema,
 * streamed in batches by id. With x-migration each record is migrated first, must then
 * validate, and is rewritten (history 'migrated') in the caller's transaction. Any record that
 * would be orphaned → LZ_ERR_ENTITY_TYPE_INCOMPATIBLE naming the fields and how many records.
 */
export async function migrateOrCheck(q: Q, schema: EntitySchema, typeVersion: number, actor: string, now: Date): Promise<number> {
  const validate = validatorsOf(schema).full;
  const migration = schema['x-migration'];
  const perField = new Map<string, number>();
  let failing = 0;
  let migrated = 0;
  let after = FIRST_ID;
  for (;;) {
    const rows = await q<{ id: string; version: number; data: Record<string, unknown> | string }>(
      `SELECT id, version, data FROM entity_records WHERE type = $1 AND id > $2::uuid ORDER BY id LIMIT ${BATCH}`,
      [schema['x-entity'], after],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const rewrite: (Written & { old: Record<string, unknown> })[] = [];
    for (const r of rows) {
      const old = typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data;
      const data = migration ? applyMigration(migration, old) : old;
      if (!validate(data)) {
        failing++;
        const fields = new Set(fieldErrors(validate.errors).map((e) => e.path.split('/')[1] || '(record)'));
        for (const f of fields) perField.set(f, (perField.get(f) ?? 0) + 1);
        continue;
      }
      if (migration && failing === 0 && diff(old, data).length > 0) rewrite.push({ id: r.id, version: r.version + 1, typeVersion, data, at: now, by: actor, old });
    }
    if (failing === 0 && rewrite.length > 0) {
      await updateRecords(q, schema, rewrite);
      const h = historyInsert(rewrite.map((w) => ({ recordId: w.id, version: w.version, action: 'migrated', actor, at: now, changes: diff(w.old, w.data) })));
      await q(h.sql, h.params);
      migrated += rewrite.length;
    }
  }
  if (failing > 0) {
    const fields = [...perField.entries()].sort((a, b) => b[1] - a[1]);
    throw new LzError(
      'LZ_ERR_ENTITY_TYPE_INCOMPATIBLE',
      `${failing} stored ${schema['x-entity']} record(s) would not fit the new version (fields: ${fields.map(([f]) => f).join(', ')})${migration ? '' : '; add an x-migration'}`,
      { errors: fields.map(([f, n]) => ({ path: `/${f}`, message: `${n} stored record(s) do not fit the new definition of this field` })), affectedRecords: failing },
    );
  }
  return migrated;
}
