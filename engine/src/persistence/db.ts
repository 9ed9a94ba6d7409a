import knexFactory, { type Knex } from 'knex';
import { PGlite } from '@electric-sql/pglite';
import ClientPGLite from 'knex-pglite';
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { LzError } from '../errors.ts';

/**
 * The database handle the engine uses. Both backends speak the same SQL (PostgreSQL 15+):
 * embedded PGlite in a data directory (or in memory) by default, a real PostgreSQL server
 * when a connection URL is given.
 */
export interface Db {
  readonly dialect: 'pglite' | 'postgres';
  /** query builder, migrations and ad-hoc reads */
  readonly knex: Knex;
  /** the schema holding every engine table (search_path of every connection) */
  readonly schema: string;
  /**
   * one parametrised statement ($1, $2 …), rows back. A `name` makes it a prepared statement
   * on PostgreSQL (parsed and planned once per connection); hot queries use one.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], name?: string): Promise<T[]>;
  /**
   * Several statements separated by `;`, sent in one round trip with the simple query
   * protocol. PostgreSQL runs such a string as ONE implicit transaction: all or nothing.
   * The text must carry literals only (see sql-literal.ts), never user text spliced raw.
   */
  batch(sql: string): Promise<void>;
  /** run fn in a transaction on one connection */
  transaction<T>(fn: (q: <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>) => Promise<T>): Promise<T>;
  /**
   * LISTEN: on PostgreSQL on a connection of its own (reconnecting when it drops; `onLost` is
   * told, so the listener can assume it missed something); on PGlite in process.
   */
  listen(channel: string, onMessage: (payload: string) => void, onLost: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… ; when absent PGlite is used */
  databaseUrl?: string | undefined;
  /** PGlite data directory; absent → in-memory PGlite */
  dataDir?: string | undefined;
  /** schema for all tables (created if missing); default `public` */
  schema?: string | undefined;
  /** pool size for PostgreSQL (default 10) */
  poolSize?: number | undefined;
  /** PGlite only: start from a dump made by `dumpDataDir` (much faster than a fresh initdb) */
  pgliteTemplate?: Blob | undefined;
}

interface RawConnection {
  query(sql: string | { name: string; text: string; values: unknown[] }, params?: unknown[]): Promise<{ rows: unknown[] }>;
  exec?(sql: string): Promise<unknown>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDb(options: DbOptions = {}): Promise<Db> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new LzError('LZ_ERR_DB_CONFIG', `schema name '${schema}' must match ${SCHEMA_NAME}`);
  }
  const embedded = options.databaseUrl ? null : await openPglite(options.dataDir, schema, options.pgliteTemplate);
  const knex = embedded ? embedded.knex : openPostgres(options.databaseUrl!, schema, options.poolSize ?? 10);
  const dialect = options.databaseUrl ? 'postgres' : 'pglite';
  const db = new KnexDb(knex, dialect, schema, options.databaseUrl ?? null, embedded?.pglite ?? null);
  await db.prepareSchema();
  return db;
}

function openPostgres(url: string, schema: string, poolSize: number): Knex {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new LzError('LZ_ERR_DB_CONFIG', 'DATABASE_URL must start with postgres:// or postgresql://');
  }
  return knexFactory({
    client: 'pg',
    connection: url,
    searchPath: [schema],
    pool: {
      min: 0,
      max: poolSize,
      // every connection: our schema first, literals as the standard says (sql-literal.ts relies on it)
      afterCreate(conn: { query: (s: string, cb: (e: Error | null) => void) => void }, done: (e: Error | null, c: unknown) => void) {
        conn.query(`SET standard_conforming_strings = on; SET search_path TO "${schema}"`, (e) => done(e, conn));
      },
    },
  });
}

async function openPglite(dataDir: string | undefined, schema: string, template: Blob | undefined): Promise<{ knex: Knex; pglite: PGlite }> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(template ? { loadDataDir: template } : {}) });
  await pglite.waitReady;
  await pglite.exec(`SET standard_conforming_strings = on; CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}"`);
  const knex = knexFactory({ client: ClientPGLite as unknown as typeof knexFactory.Client, connection: { pglite } as never, searchPath: [schema] });
  return { knex, pglite };
}

class KnexDb implements Db {
  private readonly listeners = new Set<() => Promise<void>>();

  constructor(
    readonly knex: Knex,
    readonly dialect: 'pglite' | 'postgres',
    readonly schema: string,
    private readonly url: string | null,
    private readonly pglite: PGlite | null,
  ) {}

  async listen(channel: string, onMessage: (payload: string) => void, onLost: () => void): Promise<() => Promise<void>> {
    if (this.pglite) {
      const unsubscribe = await this.pglite.listen(channel, onMessage);
      return async () => unsubscribe();
    }
    if (!this.url) return async () => undefined;
    let client: pg.Client | null = null;
    let stopped = false;
    const connect = async (): Promise<void> => {
      while (!stopped) {
        const c = new pg.Client({ connectionString: this.url! });
        try {
          c.on('notification', (n) => n.channel === channel && onMessage(n.payload ?? ''));
          c.on('error', () => undefined);
          c.on('end', () => {
            if (stopped) return;
            onLost();
            setTimeout(() => void connect(), 500).unref();
          });
          await c.connect();
          await c.query(`LISTEN "${channel.replace(/"/g, '')}"`);
          client = c;
          return;
        } catch {
          await c.end().catch(() => undefined);
          onLost();
          await new Promise((r) => setTimeout(r, 500).unref());
        }
      }
    };
    await connect();
    const stop = async () => {
      stopped = true;
      this.listeners.delete(stop);
      await client?.end().catch(() => undefined);
    };
    this.listeners.add(stop);
    return stop;
  }

  async prepareSchema(): Promise<void> {
    await this.withConnection(async (c) => {
      await c.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
    });
  }

  private async withConnection<T>(fn: (c: RawConnection) => Promise<T>): Promise<T> {
    const client = this.knex.client as { acquireConnection(): Promise<RawConnection>; releaseConnection(c: RawConnection): Promise<void> };
    const conn = await client.acquireConnection();
    try {
      return await fn(conn);
    } finally {
      await client.releaseConnection(conn);
    }
  }

  query<T>(sql: string, params: readonly unknown[] = [], name?: string): Promise<T[]> {
    return this.withConnection(async (c) => {
      const res = name && this.dialect === 'postgres' ? await c.query({ name, text: sql, values: params as unknown[] }) : await c.query(sql, params as unknown[]);
      return res.rows as T[];
    });
  }

  batch(sql: string): Promise<void> {
    if (!sql) return Promise.resolve();
    return this.withConnection(async (c) => {
      if (c.exec) await c.exec(sql);
      else await c.query(sql);
    });
  }

  transaction<T>(fn: (q: <R>(sql: string, params?: readonly unknown[]) => Promise<R[]>) => Promise<T>): Promise<T> {
    return this.withConnection(async (c) => {
      await c.query('BEGIN');
      try {
        const result = await fn(async <R>(sql: string, params: readonly unknown[] = []) => (await c.query(sql, params as unknown[])).rows as R[]);
        await c.query('COMMIT');
        return result;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    for (const stop of [...this.listeners]) await stop();
    await this.knex.destroy();
  }
}

/**
 * An empty PGlite data directory as a dump: opening a database from it (`pgliteTemplate`)
 * skips the seconds a fresh initdb takes (tests open many databases).
 */
export async function makePgliteTemplate(): Promise<Blob> {
  const pglite = new PGlite();
  await pglite.waitReady;
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  return dump;
}
