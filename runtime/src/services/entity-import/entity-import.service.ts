import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { LzError, runMigrations, type Db } from '@liuzhuan/engine';
import { assertWriteType } from '../entities/permissions.ts';
import type { Actor, EntityStore, EntityTypeInfo } from '../entities/types.ts';
import { csvSource } from './csv-source.ts';
import { runImport, RunFailed } from './import-run.ts';
import { ImportsRepo, type ImportFormat, type ImportRun, type OnDuplicate, type RefusedRow } from './imports.repo.ts';
import { checkMapping } from './mapping.ts';
import * as m0001 from './migrations/0001_entity_import.ts';
import { xlsxSource } from './xlsx-source.ts';

const HEARTBEAT_MS = 15_000;

export interface ImportRequest {
  /** the spooled upload; the service owns it from here and removes it when the run ends */
  path: string;
  fileName: string;
  format: ImportFormat;
  size: number;
  mapping: Record<string, string>;
  onDuplicate: OnDuplicate;
}

export interface ImportOptions {
  batchSize?: number;
  log?: { error(obj: unknown, msg: string): void };
}

/**
 * CSV / XLSX import into the entity store. A run is started by a request and works in the
 * background of this process; its progress lives in entity_imports so any process can answer
 * for it. Each batch is one transaction in the store: a crash loses nothing already written.
 */
export class EntityImportService {
  readonly repo: ImportsRepo;
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;
  private readonly batchSize: number;

  constructor(
    private readonly db: Db,
    private readonly store: EntityStore,
    private readonly opts: ImportOptions = {},
  ) {
    this.repo = new ImportsRepo(db);
    this.batchSize = opts.batchSize ?? 500;
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, [m0001], 'lz_entity_import_migrations');
  }

  /** before the upload is read: the type exists (404) and the actor may write it (403) */
  async prepare(actor: Actor, type: string): Promise<EntityTypeInfo> {
    const info = await this.store.getType(type);
    assertWriteType(actor, info.schema);
    return info;
  }

  /** the mapping names the type's properties (400) */
  checkMapping(info: EntityTypeInfo, mapping: unknown): Record<string, string> {
    return checkMapping(info.schema, mapping);
  }

  /** records the run and starts it in the background; returns its id */
  async start(actor: Actor, info: EntityTypeInfo, req: ImportRequest): Promise<string> {
    const id = randomUUID();
    try {
      if (this.stopping) throw new LzError('LZ_ERR_IMPORT_INVALID', 'the server is shutting down');
      await this.repo.insert({ id, type: info.name, fileName: req.fileName, format: req.format, onDuplicate: req.onDuplicate, mapping: req.mapping, bytesTotal: req.size, startedBy: actor.id });
    } catch (e) {
      await rm(req.path, { force: true });
      throw e;
    }
    const run = this.run(id, actor, info, req).finally(() => this.running.delete(id));
    this.running.set(id, run);
    return id;
  }

  private async run(id: string, actor: Actor, info: EntityTypeInfo, req: ImportRequest): Promise<void> {
    const source = req.format === 'csv' ? csvSource(req.path) : xlsxSource(req.path);
    const beat = setInterval(() => void this.repo.heartbeat(id).catch(() => undefined), HEARTBEAT_MS);
    beat.unref();
    let failure: string | null = null;
    try {
      await runImport(this.repo, this.store, { id, actor, info, mapping: req.mapping, onDuplicate: req.onDuplicate, source, batchSize: this.batchSize, stopped: () => this.stopping });
    } catch (e) {
      if (e instanceof RunFailed || e instanceof LzError) failure = e.message;
      else {
        this.opts.log?.error({ err: e, importId: id }, 'entity import failed');
        failure = `the import stopped: ${e instanceof Error ? e.message.slice(0, 300) : 'unexpected error'}`;
      }
    } finally {
      clearInterval(beat);
      source.close();
      await rm(req.path, { force: true });
    }
    await this.repo.finish(id, failure === null ? 'done' : 'failed', failure).catch((e: unknown) => this.opts.log?.error({ err: e, importId: id }, 'entity import: could not record the end'));
    // embedded PGlite runs no autovacuum: without fresh statistics on the x-index expressions
    // the planner guesses, and a lookup by an indexed field scans the type (see sql-expr.ts)
    if (this.db.dialect === 'pglite') await this.db.query('ANALYZE entity_records').catch(() => undefined);
  }

  /** a run, to its starter or an admin; anyone else is told it does not exist */
  async get(actor: Actor, type: string, id: string): Promise<ImportRun> {
    const run = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? await this.repo.get(id) : null;
    if (!run || run.type !== type || (run.startedBy !== actor.id && !actor.isAdmin)) throw new LzError('LZ_ERR_IMPORT_NOT_FOUND', `'${id.slice(0, 60)}' for ${type.slice(0, 80)}`);
    return run;
  }

  async refusedRows(actor: Actor, type: string, id: string, after: number, limit: number): Promise<{ items: RefusedRow[]; next: number | null }> {
    await this.get(actor, type, id);
    const items = await this.repo.refused(id, after, limit + 1);
    const more = items.length > limit;
    const page = items.slice(0, limit);
    return { items: page, next: more ? page[page.length - 1]!.row : null };
  }

  /** waits for the runs in flight; each ends after its current batch (status failed, 'stopped') */
  async close(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running.values()]);
  }
}
