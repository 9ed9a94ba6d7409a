import { resolve } from 'node:path';

/** Runtime settings, read from the environment once at boot and checked. */
export interface RuntimeConfig {
  port: number;
  host: string;
  /** PGlite data directory (used when no DATABASE_URL) */
  dataDir: string;
  databaseUrl: string | null;
  /** run the job executor in this process */
  jobExecutor: boolean;
  jobPollMs: number;
  /** password of the bootstrap admin; generated (and printed once) when absent */
  adminPassword: string | null;
  /** origins allowed by CORS; none by default */
  corsOrigins: string[];
  logLevel: string;
  tokenTtlSeconds: number;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not '${env.PORT}'`);
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  const pollMs = env.JOB_POLL_MS ? Number(env.JOB_POLL_MS) : 500;
  if (!Number.isFinite(pollMs) || pollMs < 10) throw new ConfigError('JOB_POLL_MS must be a number of milliseconds ≥ 10');
  if (env.ADMIN_PASSWORD !== undefined && env.ADMIN_PASSWORD !== '' && env.ADMIN_PASSWORD.length < 8) throw new ConfigError('ADMIN_PASSWORD must have at least 8 characters');
  const ttl = env.TOKEN_TTL_SECONDS ? Number(env.TOKEN_TTL_SECONDS) : 8 * 3600;
  if (!Number.isInteger(ttl) || ttl < 60) throw new ConfigError('TOKEN_TTL_SECONDS must be a whole number ≥ 60');
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) throw new ConfigError(`LOG_LEVEL '${logLevel}' is not a pino level`);
  return {
    port,
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    // relative to where the user ran the command (pnpm runs scripts inside the package folder)
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : 'data'),
    databaseUrl,
    jobExecutor: env.JOB_EXECUTOR !== 'off',
    jobPollMs: pollMs,
    adminPassword: env.ADMIN_PASSWORD && env.ADMIN_PASSWORD !== '' ? env.ADMIN_PASSWORD : null,
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    logLevel,
    tokenTtlSeconds: ttl,
  };
}
