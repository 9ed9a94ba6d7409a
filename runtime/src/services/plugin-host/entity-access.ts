import { isLzError } from '@liuzhuan/engine';
import { EntityAccessError, type EntityAccess, type EntityRecordData } from '@liuzhuan/plugin-sdk';
import { SYSTEM_ACTOR, type Actor, type EntityRecord, type EntityStore, type FieldError } from '../entities/types.ts';

/** a stored record as plugins and processes see it (the store's own bookkeeping left out) */
export function recordData(r: EntityRecord): EntityRecordData {
  return { id: r.id, type: r.type, version: r.version, data: r.data, createdAt: r.createdAt, createdBy: r.createdBy, updatedAt: r.updatedAt, updatedBy: r.updatedBy };
}

/** the store's refusals as the sdk names them; anything else (database away …) passes through */
function translate(e: unknown): unknown {
  if (!isLzError(e) || !e.code.startsWith('LZ_ERR_ENTITY_')) return e;
  const errors = Array.isArray(e.details.errors) ? (e.details.errors as FieldError[]).map((f) => ({ path: f.path, message: f.message })) : [];
  if (e.code === 'LZ_ERR_ENTITY_TYPE_NOT_FOUND') return new EntityAccessError('type-not-found', e.message, errors);
  switch (e.kind) {
    case 'invalid':
      return new EntityAccessError('invalid', e.message, errors);
    case 'not-found':
      return new EntityAccessError('not-found', e.message, errors);
    case 'conflict':
      return new EntityAccessError('conflict', e.message, errors);
    case 'forbidden':
      return new EntityAccessError('forbidden', e.message, errors);
    default:
      return e;
  }
}

async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw translate(e);
  }
}

/**
 * The entity store lent to one plugin task. Tasks act for their process, not for a person:
 * the store sees the system actor (admin: every type and record; the model decides what a
 * process touches), under the id `process:<processInstanceId>`, which is what the record's
 * createdBy / updatedBy and its history show.
 */
export function entityAccessFor(store: EntityStore, processInstanceId: string): EntityAccess {
  const actor: Actor = { ...SYSTEM_ACTOR, id: `process:${processInstanceId}` };
  return {
    create: (type, data) => guarded(async () => recordData(await store.create(actor, type, data))),
    update: (type, id, patch, expectedVersion) => guarded(async () => recordData(await store.update(actor, type, id, patch, expectedVersion ?? null))),
    get: (type, id) => guarded(async () => recordData(await store.get(actor, type, id))),
    query: (type, q) =>
      guarded(async () => {
        const page = await store.query(actor, type, { ...q, count: true });
        return { records: page.items.map(recordData), total: page.total ?? page.items.length };
      }),
  };
}
