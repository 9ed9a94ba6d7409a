import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Engine, type Db } from '@liuzhuan/engine';
import type { RuntimeConfig } from './config.ts';
import { authPlugin } from './infra/auth.ts';
import { errorsPlugin } from './infra/errors.ts';
import { swaggerPlugin } from './infra/swagger.ts';
import { loginRoutes } from './routes/api/auth/login.routes.ts';
import { healthRoutes } from './routes/api/health/health.routes.ts';
import { pluginsRoutes } from './routes/api/plugins/plugins.routes.ts';
import { engineRestRoutes } from './routes/engine-rest/index.ts';
import { IdentityService } from './services/identity/identity.service.ts';
import { OrgDirectory } from './services/org/org-directory.ts';
import { orgExpressionFunctions, orgTaskAssignment } from './services/org/org-functions.ts';
import { OrgService } from './services/org/org.service.ts';
import { orgRoutes } from './routes/api/org/index.ts';
import { EntitiesService } from './services/entities/entities.service.ts';
import { EntityProcesses } from './services/entity-processes/entity-processes.service.ts';
import { entityApiRoutes } from './routes/api/entities/index.ts';
import { entityImportApiRoutes } from './routes/api/entity-import/index.ts';
import { EntityImportService } from './services/entity-import/index.ts';
import { formsRoutes } from './routes/api/forms/forms.routes.ts';
import { FormsService } from './services/forms/forms.service.ts';
import { JobExecutor } from './services/job-executor/job-executor.ts';
import { PluginHost } from './services/plugin-host/index.ts';

export { readConfig, type RuntimeConfig } from './config.ts';

export interface App {
  fastify: FastifyInstance;
  engine: Engine;
  identity: IdentityService;
  /** departments, org profiles, delegations; its directory feeds the engine's org functions */
  org: OrgService;
  entities: EntitiesService;
  /** CSV/XLSX imports (background runs in this process) */
  imports: EntityImportService;
  jobs: JobExecutor;
  /** the plugins loaded at boot; `plugins.start()` works their topics in this process */
  plugins: PluginHost;
  /** every route with who may call it (the route-table authorisation test walks it) */
  routes: { method: string; url: string; auth: 'public' | 'user' | 'admin' }[];
  /** set when this start created the admin with a generated password (print it once) */
  generatedAdminPassword: string | null;
  close(): Promise<void>;
}

export interface BuildOptions {
  db?: Db;
  /** pino logging (false in tests) */
  logger?: boolean;
}

/** The runtime as one object; tests build the same app and use fastify.inject(). */
export async function buildApp(config: RuntimeConfig, opts: BuildOptions = {}): Promise<App> {
  // the org functions and the delegation hook are synchronous: they read this in-memory
  // directory, which attaches to the engine's database once it is open
  const orgDirectory = new OrgDirectory();
  const engine = await Engine.create({
    db: opts.db,
    expressionFunctions: orgExpressionFunctions(orgDirectory),
    taskAssignment: orgTaskAssignment(orgDirectory),
    database: opts.db ? undefined : { databaseUrl: config.databaseUrl ?? undefined, dataDir: config.databaseUrl ? undefined : config.dataDir, schema: config.databaseSchema ?? undefined },
  });
  const identity = new IdentityService(engine.db);
  await identity.migrate();
  const org = new OrgService(engine.db, identity, orgDirectory);
  await org.migrate();
  const entities = new EntitiesService(engine.db);
  await entities.migrate();
  const boot = await identity.bootstrap(config.adminPassword);
  const fastify = Fastify({
    logger: opts.logger === false || opts.logger === undefined ? false : { level: config.logLevel },
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 64 ? req.headers['x-request-id'] : randomUUID()),
    requestIdHeader: false,
    bodyLimit: 10 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  fastify.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  const routes: App['routes'] = [];
  fastify.addHook('onRoute', (route) => {
    // the API docs are public
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), auth: 'public' };
    // CORS preflight carries no credentials (Fetch standard); @fastify/cors answers it
    if (route.method === 'OPTIONS') route.config = { ...(route.config ?? {}), auth: 'public' };
    const auth = (route.config as { auth?: 'public' | 'user' | 'admin' } | undefined)?.auth ?? 'user';
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, auth });
  });
  await fastify.register(errorsPlugin);
  await fastify.register(cors, { origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, credentials: true });
  await fastify.register(authPlugin, { identity, secret: await identity.signingKey(), tokenTtlSeconds: config.tokenTtlSeconds });
  await fastify.register(swaggerPlugin);
  await fastify.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 100, fields: 100 } });
  // plugin declarations are checked at boot: a broken one stops the start with a clear message
  const plugins = await PluginHost.load(
    engine,
    { plugins: config.plugins, pluginsDir: config.pluginsDir, pluginsDirGiven: config.pluginsDirGiven, concurrency: config.pluginConcurrency, pollMs: config.pluginPollMs, stopGraceMs: config.pluginStopGraceMs, env: config.pluginEnv },
    fastify.log,
    { entities },
  ).catch(async (e: unknown) => {
    await fastify.close();
    await engine.close();
    throw e;
  });
  await fastify.register(healthRoutes, { engine });
  await fastify.register(pluginsRoutes, { plugins });
  await orgDirectory.attach(engine.db, (e) => fastify.log.warn({ err: e }, 'org directory reload failed'));
  identity.onChange = () => orgDirectory.changed();
  await fastify.register(orgRoutes, { org });
  await fastify.register(loginRoutes, { identity });
  await fastify.register(engineRestRoutes, { prefix: '/engine-rest', engine, identity, entities });
  await fastify.register(entityApiRoutes, { entities });
  const imports = new EntityImportService(engine.db, entities, { log: fastify.log.child({ component: 'entity-import' }) });
  await imports.migrate();
  await fastify.register(entityImportApiRoutes, { imports, entities });
  await fastify.register(formsRoutes, { forms: new FormsService(engine, entities) });
  // entity changes start and move processes (messages entity:<type>:…, business key = record id)
  const entityProcesses = new EntityProcesses(engine, entities, fastify.log.child({ component: 'entity-processes' })).start();
  const jobs = new JobExecutor(engine, config.jobPollMs);
  return {
    fastify,
    engine,
    identity,
    org,
    entities,
    imports,
    jobs,
    plugins,
    routes,
    generatedAdminPassword: boot.password,
    close: async () => {
      await plugins.stop();
      await jobs.stop();
      await fastify.close();
      // running imports end after their batch in flight (status failed, 'stopped')
      await imports.close();
      await entityProcesses.stop();
      await orgDirectory.close();
      await engine.close();
    },
  };
}
