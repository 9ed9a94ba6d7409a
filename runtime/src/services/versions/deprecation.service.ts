import { LzError, runMigrations, type Db, type DefinitionInfo, type Engine } from '@liuzhuan/engine';
import * as m0001 from './migrations/0001_versions.ts';

/** what start paths ask before they start an instance (engine-rest start, forms, catalogue) */
export interface DeprecationGuard {
  /** throws LZ_ERR_DEFINITION_DEPRECATED (400) when the version is deprecated */
  assertStartable(definitionId: string): Promise<void>;
  /** the newest version of `key` that is not deprecated (404 unknown key, 400 when every version is) */
  startableDefinition(key: string): Promise<DefinitionInfo>;
}

/**
 * Deprecated versions (API contract B): a deprecated version starts no new instances — a start
 * by its id is refused, a start by key takes the newest version not deprecated — while its
 * running instances go on. The flag is the runtime's own table; the engine knows nothing of it.
 */
export class DeprecationService implements DeprecationGuard {
  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
  ) {}

  async migrate(): Promise<void> {
    await runMigrations(this.db, [m0001], 'lz_versions_migrations');
  }

  async isDeprecated(definitionId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM definition_deprecations WHERE definition_id = $1`, [definitionId]);
    return rows.length > 0;
  }

  /** every deprecated version id */
  async deprecatedIds(): Promise<Set<string>> {
    const rows = await this.db.query<{ definition_id: string }>(`SELECT definition_id FROM definition_deprecations`);
    return new Set(rows.map((r) => r.definition_id));
  }

  /** the deprecated ones among `definitionIds` */
  async deprecatedAmong(definitionIds: readonly string[]): Promise<Set<string>> {
    if (definitionIds.length === 0) return new Set();
    const rows = await this.db.query<{ definition_id: string }>(`SELECT definition_id FROM definition_deprecations WHERE definition_id = ANY($1::text[])`, [definitionIds]);
    return new Set(rows.map((r) => r.definition_id));
  }

  /** marks a version deprecated (again: nothing changes); 404 for an unknown id */
  async deprecate(definitionId: string, by: string | null): Promise<void> {
    await this.definition(definitionId);
    await this.db.query(`INSERT INTO definition_deprecations (definition_id, deprecated_by, deprecated_at) VALUES ($1, $2, now()) ON CONFLICT (definition_id) DO NOTHING`, [
      definitionId,
      by,
    ]);
  }

  /** lets a version start instances again; 404 for an unknown id */
  async undeprecate(definitionId: string): Promise<void> {
    await this.definition(definitionId);
    await this.db.query(`DELETE FROM definition_deprecations WHERE definition_id = $1`, [definitionId]);
  }

  async assertStartable(definitionId: string): Promise<void> {
    if (!(await this.isDeprecated(definitionId))) return;
    throw new LzError('LZ_ERR_DEFINITION_DEPRECATED', `'${definitionId}' is deprecated; start the process by its key to get the newest version that is not`);
  }

  async startableDefinition(key: string): Promise<DefinitionInfo> {
    // the common case, the latest version not deprecated, costs two small reads
    const [latest] = await this.engine.getDefinitions({ key, latestOnly: true });
    if (!latest) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', `no process definition with key '${key}'`);
    if (!(await this.isDeprecated(latest.id))) return latest;
    const all = await this.engine.getDefinitions({ key, sortBy: 'version', sortOrder: 'desc' });
    const deprecated = await this.deprecatedAmong(all.map((d) => d.id));
    const found = all.find((d) => !deprecated.has(d.id));
    if (!found) throw new LzError('LZ_ERR_DEFINITION_DEPRECATED', `every version of '${key}' is deprecated; undeprecate one to start it`);
    return found;
  }

  /** the id of the newest version of `key` that is not deprecated */
  async resolveStartable(key: string): Promise<string> {
    return (await this.startableDefinition(key)).id;
  }

  /** the newest version not deprecated of each key (keys whose every version is deprecated are left out), by key */
  async startableDefinitions(): Promise<DefinitionInfo[]> {
    const all = await this.engine.getDefinitions({ sortBy: 'version', sortOrder: 'desc' });
    const deprecated = await this.deprecatedIds();
    const byKey = new Map<string, DefinitionInfo>();
    for (const d of all) if (!deprecated.has(d.id) && !byKey.has(d.key)) byKey.set(d.key, d);
    return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  private async definition(definitionId: string): Promise<DefinitionInfo> {
    const [d] = await this.engine.getDefinitions({ id: definitionId });
    if (!d) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', `no process definition with id '${definitionId}'`);
    return d;
  }
}
