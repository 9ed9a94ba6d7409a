import { readConfig, ConfigError } from './config.ts';
import { buildApp } from './app.ts';
import { PluginLoadError } from './services/plugin-host/index.ts';

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
  if (config.jobExecutor) app.jobs.start();
  app.plugins.start();
  app.cc.start();
  const address = await app.fastify.listen({ port: config.port, host: config.host });
  const backend = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  // one write, so whoever reads the output gets the URL and the first-start password together
  const banner = [`Liuzhuan is running at ${address.replace('127.0.0.1', 'localhost')}  — database: ${backend}`, `  REST API: ${address}/engine-rest   API docs: ${address}/docs`];
  if (app.generatedAdminPassword) {
    banner.push(`  first start: user 'admin' was created with the password ${app.generatedAdminPassword}`, '  (shown only now; set ADMIN_PASSWORD to choose it)');
  }
  console.log(banner.join('\n'));
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
}

main().catch((e) => {
  if (e instanceof PluginLoadError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
