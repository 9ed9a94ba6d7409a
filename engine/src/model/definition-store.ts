import { LzError } from '../errors.ts';
import { compileDocument, type CompileOptions } from '../parse/compile/index.ts';
import { readBpmn } from '../parse/read-bpmn.ts';
import type { Db } from '../persistence/db.ts';
import type { ProcessModel } from './types.ts';

export interface DefinitionRow {
  id: string;
  key: string;
  version: number;
  name: string | null;
  deployment_id: string;
  resource_id: string;
  resource_name: string;
  hash: string;
  version_tag: string | null;
  suspended: boolean;
  history_ttl: number | null;
  created_at: Date;
}

export interface DefinitionRecord {
  readonly row: DefinitionRow;
  readonly model: ProcessModel;
}

/**
 * Compiled definitions, cached per definition id (a definition version never changes, so
 * the cache never goes stale). "Latest version of key" is always asked of the database:
 * another runtime process sharing it may have deployed a newer one.
 */
export class DefinitionStore {
  private readonly cache = new Map<string, Promise<DefinitionRecord>>();
  /** latest version per key as last seen; trusted optimistically (see latestChecked) */
  private readonly latestSeen = new Map<string, { id: string; version: number }>();

  constructor(
    private readonly db: Db,
    private readonly options: () => Omit<CompileOptions, 'resourceName'>,
  ) {}

  byId(id: string): Promise<DefinitionRecord> {
    let p = this.cache.get(id);
    if (!p) {
      p = this.load(id);
      this.cache.set(id, p);
      p.catch(() => this.cache.delete(id));
    }
    return p;
  }

  /** put a definition just compiled by a deployment into the cache */
  prime(row: DefinitionRow, model: ProcessModel): void {
    this.cache.set(row.id, Promise.resolve({ row, model }));
    const seen = this.latestSeen.get(row.key);
    if (!seen || seen.version < row.version) this.latestSeen.set(row.key, { id: row.id, version: row.version });
  }

  /**
   * The latest version of a key without asking the database when it was seen before. A
   * deployment in this process updates it at once; one in another runtime process on the
   * same PostgreSQL announces itself with NOTIFY (engine.ts listens) and the entry is
   * forgotten — a start racing that notification may still use the version before.
   */
  async latestChecked(key: string): Promise<DefinitionRecord | null> {
    const seen = this.latestSeen.get(key);
    if (seen) return this.byId(seen.id);
    const [r] = await this.db.query<{ id: string; version: number }>(
      `SELECT id, version FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1`,
      [key],
      'lz_latest_definition',
    );
    if (!r) return null;
    this.latestSeen.set(key, { id: r.id, version: r.version });
    return this.byId(r.id);
  }

  forgetLatest(key?: string): void {
    if (key === undefined) this.latestSeen.clear();
    else this.latestSeen.delete(key);
  }

  async latestId(key: string): Promise<string | null> {
    const [r] = await this.db.query<{ id: string }>(`SELECT id FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1`, [key]);
    return r?.id ?? null;
  }

  async latest(key: string): Promise<DefinitionRecord | null> {
    const id = await this.latestId(key);
    return id ? this.byId(id) : null;
  }

  async find(where: { key: string; version?: number; versionTag?: string; deploymentId?: string }): Promise<DefinitionRecord | null> {
    const params: unknown[] = [where.key];
    let sql = `SELECT id FROM process_definitions WHERE key = $1`;
    if (where.version !== undefined) sql += ` AND version = $${params.push(where.version)}`;
    if (where.versionTag !== undefined) sql += ` AND version_tag = $${params.push(where.versionTag)}`;
    if (where.deploymentId !== undefined) sql += ` AND deployment_id = $${params.push(where.deploymentId)}`;
    const [r] = await this.db.query<{ id: string }>(`${sql} ORDER BY version DESC LIMIT 1`, params);
    return r ? this.byId(r.id) : null;
  }

  private async load(id: string): Promise<DefinitionRecord> {
    const [row] = await this.db.query<DefinitionRow & { content: string }>(
      `SELECT d.*, r.content FROM process_definitions d JOIN deployment_resources r ON r.id = d.resource_id WHERE d.id = $1`,
      [id],
    );
    if (!row) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', id);
    const doc = await readBpmn(row.content);
    const compiled = compileDocument(doc, { ...this.options(), resourceName: row.resource_name });
    const model = compiled.processes.find((p) => p.id === row.key);
    if (!model) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', `${id}: process '${row.key}' is missing from its resource`);
    const { content: _content, ...definition } = row;
    return { row: definition, model };
  }
}
