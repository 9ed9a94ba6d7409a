import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Engine, type Db } from '@liuzhuan/engine';
import type { RuntimeConfig } from './config.ts';
import { authPlugin, type AuthLevel } from './infra/auth.ts';
import { errorsPlugin } from './infra/errors.ts';
import { swaggerPlugin } from './infra/swagger.ts';
import { webAppPlugin } from './infra/web-app.ts';
import { appRolesRoutes } from './routes/api/auth/app-roles.routes.ts';
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
import { CcService } from './services/cc/index.ts';
import { createWorkspace } from './services/workspace/index.ts';
import { LateNumbers, RequestNumbers } from './services/request-numbers/index.ts';
import { ApprovalService, approvalTaskPolicy, type Notifier } from './services/approvals/index.ts';
import { workspaceRoutes } from './routes/api/workspace/index.ts';
import { DeprecationService, VersionsService } from './services/versions/index.ts';
import { MonitorService } from './services/monitor/monitor.service.ts';
import { versionsApiRoutes } from './routes/api/processes/index.ts';
import { monitorRoutes } from './routes/api/monitor/monitor.routes.ts';
import { draftsRoutes } from './routes/api/drafts/drafts.routes.ts';
import { DraftsService } from './services/drafts/drafts.service.ts';
import { RoutePreviewService } from './services/route-preview/route-preview.service.ts';
import { mailerFromPlugins, NotificationService } from './services/notifications/index.ts';
import { notificationsApiRoutes } from './routes/api/notifications/index.ts';

export { readConfig, type RuntimeConfig } from './config.ts';
// the pack loader server.ts runs at boot, for whoever builds the app themselves (tests, scripts)
export { loadPacks, type PackDeps, type PackOptions, type PacksReport } from './services/packs/index.ts';

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
  /** requests copied to people: `cc.start()` works topic approval.cc in this process */
  cc: CcService;
  /** approval actions on tasks and requests, and the timeout sweep (`approvals.start()`) */
  approvals: ApprovalService;
  /** in-app notifications, mail and webhooks: `notify(userIds, n)`; `start()` sends the outbox */
  notifications: NotificationService;
  /** deprecated versions: start paths ask it (isDeprecated, deprecatedIds, resolveStartable, startableDefinition) */
  versions: DeprecationService;
  /** request numbers and titles (lz.serialPattern / lz.titleTemplate) */
  numbers: RequestNumbers;
  /** numbers instances started by messages, signals, timers… after the fact: `lateNumbers.idle()` waits for them */
  lateNumbers: LateNumbers;
  /** every route with who may call it (the route-table authorisation test walks it) */
  routes: { method: string; url: string; auth: AuthLevel }[];
  /** set when this start created the admin with a generated password (print it once) */
  generatedAdminPassword: string | null;
  close(): Promise<void>;
}

export interface BuildOptions {
  db?: Db;
  /** pino logging (false in tests) */
  logger?: boolean;
  /** the built web app (default designer/dist) */
  webDir?: string;
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
    // approval steps: empty approvers, auto-approval, the resubmit step (docs/approvals.md)
    userTaskPolicy: approvalTaskPolicy(),
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
    const auth = (route.config as { auth?: AuthLevel } | undefined)?.auth ?? 'user';
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
  await fastify.register(appRolesRoutes, { identity });
  // deprecated versions start no new instances (API contract B); every start path asks it
  const versions = new DeprecationService(engine.db, engine);
  await versions.migrate();
  // request numbers and titles of starts (lz.serialPattern / lz.titleTemplate)
  const numbers = new RequestNumbers(engine, async (id) => {
    const u = await identity.getUser(id);
    return [u?.firstName, u?.lastName].filter(Boolean).join(' ') || id;
  });
  await numbers.migrate();
  const lateNumbers = new LateNumbers(engine, numbers, fastify.log.child({ component: 'request-numbers' })).listen();
  await fastify.register(engineRestRoutes, { prefix: '/engine-rest', engine, identity, entities, versions, numbers });
  await fastify.register(versionsApiRoutes, { engine, listing: new VersionsService(engine, versions), deprecations: versions });
  await fastify.register(monitorRoutes, { monitor: new MonitorService(engine) });
  await fastify.register(entityApiRoutes, { entities });
  const imports = new EntityImportService(engine.db, entities, { log: fastify.log.child({ component: 'entity-import' }) });
  await imports.migrate();
  await fastify.register(entityImportApiRoutes, { imports, entities });
  const forms = new FormsService(engine, entities, versions, numbers);
  await fastify.register(formsRoutes, { forms });
  // the employee workspace (API contract C): catalogue, inbox, task actions, timelines, cc
  const cc = new CcService(engine, { members: async (g) => (await identity.listUsers({ memberOfGroup: g })).map((u) => u.id), pollMs: config.pluginPollMs }, fastify.log.child({ component: 'cc' }));
  await cc.migrate();
  // approval actions (docs/approvals.md); notifications reach people once the notification service is set
  let notifier: Notifier | null = null;
  const approvals = new ApprovalService(
    {
      engine,
      forms,
      cc,
      people: {
        exists: async (id) => (await identity.getUser(id)) !== null,
        managerOf: (id) => orgDirectory.current.managerAt(id, 1),
        members: async (g) => (await identity.listUsers({ memberOfGroup: g })).map((u) => u.id),
      },
      notifier: () => notifier,
    },
    fastify.log.child({ component: 'approvals' }),
  );
  await approvals.migrate();
  // notifications: in-app, mail through the mail plugin, webhooks; the engine's events notify too
  const mailer = mailerFromPlugins(plugins.plugins, fastify.log.child({ component: 'notifications-mail' }));
  const notifications = new NotificationService(engine, { identity, mailer: () => mailer }, fastify.log.child({ component: 'notifications' }));
  await notifications.migrate();
  notifications.listen();
  notifier = notifications;
  await fastify.register(notificationsApiRoutes, { notifications });
  const workspace = createWorkspace(engine, { forms, cc, tasks: approvals.tasks, approvals: approvals.repo, numbers, isDeprecated: (id) => versions.isDeprecated(id) });
  await fastify.register(workspaceRoutes, { workspace, cc, approvals });
  // designer drafts; previews run on a throw-away engine with the live org functions
  const drafts = new DraftsService(engine.db, engine, new RoutePreviewService(orgDirectory, identity));
  await drafts.migrate();
  await fastify.register(draftsRoutes, { drafts });
  // the web app at / (designer/dist): assets, and index.html for its client-side routes
  await fastify.register(webAppPlugin, { dir: opts.webDir });
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
    cc,
    approvals,
    notifications,
    versions,
    numbers,
    lateNumbers,
    routes,
    generatedAdminPassword: boot.password,
    close: async () => {
      await plugins.stop();
      await cc.stop();
      await approvals.stop();
      await jobs.stop();
      await lateNumbers.stop();
      // after the job executor: the events of its last jobs still notify
      await notifications.stop();
      await fastify.close();
      // running imports end after their batch in flight (status failed, 'stopped')
      await imports.close();
      await entityProcesses.stop();
      await orgDirectory.close();
      await engine.close();
    },
  };
}
