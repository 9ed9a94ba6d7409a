/**
 * What the runtime lends a plugin task so it can read and write the entity store (customers,
 * opportunities, orders …) without knowing the runtime: plain JSON in, plain JSON out.
 *
 * The host hands each task an `EntityAccess` already bound to the process that runs it: the
 * store sees the system actor (every type, every record), and the record's createdBy /
 * updatedBy is `process:<processInstanceId>`. Permissions of the person who started the
 * process are not applied — the model decides what a process may touch, as with any service
 * task. A remote worker has no store: `ctx.services?.entities` is undefined there.
 */

/** a stored record, as the store returns it */
export interface EntityRecordData {
  id: string;
  type: string;
  /** 1 on create, +1 on every change (pass it to `update` for an optimistic check) */
  version: number;
  data: Record<string, unknown>;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export type EntityFilterOp = 'eq' | 'ne' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'exists' | 'search';

export interface EntityFilter {
  field: string;
  op: EntityFilterOp;
  value?: unknown;
}

export interface EntityAccessQuery {
  filters?: EntityFilter[];
  /** property names; `-name` sorts descending */
  sort?: string[];
  /** 1–1000, default 50 */
  limit?: number;
}

export interface EntityAccess {
  create(type: string, data: Record<string, unknown>): Promise<EntityRecordData>;
  /** a merge patch of top-level fields (null removes one); `expectedVersion` given and stale → conflict */
  update(type: string, id: string, patch: Record<string, unknown>, expectedVersion?: number | null): Promise<EntityRecordData>;
  get(type: string, id: string): Promise<EntityRecordData>;
  /** the first page of matches and how many match in all */
  query(type: string, query: EntityAccessQuery): Promise<{ records: EntityRecordData[]; total: number }>;
}

/** services the runtime lends to tasks that run inside it */
export interface HostServices {
  entities?: EntityAccess;
}

/**
 * Why the store refused: `invalid` (data or filter), `not-found` (no such record),
 * `type-not-found` (no such entity type), `conflict` (stale version), `forbidden`.
 */
export type EntityAccessReason = 'invalid' | 'not-found' | 'type-not-found' | 'conflict' | 'forbidden';

const ENTITY_ACCESS_ERROR = Symbol.for('liuzhuan.plugin-sdk.entity-access-error');

/** What an `EntityAccess` call rejects with when the store refuses; anything else is unexpected. */
export class EntityAccessError extends Error {
  readonly [ENTITY_ACCESS_ERROR] = true;
  override readonly name = 'EntityAccessError';

  constructor(
    readonly reason: EntityAccessReason,
    message: string,
    /** field problems: `path` is a JSON pointer into the record (`/email`) */
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** recognised by a brand, not `instanceof` (a plugin may bundle its own copy of the sdk) */
export function isEntityAccessError(e: unknown): e is EntityAccessError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[ENTITY_ACCESS_ERROR] === true;
}
