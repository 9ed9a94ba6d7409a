import { readConfig, ConfigError } from './config.ts';
import { buildApp } from './app.ts';
import { PluginLoadError } from './services/plugin-host/index.ts';
import { loadPacks, PackLoadError } from './services/packs/index.ts';
import { packBanner } from './services/packs/pack-banner.ts';

/** process entry: config, listen, job executor; SIGTERM/SIGINT → stop acquiring, drain, close */
async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const app = await buildApp(config, { logger: true });
  // the process packs (definitions/): installed with deploy-changed-only, demo org seeded once
  const packs = await loadPacks(
    { engine: app.engine, entities: app.entities, org: app.org, identity: app.identity, plugins: app.plugins.describe().map((p) => p.name) },
    { dir: config.packsDir, mustExist: config.packsDirGiven, packs: config.packs, demo: config.demo, demoPassword: config.demoPassword },
  ).catch(async (e: unknown) => {
    await app.close();
    throw e;
  });
  for (const w of packs.warnings) app.fastify.log.warn(w);
  if (config.jobExecutor) app.jobs.start();
  app.plugins.start();
  app.cc.start();
  // the notification outbox: mail and webhook posts, retried with backoff
  app.notifications.start();
  // approval steps past their lz.timeout: remind, decide or escalate (docs/approvals.md)
  app.approvals.start();
  const address = await app.fastify.listen({ port: config.port, host: config.host });
  const backend = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  // one write, so whoever reads the output gets the URL and the first-start password together
  const banner = [`Liuzhuan is running at ${address.replace('127.0.0.1', 'localhost')}  — database: ${backend}`, `  REST API: ${address}/engine-rest   API docs: ${address}/docs`];
  banner.push(...packBanner(packs, { demoPasswordGiven: process.env.DEMO_PASSWORD !== undefined && process.env.DEMO_PASSWORD !== '' }));
  if (app.generatedAdminPassword) {
    banner.push(`  first start: user 'admin' was created with the password ${app.generatedAdminPassword}`, '  (shown only now; set ADMIN_PASSWORD to choose it)');
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    // app.close() stops the job executor first: no new jobs, the one in hand finishes, the rest go back
    await app.close();
    if (config.jobExecutor) console.log(`job executor stopped: ${JSON.stringify(app.jobs.stats)}`);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // printed once the signals are handled: whoever waits for the URL may stop the server at once
  console.log(banner.join('\n'));
}

main().catch((e) => {
  if (e instanceof PluginLoadError || e instanceof PackLoadError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
