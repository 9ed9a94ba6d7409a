import type { EntitySchema } from '../../api/entities.ts';

/**
 * From the form's data to what the records API takes. The generated form may carry fields that
 * are not properties (computed totals of a detail table), and form-js reports an emptied field
 * as '' or null; a property left empty is simply not stored.
 */

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

function writable(schema: EntitySchema): string[] {
  return Object.entries(schema.properties)
    .filter(([, p]) => p && p.readOnly !== true)
    .map(([k]) => k);
}

/** the body of a create: the declared, non-empty fields */
export function createBody(schema: EntitySchema, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of writable(schema)) if (k in data && !isEmpty(data[k])) out[k] = data[k];
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** a merge patch (routes PATCH: top-level fields, null removes one) of what the user changed */
export function patchBody(schema: EntitySchema, before: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of writable(schema)) {
    if (!(k in data)) continue;
    const now = isEmpty(data[k]) ? null : data[k];
    if (!same(now, isEmpty(before[k]) ? null : before[k])) out[k] = now;
  }
  return out;
}

/** the user's edits laid over a newer version of the record (after "changed by someone else") */
export function reapply(schema: EntitySchema, original: Record<string, unknown>, edited: Record<string, unknown>, latest: Record<string, unknown>): Record<string, unknown> {
  const patch = patchBody(schema, original, edited);
  const out = { ...latest };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** may this user change records of the type (x-permissions.write: roles or group ids; absent → everyone) */
export function canWrite(schema: EntitySchema, user: { roles: string[]; groups: string[] } | null, isAdmin: boolean): boolean {
  const list = schema['x-permissions']?.write;
  if (isAdmin || !list) return true;
  return !!user && list.some((x) => user.roles.includes(x) || user.groups.includes(x));
}
