import { resolve } from 'node:path';

/** Runtime settings, read from the environment once at boot and checked. */
export interface RuntimeConfig {
  port: number;
  host: string;
  /** PGlite data directory (used when no DATABASE_URL) */
  dataDir: string;
  databaseUrl: string | null;
  /** PostgreSQL schema holding the tables (DATABASE_SCHEMA; default public) */
  databaseSchema?: string | null;
  /** run the job executor in this process */
  jobExecutor: boolean;
  jobPollMs: number;
  /** password of the bootstrap admin; generated (and printed once) when absent */
  adminPassword: string | null;
  /** origins allowed by CORS; none by default */
  corsOrigins: string[];
  logLevel: string;
  tokenTtlSeconds: number;
  /** plugins worked in this process (PLUGINS): every one found, none, or these names */
  plugins: 'all' | 'none' | string[];
  /** where plugin packages are looked for (PLUGINS_DIR; default the repository's plugins/) */
  pluginsDir: string;
  /** PLUGINS_DIR was set (then the folder must exist) */
  pluginsDirGiven: boolean;
  /** plugin tasks in hand at once (PLUGIN_CONCURRENCY) */
  pluginConcurrency: number;
  /** slow poll for plugin tasks created by other processes (PLUGIN_POLL_MS) */
  pluginPollMs: number;
  /** at shutdown, how long plugin tasks in hand may finish before they are unlocked (PLUGIN_STOP_GRACE_MS) */
  pluginStopGraceMs: number;
  /** the environment plugins read their own settings from (MAIL_SMTP_URL, HTTP_ALLOW_HOSTS …) */
  pluginEnv: Readonly<Record<string, string | undefined>>;
  /** process packs installed at boot by server.ts (PACKS): every one found, none, or these pack ids */
  packs: 'all' | 'none' | string[];
  /** where pack folders are looked for (PACKS_DIR; default the repository's definitions/) */
  packsDir: string;
  /** PACKS_DIR was set (then the folder must exist) */
  packsDirGiven: boolean;
  /** DEMO (on by default): the packs' demo data — org chart and users — is seeded once */
  demo: boolean;
  /** DEMO_PASSWORD: the password the demo users get when they are seeded (default `demo`) */
  demoPassword: string;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not '${env.PORT}'`);
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  const databaseSchema = env.DATABASE_SCHEMA && env.DATABASE_SCHEMA !== '' ? env.DATABASE_SCHEMA : null;
  if (databaseSchema && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) throw new ConfigError('DATABASE_SCHEMA must be a lower-case name of letters, digits and _');
  const pollMs = env.JOB_POLL_MS ? Number(env.JOB_POLL_MS) : 500;
  if (!Number.isFinite(pollMs) || pollMs < 10) throw new ConfigError('JOB_POLL_MS must be a number of milliseconds ≥ 10');
  if (env.ADMIN_PASSWORD !== undefined && env.ADMIN_PASSWORD !== '' && env.ADMIN_PASSWORD.length < 8) throw new ConfigError('ADMIN_PASSWORD must have at least 8 characters');
  const ttl = env.TOKEN_TTL_SECONDS ? Number(env.TOKEN_TTL_SECONDS) : 8 * 3600;
  if (!Number.isInteger(ttl) || ttl < 60) throw new ConfigError('TOKEN_TTL_SECONDS must be a whole number ≥ 60');
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) throw new ConfigError(`LOG_LEVEL '${logLevel}' is not a pino level`);
  const plugins = readPluginSelection(env.PLUGINS);
  const pluginConcurrency = env.PLUGIN_CONCURRENCY ? Number(env.PLUGIN_CONCURRENCY) : 4;
  if (!Number.isInteger(pluginConcurrency) || pluginConcurrency < 1 || pluginConcurrency > 256) throw new ConfigError('PLUGIN_CONCURRENCY must be a whole number from 1 to 256');
  const pluginPollMs = env.PLUGIN_POLL_MS ? Number(env.PLUGIN_POLL_MS) : 5000;
  if (!Number.isFinite(pluginPollMs) || pluginPollMs < 50) throw new ConfigError('PLUGIN_POLL_MS must be a number of milliseconds ≥ 50');
  const pluginStopGraceMs = env.PLUGIN_STOP_GRACE_MS ? Number(env.PLUGIN_STOP_GRACE_MS) : 10_000;
  if (!Number.isFinite(pluginStopGraceMs) || pluginStopGraceMs < 0) throw new ConfigError('PLUGIN_STOP_GRACE_MS must be a number of milliseconds ≥ 0');
  const pluginsDirGiven = env.PLUGINS_DIR !== undefined && env.PLUGINS_DIR !== '';
  const packsDirGiven = env.PACKS_DIR !== undefined && env.PACKS_DIR !== '';
  const demo = readSwitch('DEMO', env.DEMO, true);
  const demoPassword = env.DEMO_PASSWORD === undefined || env.DEMO_PASSWORD === '' ? 'demo' : env.DEMO_PASSWORD;
  if (demoPassword.length > 1024) throw new ConfigError('DEMO_PASSWORD must have at most 1024 characters');
  return {
    port,
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    // relative to where the user ran the command (pnpm runs scripts inside the package folder)
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : 'data'),
    databaseUrl,
    databaseSchema,
    jobExecutor: env.JOB_EXECUTOR !== 'off',
    jobPollMs: pollMs,
    adminPassword: env.ADMIN_PASSWORD && env.ADMIN_PASSWORD !== '' ? env.ADMIN_PASSWORD : null,
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    logLevel,
    tokenTtlSeconds: ttl,
    plugins,
    pluginsDir: pluginsDirGiven ? resolve(env.INIT_CWD ?? process.cwd(), env.PLUGINS_DIR!) : resolve(import.meta.dirname, '../../plugins'),
    pluginsDirGiven,
    pluginConcurrency,
    pluginPollMs,
    pluginStopGraceMs,
    pluginEnv: env,
    packs: readSelection('PACKS', 'pack ids', env.PACKS),
    packsDir: packsDirGiven ? resolve(env.INIT_CWD ?? process.cwd(), env.PACKS_DIR!) : resolve(import.meta.dirname, '../../definitions'),
    packsDirGiven,
    demo,
    demoPassword,
  };
}

/** on/off switches: on, off, true, false, 1, 0 (any case); unset → the default */
function readSwitch(name: string, v: string | undefined, fallback: boolean): boolean {
  const t = (v ?? '').trim().toLowerCase();
  if (t === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(t)) return true;
  if (['off', 'false', '0', 'no'].includes(t)) return false;
  throw new ConfigError(`${name} must be on or off, not '${v}'`);
}

/** PLUGINS: 'all' (default), 'none', or a comma list of plugin names */
function readPluginSelection(v: string | undefined): RuntimeConfig['plugins'] {
  return readSelection('PLUGINS', 'plugin names', v);
}

/** 'all' (default), 'none', or a comma list of names (plugins, packs) */
function readSelection(variable: string, what: string, v: string | undefined): 'all' | 'none' | string[] {
  const text = (v ?? '').trim();
  if (text === '' || text === 'all') return 'all';
  if (text === 'none') return 'none';
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.find((n) => !/^[a-z][a-z0-9-]*$/.test(n));
  if (bad !== undefined) throw new ConfigError(`${variable} must be 'all', 'none' or a comma list of ${what}; '${bad}' is not ${what === 'plugin names' ? 'a plugin name' : 'a pack id'}`);
  return [...new Set(names)];
}
