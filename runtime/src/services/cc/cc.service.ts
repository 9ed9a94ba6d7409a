import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { definePlugin } from '@liuzhuan/plugin-sdk';
import { runMigrations, type Engine } from '@liuzhuan/engine';
import type { FastifyBaseLogger } from 'fastify';
// the plugin host's worker: the same fetchAndLock / complete / failure / retry path as plugin topics
import { PluginWorker } from '../plugin-host/worker.ts';
import type { TopicEntry } from '../plugin-host/registry.ts';
import { CcRepo, type CcRow } from './cc.repo.ts';
import { CC_TOPIC, ccTask } from './cc-task.ts';
import * as m0001 from './migrations/0001_request_cc.ts';

export interface CcOptions {
  /** the members of a group (identity) */
  members(groupId: string): Promise<string[]>;
  pollMs: number;
  concurrency?: number;
  stopGraceMs?: number;
}

/**
 * Copies of a request to people (contract C, CC nodes): works topic approval.cc in this process
 * as an external-task worker of its own (started and stopped with the app, like app.jobs) and
 * answers what was copied to whom.
 */
export class CcService {
  readonly repo: CcRepo;
  readonly workerId = `cc-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly worker: PluginWorker;

  constructor(
    private readonly engine: Engine,
    private readonly opts: CcOptions,
    log: FastifyBaseLogger,
  ) {
    this.repo = new CcRepo(engine.db);
    const task = ccTask({ copy: (t, users, groups) => this.copy(t, users, groups) });
    const plugin = { definition: definePlugin({ name: 'approval', version: '1.0.0', tasks: [task] }), packageName: '@liuzhuan/runtime', config: {} };
    const topics = new Map<string, TopicEntry>([[CC_TOPIC, { plugin, task }]]);
    this.worker = new PluginWorker(
      engine,
      topics,
      { workerId: this.workerId, concurrency: opts.concurrency ?? 4, pollMs: opts.pollMs, stopGraceMs: opts.stopGraceMs ?? 10_000 },
      log,
    );
  }

  async migrate(): Promise<void> {
    await runMigrations(this.engine.db, [m0001], 'lz_cc_migrations');
  }

  /** starts working approval.cc (server.ts calls it; tests that do not are unaffected) */
  start(): void {
    this.worker.start();
  }

  async stop(): Promise<void> {
    await this.worker.stop();
  }

  private async copy(t: { id: string; processInstanceId: string; activityId: string }, users: string[], groups: string[]): Promise<number> {
    const everyone = new Set(users);
    for (const g of groups) for (const u of await this.opts.members(g)) everyone.add(u);
    const inst = await this.engine.getProcessInstance(t.processInstanceId);
    const name = inst ? ((await this.engine.getDefinitionModel(inst.definitionId)).nodes.get(t.activityId)?.name ?? null) : null;
    const created = this.engine.clock.now();
    await this.repo.record([...everyone].map((userId) => ({ processInstanceId: t.processInstanceId, externalTaskId: t.id, activityId: t.activityId, activityName: name, userId, created })));
    return everyone.size;
  }

  /** copies made by a person (an approval action), `key` naming the action so a retry records nobody twice */
  async copyDirect(c: { processInstanceId: string; key: string; activityId: string; activityName: string | null; users: string[] }): Promise<void> {
    const created = this.engine.clock.now();
    await this.repo.record(c.users.map((userId) => ({ processInstanceId: c.processInstanceId, externalTaskId: c.key, activityId: c.activityId, activityName: c.activityName, userId, created })));
  }

  listFor(userId: string, page: { first: number; max: number }): Promise<{ rows: CcRow[]; total: number }> {
    return this.repo.listFor(userId, page);
  }

  forInstance(instanceId: string): Promise<CcRow[]> {
    return this.repo.forInstance(instanceId);
  }

  isCopied(instanceId: string, userId: string): Promise<boolean> {
    return this.repo.isCopied(instanceId, userId);
  }

  markRead(userId: string, id: string): Promise<boolean> {
    return this.repo.markRead(userId, id, this.engine.clock.now());
  }
}
