import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDb, type Db } from '@liuzhuan/engine';
import { buildApp, loadPacks, readConfig, type App } from '@liuzhuan/runtime';

export const WEB_DIR = resolve(import.meta.dirname, '../../../designer/dist');
export const ADMIN_PASSWORD = 'admin-browser-1';

export interface BrowserUser {
  id: string;
  password: string;
}
/** the built-in admin the runtime creates from ADMIN_PASSWORD */
export const ADMIN: BrowserUser = { id: 'admin', password: ADMIN_PASSWORD };
/** what the demo organisation's people log in with (`packs: true`; DEMO_PASSWORD) */
export const DEMO_PASSWORD = 'demo';
/** a person of the packs' demo organisation (definitions/<pack>/seed/org.json) */
export const demoUser = (id: string): BrowserUser => ({ id, password: DEMO_PASSWORD });

export interface ServerOptions {
  /**
   * the repository's process packs (definitions/) installed and their demo organisations seeded,
   * as runtime/src/server.ts does at boot, with the entity plugin the OA pack uses
   */
  packs?: boolean;
}

/** the parts of a fastify.inject() answer the tests read */
export interface ApiAnswer {
  statusCode: number;
  body: string;
  json<T = any>(): T;
}

export interface BrowserServer {
  app: App;
  url: string;
  /** a user with a password `<id>-pass-1`, roles, and optionally department/manager in the org model */
  user(id: string, o?: { roles?: ('admin' | 'analyst' | 'employee')[]; groups?: string[]; name?: string; managerId?: string }): Promise<BrowserUser>;
  /** an API call as one of the users (HTTP Basic, as a script would), for seeding and checking */
  api(who: BrowserUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, headers?: Record<string, string>): Promise<ApiAnswer>;
  close(): Promise<void>;
}

const basicAuth = (who: BrowserUser) => `Basic ${Buffer.from(`${who.id}:${who.password}`).toString('base64')}`;

/**
 * The real runtime with the built web app on a free port: an in-memory PGlite, or a fresh
 * schema on DATABASE_URL, so the browser suite runs on both backends like everything else.
 */
export async function startServer(opts: ServerOptions = {}): Promise<BrowserServer> {
  if (!existsSync(resolve(WEB_DIR, 'index.html'))) throw new Error(`the web app is not built (${WEB_DIR}): run npx -y pnpm@10 --filter @liuzhuan/designer build (pnpm test does it first)`);
  const url0 = process.env.DATABASE_URL;
  const schema = `lzbr_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const db: Db = url0 ? await openDb({ databaseUrl: url0, schema, poolSize: 6 }) : await openDb({});
  const config = readConfig({ PORT: '0', ADMIN_PASSWORD, JOB_EXECUTOR: 'on', JOB_POLL_MS: '100', PLUGINS: opts.packs ? 'entity' : 'none', PLUGIN_POLL_MS: '200' });
  const app = await buildApp(config, { db, webDir: WEB_DIR });
  if (opts.packs) {
    await loadPacks(
      { engine: app.engine, entities: app.entities, org: app.org, identity: app.identity, plugins: app.plugins.describe().map((p) => p.name) },
      { dir: config.packsDir, mustExist: true, packs: 'all', demo: true, demoPassword: DEMO_PASSWORD },
    ).catch(async (e: unknown) => {
      await app.close();
      await db.close();
      throw e;
    });
    app.plugins.start();
  }
  app.jobs.start();
  // the in-process worker of CC steps (topic approval.cc), as runtime/src/server.ts starts it
  app.cc.start();
  const address = await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  const api: BrowserServer['api'] = (who, method, url, payload, headers = {}) =>
    app.fastify.inject({ method, url, headers: { authorization: basicAuth(who), ...headers }, ...(payload ? { payload } : {}) });
  return {
    app,
    url: address,
    api,
    user: async (id, o = {}) => {
      const password = `${id}-pass-1`;
      const [first, ...rest] = (o.name ?? id).split(' ');
      await app.identity.createUser({ id, firstName: first ?? id, lastName: rest.join(' ') || null, email: null }, password);
      for (const g of o.groups ?? []) {
        if ((await app.identity.listGroups()).every((x) => x.id !== g)) await app.identity.createGroup(g, g, 'WORKFLOW');
        await app.identity.addMember(id, g);
      }
      await app.identity.setRoles(id, o.roles ?? ['employee']);
      if (o.managerId) {
        const res = await api(ADMIN, 'PUT', `/api/org/users/${id}`, { departmentId: null, managerId: o.managerId, title: null });
        if (res.statusCode !== 200) throw new Error(`setting the manager of ${id}: ${res.statusCode} ${res.body}`);
      }
      return { id, password };
    },
    close: async () => {
      await app.close();
      if (url0) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    },
  };
}
