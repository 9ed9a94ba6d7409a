import type { Db } from './db.ts';
import * as m0001 from './migrations/0001_init.ts';
import * as m0002 from './migrations/0002_runtime_api.ts';
import * as m0003 from './migrations/0003_task_assignment.ts';

export interface Migration {
  name: string;
  up: string[];
}

/** Every migration, in order. A migration never changes once released: add a new one. */
const MIGRATIONS: Migration[] = [m0001, m0002, m0003];

/**
 * Applies pending migrations, each in its own transaction. Concurrent starters (several
 * runtime processes on one PostgreSQL) serialise on an advisory lock, so each migration
 * runs once.
 */
export function migrate(db: Db): Promise<string[]> {
  return runMigrations(db, MIGRATIONS, 'lz_migrations');
}

/**
 * Applies the pending ones of `migrations` (in order, by name), recorded in `table`; other
 * packages (the runtime) keep their own list and table. Runs in one transaction under an
 * advisory lock, so several processes starting at once apply each migration once.
 */
export async function runMigrations(db: Db, migrations: readonly Migration[], table: string): Promise<string[]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad migrations table name '${table}'`);
  return db.transaction(async (q) => {
    await q(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`liuzhuan-migrations:${table}`]);
    await q(`CREATE TABLE IF NOT EXISTS ${table} (name text PRIMARY KEY, applied_at timestamptz(3) NOT NULL)`);
    const done = new Set((await q<{ name: string }>(`SELECT name FROM ${table}`)).map((r) => r.name));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      for (const statement of m.up) await q(statement);
      await q(`INSERT INTO ${table} (name, applied_at) VALUES ($1, now())`, [m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
