import { randomUUID } from 'node:crypto';
import { LzError, type Db } from '@liuzhuan/engine';
import { diff, historyInsert, type HistoryRow } from './history.ts';
import { assertOwns, assertWriteType } from './permissions.ts';
import { insertRecords, lockRecords, toRecord, updateRecords, type Written } from './records.repo.ts';
import { referenceErrors } from './references.ts';
import { fieldErrors, propertyType, validatorsOf } from './schema-check.ts';
import type { Actor, EntityEvent, EntityRecord, EntityTypeInfo, FieldError } from './types.ts';

export interface WriteRow {
  data: Record<string, unknown>;
  updateId?: string;
  /** null: no version check (If-Match absent, import) */
  expectedVersion?: number | null;
}

export type WriteResult = { ok: true; record: EntityRecord } | { ok: false; errors: FieldError[] };

/** a JSON merge patch of top-level fields (RFC 7396 at depth one: null removes the field) */
export function mergePatch(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Creates and merge-patch updates of one type in ONE transaction: existing rows locked and read
 * in one query, every row validated (schema, then references in one query per referenced type),
 * then one multi-row INSERT, one multi-row UPDATE and one history INSERT. `strict` (single
 * create/update) throws the first row's problem; otherwise rows with problems are answered
 * with their errors and the others written. Events are returned, to be sent after commit.
 */
export async function writeRows(db: Db, actor: Actor, info: EntityTypeInfo, rows: WriteRow[], strict: boolean): Promise<{ results: WriteResult[]; events: EntityEvent[] }> {
  const schema = info.schema;
  assertWriteType(actor, schema);
  const validate = validatorsOf(schema).full;
  const ownerField = schema['x-owner-field'];
  // a person becomes the owner of what they create; the system and processes (`process:<id>`,
  // see the entity plugin) own nothing — their records keep whatever owner the data names
  const defaultOwner = ownerField && actor.id !== 'system' && !actor.id.startsWith('process:') && propertyType(schema.properties[ownerField]) === 'string';
  return db.transaction(async (q) => {
    const now = new Date();
    const existing = await lockRecords(q, info.name, rows.flatMap((r) => (r.updateId ? [r.updateId] : [])));
    const results: (WriteResult | null)[] = [];
    const prepared: { i: number; data: Record<string, unknown>; old: ReturnType<typeof toRecord> | null }[] = [];
    const fail = (i: number, errors: FieldError[], code: 'LZ_ERR_ENTITY_INVALID' | 'LZ_ERR_ENTITY_REFERENCE' = 'LZ_ERR_ENTITY_INVALID') => {
      if (strict) throw new LzError(code, errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ').slice(0, 500), { errors });
      results[i] = { ok: false, errors };
    };
    rows.forEach((row, i) => {
      results.push(null);
      if (!isPlain(row.data)) return fail(i, [{ path: '', message: 'a record is a JSON object' }]);
      let old: EntityRecord | null = null;
      let data: Record<string, unknown>;
      if (row.updateId !== undefined) {
        const stored = existing.get(row.updateId.toLowerCase()) ?? existing.get(row.updateId);
        if (!stored || stored.deleted_at !== null) {
          if (strict) throw new LzError('LZ_ERR_ENTITY_NOT_FOUND', `${info.name} '${row.updateId.slice(0, 60)}'`);
          return fail(i, [{ path: '', message: `no ${info.name} record with id '${row.updateId.slice(0, 60)}'` }]);
        }
        old = toRecord(stored);
        if (row.expectedVersion != null && row.expectedVersion !== old.version) {
          throw new LzError('LZ_ERR_ENTITY_VERSION_CONFLICT', `version ${row.expectedVersion} was expected, the record is at ${old.version}`);
        }
        if (strict) assertOwns(actor, schema, old.data);
        else if (!safeOwns(actor, schema, old.data)) return fail(i, [{ path: '', message: 'only the owner or the owning team may change this record' }]);
        data = mergePatch(old.data, row.data);
      } else {
        data = { ...row.data };
        if (defaultOwner && data[ownerField] === undefined) data[ownerField] = actor.id;
      }
      if (!validate(data)) return fail(i, fieldErrors(validate.errors));
      if (!old) {
        if (strict) assertOwns(actor, schema, data);
        else if (!safeOwns(actor, schema, data)) return fail(i, [{ path: `/${ownerField}`, message: 'you may only create records you or your team own' }]);
      }
      prepared.push({ i, data, old });
    });
    const refErrors = await referenceErrors(q, schema, prepared.map((p) => p.data));
    const inserts: Written[] = [];
    const updates: Written[] = [];
    const history: HistoryRow[] = [];
    const events: EntityEvent[] = [];
    prepared.forEach((p, k) => {
      if (refErrors[k]!.length > 0) return fail(p.i, refErrors[k]!, 'LZ_ERR_ENTITY_REFERENCE');
      const changes = diff(p.old?.data ?? {}, p.data);
      const w: Written = { id: p.old?.id ?? randomUUID(), version: (p.old?.version ?? 0) + 1, typeVersion: info.version, data: p.data, at: now, by: actor.id };
      if (p.old && changes.length === 0) {
        // nothing changed: no new version, no history, no event (a re-imported unchanged row)
        results[p.i] = { ok: true, record: p.old };
        return;
      }
      (p.old ? updates : inserts).push(w);
      history.push({ recordId: w.id, version: w.version, action: p.old ? 'updated' : 'created', actor: actor.id, at: now, changes });
      const record: EntityRecord = {
        id: w.id, type: info.name, version: w.version, typeVersion: info.version, data: p.data,
        createdAt: p.old?.createdAt ?? now.toISOString(), createdBy: p.old?.createdBy ?? actor.id,
        updatedAt: now.toISOString(), updatedBy: actor.id, deletedAt: null,
      };
      results[p.i] = { ok: true, record };
      events.push({ type: p.old ? 'updated' : 'created', entityType: info.name, record, changes, actor: actor.id });
    });
    await insertRecords(q, schema, inserts);
    await updateRecords(q, schema, updates);
    if (history.length > 0) {
      const h = historyInsert(history);
      await q(h.sql, h.params);
    }
    return { results: results as WriteResult[], events };
  });
}

function safeOwns(actor: Actor, schema: EntityTypeInfo['schema'], data: Record<string, unknown>): boolean {
  try {
    assertOwns(actor, schema, data);
    return true;
  } catch {
    return false;
  }
}
