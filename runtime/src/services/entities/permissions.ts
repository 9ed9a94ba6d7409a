import { LzError } from '@liuzhuan/engine';
import type { Actor, EntitySchema } from './types.ts';

/**
 * Who may do what (issue, point 2): x-permissions read/write list roles or group ids, absent →
 * every signed-in user. Per record, on a type with x-owner-field, a non-admin writes only records
 * they own or whose team (x-team-field) is one of their groups; with `"x-record-read": "owner"`
 * reads follow the same rule. Admins may do everything.
 */
function allowed(actor: Actor, list: string[] | undefined): boolean {
  if (actor.isAdmin || list === undefined) return true;
  return list.some((x) => actor.roles.includes(x) || actor.groups.includes(x));
}

export function canReadType(actor: Actor, schema: EntitySchema): boolean {
  return allowed(actor, schema['x-permissions']?.read);
}

export function canWriteType(actor: Actor, schema: EntitySchema): boolean {
  return allowed(actor, schema['x-permissions']?.write);
}

export function assertReadType(actor: Actor, schema: EntitySchema): void {
  if (!canReadType(actor, schema)) throw new LzError('LZ_ERR_ENTITY_FORBIDDEN', `you may not read ${schema['x-entity']} records`);
}

export function assertWriteType(actor: Actor, schema: EntitySchema): void {
  if (!canWriteType(actor, schema)) throw new LzError('LZ_ERR_ENTITY_FORBIDDEN', `you may not change ${schema['x-entity']} records`);
}

/** the owner and team columns of a record, from its data */
export function ownerTeam(schema: EntitySchema, data: Record<string, unknown>): { owner: string | null; team: string | null } {
  const o = schema['x-owner-field'] ? data[schema['x-owner-field']] : undefined;
  const t = schema['x-team-field'] ? data[schema['x-team-field']] : undefined;
  return { owner: typeof o === 'string' ? o : null, team: typeof t === 'string' ? t : null };
}

/** the per-record rule: owner, or a member of the record's team */
export function ownsRecord(actor: Actor, schema: EntitySchema, data: Record<string, unknown>): boolean {
  if (actor.isAdmin || !schema['x-owner-field']) return true;
  const { owner, team } = ownerTeam(schema, data);
  return owner === actor.id || (team !== null && actor.groups.includes(team));
}

export function assertOwns(actor: Actor, schema: EntitySchema, data: Record<string, unknown>): void {
  if (!ownsRecord(actor, schema, data)) throw new LzError('LZ_ERR_ENTITY_FORBIDDEN', 'only the owner or the owning team may change this record');
}

/** reads restricted per record? (then queries add the owner/team condition) */
export function readsRestricted(actor: Actor, schema: EntitySchema): boolean {
  return !actor.isAdmin && schema['x-record-read'] === 'owner' && !!schema['x-owner-field'];
}
