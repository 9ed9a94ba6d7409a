import { LzError, runMigrations, type Db } from '@liuzhuan/engine';
import * as m0001 from './migrations/0001_entities.ts';
import * as m0002 from './migrations/0002_type_schema_order.ts';
import { migrateOrCheck } from './compatibility.ts';
import { toHistoryEntry } from './history.ts';
import { kindOf, normalise } from './match-keys.ts';
import { assertOwns, assertReadType, assertWriteType, readsRestricted, ownsRecord } from './permissions.ts';
import { afterCursor, encodeCursor, orderBy, Params, sortKeys, sortSelect, whereClause } from './query-builder.ts';
import { RECORD_COLUMNS, toRecord, UUID, type RecordRow } from './records.repo.ts';
import { referenceErrors } from './references.ts';
import { writeRows, type WriteRow } from './record-writes.ts';
import { checkSchema, fieldErrors, validatorsOf } from './schema-check.ts';
import { fieldExpr, indexStatements } from './sql-expr.ts';
import { schemaHash, TypesRepo } from './types.repo.ts';
import type {
  Actor, AggregateQuery, AggregateRow, EntityEvent, EntityPage, EntityQuery, EntityRecord, EntitySchema,
  EntityStore, EntityTypeInfo, FieldError, HistoryEntry,
} from './types.ts';

/** thrown inside a dry-run transaction so that it rolls back */
class DryRun extends Error {}

/**
 * The generic entity store: entity types as JSON Schema versions, records as JSONB rows with
 * history, per-type expression indexes, duplicate keys and events after commit.
 */
export class EntitiesService implements EntityStore {
  private readonly types: TypesRepo;
  private readonly listeners = new Set<(e: EntityEvent) => void | Promise<void>>();

