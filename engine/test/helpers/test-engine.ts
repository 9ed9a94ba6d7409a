import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { Engine, ManualClock, openDb, type Db, type EngineOptions } from '../../src/index.ts';

let template: Blob | undefined;

/**
 * A database for one test file: in-memory PGlite by default, or, with DATABASE_URL set, a
 * schema of its own on that PostgreSQL (dropped at the end), so files can run side by side.
 */
export async function openTestDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `lzt_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const db = await openDb({ databaseUrl: url, schema, poolSize: 6 });
    return {
      db,
      drop: async () => {
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await db.close();
      },
    };
  }
  if (!template) {
    const file = inject('pgliteTemplate');
    if (file) template = new Blob([readFileSync(file)]);
  }
  const db = await openDb({ pgliteTemplate: template });
  return { db, drop: () => db.close() };
}

export interface TestEngine {
  engine: Engine;
  clock: ManualClock;
  db: Db;
  close(): Promise<void>;
}

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export async function createTestEngine(opts: Partial<EngineOptions> = {}): Promise<TestEngine> {
  const { db, drop } = await openTestDb();
  const clock = new ManualClock(T0);
  const engine = await Engine.create({ db, clock, ...opts });
  return {
    engine,
    clock,
    db,
    close: async () => {
      await engine.close();
      await drop();
    },
  };
}
