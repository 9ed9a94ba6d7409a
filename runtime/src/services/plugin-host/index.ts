import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Engine } from '@liuzhuan/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { EntityStore } from '../entities/types.ts';
import { discoverPlugins } from './discovery.ts';
import { selectPlugins, type LoadedPlugin } from './registry.ts';
import { entityAccessFor } from './entity-access.ts';
import { DEFAULT_RETRIES } from './settle.ts';
import { PluginWorker } from './worker.ts';

export { PluginLoadError } from './discovery.ts';

export interface PluginHostSettings {
  /** 'none' loads nothing; 'all' every plugin found; or these names */
  plugins: 'all' | 'none' | string[];
  pluginsDir: string;
  /** PLUGINS_DIR was given explicitly (then it must exist) */
  pluginsDirGiven: boolean;
  concurrency: number;
  pollMs: number;
  /** where plugins read their settings (MAIL_SMTP_URL …) */
  env: Readonly<Record<string, string | undefined>>;
  stopGraceMs?: number;
}

/** the runtime's services the host lends to plugin tasks (absent in a remote worker) */
export interface PluginHostServices {
  entities?: EntityStore;
}

/** what GET /api/plugins shows */
export interface PluginDescription {
  name: string;
  version: string;
  packageName: string;
  dependsOn: string[];
  topics: { topic: string; version: number; label: string; description: string | null; retries: number; input: unknown; output: unknown }[];
}

/**
 * The runtime's plugin host: loads the plugin packages at boot (declarations checked, clear
 * errors) and, once started, works their topics as an in-process external-task worker.
 */
export class PluginHost {
  private constructor(
    readonly plugins: readonly LoadedPlugin[],
    private readonly worker: PluginWorker | null,
    readonly workerId: string,
  ) {}

  static async load(engine: Engine, s: PluginHostSettings, log: FastifyBaseLogger, services: PluginHostServices = {}): Promise<PluginHost> {
    const workerId = `plugins-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    if (s.plugins === 'none') return new PluginHost([], null, workerId);
    const found = await discoverPlugins(s.pluginsDir, { mustExist: s.pluginsDirGiven });
    const { plugins, topics } = selectPlugins(found, s.plugins, s.env);
    const { entities } = services;
    // each task gets the store bound to its own process (createdBy `process:<id>`)
    const servicesFor = entities ? (t: { processInstanceId: string }) => ({ entities: entityAccessFor(entities, t.processInstanceId) }) : undefined;
    const worker = new PluginWorker(
      engine,
      topics,
      { workerId, concurrency: s.concurrency, pollMs: s.pollMs, stopGraceMs: s.stopGraceMs ?? 10_000, ...(servicesFor ? { servicesFor } : {}) },
      log.child({ component: 'plugin-host' }),
    );
    return new PluginHost(plugins, worker, workerId);
  }

  /** the topics worked in this process */
  get topics(): string[] {
    return this.plugins.flatMap((p) => p.definition.tasks.map((t) => t.topic));
  }

  describe(): PluginDescription[] {
    return this.plugins.map((p) => ({
      name: p.definition.name,
      version: p.definition.version,
      packageName: p.packageName,
      dependsOn: [...(p.definition.dependsOn ?? [])],
      topics: p.definition.tasks.map((t) => ({
        topic: t.topic,
        version: t.version,
        label: t.label,
        description: t.description ?? null,
        retries: t.retries ?? DEFAULT_RETRIES,
        input: t.input,
        output: t.output,
      })),
    }));
  }

  /** starts working the topics (server.ts calls it; tests that do not are unaffected) */
  start(): void {
    this.worker?.start();
  }

  /** stops fetching; tasks in hand finish or are unlocked */
  async stop(): Promise<void> {
    await this.worker?.stop();
  }
}
