/**
 * The entity store's contract: what the import, the forms, the entity plugin and the routes
 * use. One generic store carries every pack's records (CRM customers, OA requests, ERP orders).
 *
 * An entity type is a JSON Schema (draft 2020-12) document of `"type": "object"` with these
 * keywords of ours at the top level:
 *   x-entity        the type's name: /^[a-z][a-z0-9-]{0,62}$/ (`customer`, `purchase-order`)
 *   x-title-field   the property shown as the record's title
 *   x-index         properties with a database index (query and sort on them stay fast)
 *   x-owner-field   the property holding the owner's user id (per-record permission)
 *   x-team-field    the property holding the owning team (a group id)
 *   x-stage-field   the property holding the stage (kanban columns, funnels)
 *   x-match         properties compared, normalised, to find duplicates (import, create)
 *   x-permissions   { read?: string[], write?: string[] } — roles or group ids; absent: every user
 *   x-i18n          { "<locale>": { title?: string, fields?: { "<property>": "<label>" } } }
 *   x-migration     { set?: {field: value}, rename?: {old: new}, drop?: string[] } applied to stored
 *                   records when this version is deployed over the previous one
 * and on a property:
 *   x-ref           the entity type the property points at (its value is a record id)
 *   x-label         a plain label (the default when x-i18n has none)
 */

export interface EntityTypeInfo {
  name: string;
  version: number;
  schema: EntitySchema;
  deploymentId: string | null;
  createdAt: string;
}

export interface EntitySchema {
  'x-entity': string;
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  'x-title-field'?: string;
  'x-index'?: string[];
  'x-owner-field'?: string;
  'x-team-field'?: string;
  'x-stage-field'?: string;
  'x-match'?: string[];
  'x-permissions'?: { read?: string[]; write?: string[] };
  'x-i18n'?: Record<string, { title?: string; fields?: Record<string, string> }>;
  'x-migration'?: { set?: Record<string, unknown>; rename?: Record<string, string>; drop?: string[] };
  [keyword: string]: unknown;
}

/** who acts: a signed-in user (identity's Principal fits), or the system (processes, imports run by the engine) */
export interface Actor {
  id: string;
  roles: readonly string[];
  groups: readonly string[];
  isAdmin: boolean;
}

export interface EntityRecord {
  id: string;
  type: string;
  /** 1 on create, +1 on every change; the ETag / If-Match value */
  version: number;
  /** the entity type version the data was last validated against */
  typeVersion: number;
  data: Record<string, unknown>;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt: string | null;
}

export type FilterOp = 'eq' | 'ne' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'exists' | 'search';

/** one condition; `search` is full text over the record (field ignored, may be '*') */
export interface Filter {
  field: string;
  op: FilterOp;
  value?: unknown;
}

export interface EntityQuery {
  filters?: Filter[];
  /** property names; `-name` sorts descending; the record id breaks ties */
  sort?: string[];
  /** from the previous page's nextCursor */
  cursor?: string | null;
  /** 1–1000, default 50 */
  limit?: number;
  /** include soft-deleted records (admins) */
  deleted?: boolean;
  /** also count every match (costs a second query) */
  count?: boolean;
}

export interface EntityPage {
  items: EntityRecord[];
  nextCursor: string | null;
  total?: number;
}

export interface AggregateQuery {
  filters?: Filter[];
  /** property to group by (a kanban's stage, a funnel's stage, an owner) */
  groupBy: string;
  /** numeric properties summed per group */
  sum?: string[];
}

export interface AggregateRow {
  key: unknown;
  count: number;
  sums: Record<string, number>;
}

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface HistoryEntry {
  recordId: string;
  version: number;
  action: 'created' | 'updated' | 'deleted' | 'restored' | 'migrated';
  actor: string;
  at: string;
  changes: FieldChange[];
}

/** one problem with one field: `path` is a JSON pointer into the record (`/lines/0/qty`) */
export interface FieldError {
  path: string;
  message: string;
}

export type EntityEventType = 'created' | 'updated' | 'deleted' | 'restored';

/** delivered after the change committed; `changes` lists the fields that changed */
export interface EntityEvent {
  type: EntityEventType;
  entityType: string;
  record: EntityRecord;
  changes: FieldChange[];
  actor: string;
}

export interface EntityStore {
  /** latest version of a type (LZ_ERR_ENTITY_TYPE_NOT_FOUND) */
  getType(name: string): Promise<EntityTypeInfo>;
  listTypes(): Promise<EntityTypeInfo[]>;
  /** checks a type without storing it: field errors with JSON pointers into the schema */
  checkType(schema: unknown): FieldError[];
  /** data errors against the type's schema, references included; [] when valid */
  validate(type: string, data: Record<string, unknown>, opts?: { partial?: boolean }): Promise<FieldError[]>;
  create(actor: Actor, type: string, data: Record<string, unknown>): Promise<EntityRecord>;
  get(actor: Actor, type: string, id: string, opts?: { deleted?: boolean }): Promise<EntityRecord>;
  /** a merge patch of top-level fields (null removes a field); 409 when `expectedVersion` is stale */
  update(actor: Actor, type: string, id: string, patch: Record<string, unknown>, expectedVersion: number | null): Promise<EntityRecord>;
  remove(actor: Actor, type: string, id: string, expectedVersion: number | null): Promise<EntityRecord>;
  restore(actor: Actor, type: string, id: string): Promise<EntityRecord>;
  query(actor: Actor, type: string, query: EntityQuery): Promise<EntityPage>;
  aggregate(actor: Actor, type: string, query: AggregateQuery): Promise<AggregateRow[]>;
  history(actor: Actor, type: string, id: string): Promise<HistoryEntry[]>;
  /**
   * Many creates/updates in ONE transaction (the import's batches): each row validated; rows with
   * errors are reported and not written, the others are. Events are emitted per written record.
   */
  writeMany(actor: Actor, type: string, rows: { data: Record<string, unknown>; updateId?: string }[]): Promise<({ ok: true; record: EntityRecord } | { ok: false; errors: FieldError[] })[]>;
  /** ids of stored records whose normalised x-match fields equal those of `data`, per row */
  findDuplicates(type: string, rows: Record<string, unknown>[]): Promise<(string | null)[]>;
  /** listener for committed changes; returns an unsubscribe function */
  onEvent(listener: (event: EntityEvent) => void | Promise<void>): () => void;
}

/** the system actor: processes and imports started by the runtime itself */
export const SYSTEM_ACTOR: Actor = { id: 'system', roles: ['admin'], groups: [], isAdmin: true };
