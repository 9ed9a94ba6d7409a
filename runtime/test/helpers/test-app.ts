import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDb, type Db } from '@liuzhuan/engine';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';

export const ADMIN_PASSWORD = 'admin-secret-1';

let template: Blob | undefined;

/** a database of its own: in-memory PGlite, or a fresh schema on DATABASE_URL */
export async function openTestDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `lzrt_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
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

export interface TestApp {
  app: App;
  /** a request as `user` (HTTP Basic); `null` for anonymous */
  request(user: { id: string; password: string } | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  admin(opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** creates a user with roles and groups; returns its credentials */
  user(id: string, opts?: { groups?: string[]; roles?: ('admin' | 'analyst' | 'employee')[] }): Promise<{ id: string; password: string }>;
  close(): Promise<void>;
}

export function basic(id: string, password: string): string {
  return `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const { db, drop } = await openTestDb();
  const app = await buildApp(readConfig({ PORT: '0', ADMIN_PASSWORD, JOB_EXECUTOR: 'off', ...env }), { db });
  const request: TestApp['request'] = (user, opts) =>
    app.fastify.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(user ? { authorization: basic(user.id, user.password) } : {}) } });
  return {
    app,
    request,
    admin: (opts) => request({ id: 'admin', password: ADMIN_PASSWORD }, opts),
    user: async (id, o = {}) => {
      const password = `${id}-password-1`;
      await app.identity.createUser({ id, firstName: id, lastName: null, email: null }, password);
      for (const g of o.groups ?? []) {
        if ((await app.identity.listGroups()).every((x) => x.id !== g)) await app.identity.createGroup(g, g, 'WORKFLOW');
        await app.identity.addMember(id, g);
      }
      await app.identity.setRoles(id, o.roles ?? ['employee']);
      return { id, password };
    },
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