  constructor(private readonly db: Db) {
    this.types = new TypesRepo(db);
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, [m0001, m0002], 'lz_entities_migrations');
    await this.types.refreshNames();
  }

  // ---- types

  async getType(name: string, version?: number): Promise<EntityTypeInfo> {
    const info = version === undefined ? await this.types.latest(name) : await this.types.version(name, version);
    if (!info) throw new LzError('LZ_ERR_ENTITY_TYPE_NOT_FOUND', `'${String(name).slice(0, 80)}'${version === undefined ? '' : ` version ${version}`}`);
    if ('hash' in info) {
      const { hash: _h, ...rest } = info;
      return rest;
    }
    return info;
  }

  listTypes(): Promise<EntityTypeInfo[]> {
    return this.types.listLatest();
  }

  /** `alsoKnown`: type names an x-ref may name besides the stored ones (the same deployment's) */
  checkType(schema: unknown, opts: { alsoKnown?: Iterable<string> } = {}): FieldError[] {
    return checkSchema(schema, new Set([...this.types.names, ...(opts.alsoKnown ?? [])]));
  }

  /**
   * Deploys a type version: the same schema as the latest → that version (no new one); changed →
   * version + 1, after the compatibility check (or migration) over the stored records, all in one
   * transaction with the type row and its indexes. `dryRun` does everything and rolls back.
   */
  async deployType(schema: unknown, opts: { deploymentId?: string | null; alsoKnown?: Iterable<string>; actor?: string; dryRun?: boolean } = {}): Promise<{ type: EntityTypeInfo; created: boolean }> {
    await this.types.refreshNames();
    const errors = this.checkType(schema, opts);
    if (errors.length > 0) throw new LzError('LZ_ERR_ENTITY_TYPE_INVALID', errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ').slice(0, 500), { errors });
    const s = schema as EntitySchema;
    const name = s['x-entity'];
    const hash = schemaHash(s);
    let created = false;
    const now = new Date();
    try {
      await this.db.transaction(async (q) => {
        await q(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`liuzhuan-entity-type:${name}`]);
        const latest = await this.types.latest(name, q);
        if (latest && latest.hash === hash) {
          if (opts.dryRun) throw new DryRun();
          return;
        }
        // references named by the same deployment must exist by now (types deploy in order)
        const refs = new Set(Object.values(s.properties).flatMap((p) => [p['x-ref'], (p.items as Record<string, unknown> | undefined)?.['x-ref']]).filter((x): x is string => typeof x === 'string' && x !== name));
        const have = await this.types.existing(q, [...refs]);
        const also = new Set(opts.alsoKnown ?? []);
        const missing = [...refs].filter((r) => !have.has(r) && !also.has(r));
        if (missing.length > 0) throw new LzError('LZ_ERR_ENTITY_TYPE_INVALID', `x-ref names types that do not exist: ${missing.join(', ')}`, { errors: missing.map((m) => ({ path: '/properties', message: `x-ref '${m}' does not exist` })) });
        const version = (latest?.version ?? 0) + 1;
        if (latest) await migrateOrCheck(q, s, version, opts.actor ?? 'system', now);
        await this.types.insert(q, s, version, hash, opts.deploymentId ?? null, now);
        for (const sql of indexStatements(s)) await q(sql);
        if (opts.dryRun) throw new DryRun();
        created = true;
      });
    } catch (e) {
      if (!(e instanceof DryRun)) throw e;
      return { type: { name, version: 0, schema: s, deploymentId: null, createdAt: now.toISOString() }, created: false };
    }
    this.types.names.add(name);
    return { type: await this.getType(name), created };
  }

  // ---- records

  private async typeFor(type: string): Promise<EntityTypeInfo> {
    return this.getType(type);
  }

  async validate(type: string, data: Record<string, unknown>, opts: { partial?: boolean } = {}): Promise<FieldError[]> {
    const info = await this.typeFor(type);
    const v = validatorsOf(info.schema)[opts.partial ? 'partial' : 'full'];
    if (!v(data)) return fieldErrors(v.errors);
    const [refs] = await referenceErrors((s, p) => this.db.query(s, p), info.schema, [data]);
    return refs!;
  }

  private async emit(events: EntityEvent[]): Promise<void> {
    for (const e of events) {
      for (const l of this.listeners) {
        // a listener's failure must not undo or fail a change that has committed
        try {
          await l(e);
        } catch {
          /* listeners own their errors */
        }
      }
    }
  }

  private async writeOne(actor: Actor, type: string, row: WriteRow): Promise<EntityRecord> {
    const info = await this.typeFor(type);
    const { results, events } = await writeRows(this.db, actor, info, [row], true);
    await this.emit(events);
    const r = results[0]!;
    if (!r.ok) throw new LzError('LZ_ERR_ENTITY_INVALID', undefined, { errors: r.errors });
    return r.record;
  }

  create(actor: Actor, type: string, data: Record<string, unknown>): Promise<EntityRecord> {
    return this.writeOne(actor, type, { data });
  }

  update(actor: Actor, type: string, id: string, patch: Record<string, unknown>, expectedVersion: number | null): Promise<EntityRecord> {
    if (!UUID.test(id)) return Promise.reject(new LzError('LZ_ERR_ENTITY_NOT_FOUND', `${type} '${String(id).slice(0, 60)}'`));
    return this.writeOne(actor, type, { data: patch, updateId: id, expectedVersion });
  }

  async writeMany(actor: Actor, type: string, rows: { data: Record<string, unknown>; updateId?: string }[]) {
    const info = await this.typeFor(type);
    const { results, events } = await writeRows(this.db, actor, info, rows.map((r) => ({ data: r.data, updateId: r.updateId })), false);
    await this.emit(events);
    return results;
  }

  async get(actor: Actor, type: string, id: string, opts: { deleted?: boolean } = {}): Promise<EntityRecord> {
    const info = await this.typeFor(type);
    assertReadType(actor, info.schema);
    const notFound = new LzError('LZ_ERR_ENTITY_NOT_FOUND', `${type} '${String(id).slice(0, 60)}'`);
    if (!UUID.test(id)) throw notFound;
    const [row] = await this.db.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM entity_records WHERE type = $1 AND id = $2::uuid`, [type, id]);
    if (!row || (row.deleted_at !== null && !(opts.deleted && actor.isAdmin))) throw notFound;
    const record = toRecord(row);
    if (readsRestricted(actor, info.schema) && !ownsRecord(actor, info.schema, record.data)) throw new LzError('LZ_ERR_ENTITY_FORBIDDEN', 'only the owner or the owning team may read this record');
    return record;
  }

  /** soft delete (deleting: true) or restore, with history and an event */
  private async setDeleted(actor: Actor, type: string, id: string, deleting: boolean, expectedVersion: number | null): Promise<EntityRecord> {
    const info = await this.typeFor(type);
    assertWriteType(actor, info.schema);
    const notFound = new LzError('LZ_ERR_ENTITY_NOT_FOUND', `${type} '${String(id).slice(0, 60)}'`);
    if (!UUID.test(id)) throw notFound;
    const record = await this.db.transaction(async (q) => {
      const [row] = await q<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM entity_records WHERE type = $1 AND id = $2::uuid FOR UPDATE`, [type, id]);
      if (!row || (row.deleted_at !== null) !== !deleting) throw notFound;
      const old = toRecord(row);
      if (expectedVersion != null && expectedVersion !== old.version) throw new LzError('LZ_ERR_ENTITY_VERSION_CONFLICT', `version ${expectedVersion} was expected, the record is at ${old.version}`);
      assertOwns(actor, info.schema, old.data);
      if (!deleting && (await referenceErrors(q, info.schema, [old.data]))[0]!.length > 0) {
        throw new LzError('LZ_ERR_ENTITY_REFERENCE', 'the record points at records that no longer exist; change it after restoring them');
      }
      const [upd] = await q<RecordRow>(
        `UPDATE entity_records SET deleted_at = ${deleting ? 'now()' : 'NULL'}, version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1::uuid RETURNING ${RECORD_COLUMNS}`,
        [id, actor.id],
      );
      await q(`INSERT INTO entity_history (record_id, version, action, actor, at, changes) VALUES ($1::uuid, $2, $3, $4, now(), '[]'::jsonb)`, [id, upd!.version, deleting ? 'deleted' : 'restored', actor.id]);
      return toRecord(upd!);
    });
    await this.emit([{ type: deleting ? 'deleted' : 'restored', entityType: type, record, changes: [], actor: actor.id }]);
    return record;
  }

  remove(actor: Actor, type: string, id: string, expectedVersion: number | null): Promise<EntityRecord> {
    return this.setDeleted(actor, type, id, true, expectedVersion);
  }

  restore(actor: Actor, type: string, id: string): Promise<EntityRecord> {
    return this.setDeleted(actor, type, id, false, null);
  }

  async query(actor: Actor, type: string, query: EntityQuery): Promise<EntityPage> {
    const info = await this.typeFor(type);
    assertReadType(actor, info.schema);
    if (query.deleted && !actor.isAdmin) throw new LzError('LZ_ERR_ENTITY_FORBIDDEN', 'only admins see deleted records');
    const limit = query.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new LzError('LZ_ERR_ENTITY_FILTER_INVALID', 'limit is 1–1000');
    const ps = new Params();
    const where = whereClause(actor, info.schema, query.filters, !!query.deleted, ps);
    const keys = sortKeys(info.schema, query.sort);
    const countParams = [...ps.values];
    const after = query.cursor ? ` AND ${afterCursor(keys, query.cursor, ps)}` : '';
    const rows = await this.db.query<RecordRow & Record<string, unknown>>(
      `SELECT ${RECORD_COLUMNS}, ${sortSelect(keys)} FROM entity_records WHERE ${where}${after} ORDER BY ${orderBy(keys)} LIMIT ${limit + 1}`,
      ps.values,
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = more && last ? encodeCursor(keys, keys.map((_, i) => (last[`s${i}`] ?? null) as unknown), last.id) : null;
    const result: EntityPage = { items: page.map(toRecord), nextCursor };
    if (query.count) {
      const [c] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM entity_records WHERE ${where}`, countParams);
      result.total = c!.n;
    }
    return result;
  }

  async aggregate(actor: Actor, type: string, query: AggregateQuery): Promise<AggregateRow[]> {
    const info = await this.typeFor(type);
    assertReadType(actor, info.schema);
    const group = fieldExpr(info.schema, query.groupBy);
    if (group.kind === 'json') throw new LzError('LZ_ERR_ENTITY_FILTER_INVALID', `cannot group by '${query.groupBy}' (a list or object)`);
    const sums = (query.sum ?? []).map((f) => {
      const e = fieldExpr(info.schema, f);
      if (e.kind !== 'numeric') throw new LzError('LZ_ERR_ENTITY_FILTER_INVALID', `'${f}' is not a number field`);
      return e.sql;
    });
    if (sums.length > 20) throw new LzError('LZ_ERR_ENTITY_FILTER_INVALID', 'sum at most 20 fields');
    const ps = new Params();
    const where = whereClause(actor, info.schema, query.filters, false, ps);
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT ${group.sql} AS key, count(*)::int AS n${sums.map((s, i) => `, coalesce(sum(${s}), 0)::float8 AS s${i}`).join('')} FROM entity_records WHERE ${where} GROUP BY 1 ORDER BY 1 NULLS LAST LIMIT 1000`,
      ps.values,
    );
    return rows.map((r) => ({
      key: r.key === null ? null : group.kind === 'numeric' ? Number(r.key) : r.key,
      count: r.n as number,
      sums: Object.fromEntries((query.sum ?? []).map((f, i) => [f, Number(r[`s${i}`])])),
    }));
  }

  async history(actor: Actor, type: string, id: string): Promise<HistoryEntry[]> {
    await this.get(actor, type, id, { deleted: actor.isAdmin });
    const rows = await this.db.query<Parameters<typeof toHistoryEntry>[0]>(`SELECT record_id::text AS record_id, version, action, actor, at, changes FROM entity_history WHERE record_id = $1::uuid ORDER BY version`, [id]);
    return rows.map(toHistoryEntry);
  }

  async findDuplicates(type: string, rows: Record<string, unknown>[]): Promise<(string | null)[]> {
    const info = await this.typeFor(type);
    const fields = info.schema['x-match'] ?? [];
    const perRow = rows.map((data) => fields.map((f) => normalise(kindOf(f, info.schema.properties[f]), data?.[f])).map((n, i) => (n === null ? null : `${fields[i]}:${n}`)).filter((k): k is string => k !== null));
    const all = [...new Set(perRow.flat())];
    if (all.length === 0) return rows.map(() => null);
    const hits = await this.db.query<{ key: string; id: string }>(
      `SELECT k.key, k.record_id::text AS id FROM entity_match_keys k JOIN entity_records r ON r.id = k.record_id
        WHERE k.type = $1 AND k.key = ANY($2::text[]) AND r.deleted_at IS NULL ORDER BY r.created_at, r.id`,
      [type, all],
    );
    const first = new Map<string, string>();
    for (const h of hits) if (!first.has(h.key)) first.set(h.key, h.id);
    return perRow.map((keys) => keys.map((k) => first.get(k)).find((x) => x !== undefined) ?? null);
  }

  onEvent(listener: (event: EntityEvent) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
