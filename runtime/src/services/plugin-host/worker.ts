import type { Engine, LockedExternalTask } from '@liuzhuan/engine';
import type { HostServices, TaskOutcome } from '@liuzhuan/plugin-sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { TopicEntry } from './registry.ts';
import { attempt, bindingOf, settle, type Binding } from './settle.ts';

const DEFAULT_LOCK_MS = 60_000;

export interface WorkerOptions {
  workerId: string;
  /** tasks in hand at once */
  concurrency: number;
  /** slow poll for tasks created by other processes or due again after a retry timeout */
  pollMs: number;
  /** how long stop() waits for tasks in hand before unlocking them */
  stopGraceMs: number;
  /** what the runtime lends the task in hand (the entity store, bound to its process) */
  servicesFor?: (t: LockedExternalTask) => HostServices;
}

interface Slot {
  task: LockedExternalTask;
  controller: AbortController;
  /** the lock is gone (expired and taken, task deleted): the outcome is not reported */
  lost: boolean;
  /** stop() gave up waiting and unlocked it */
  abandoned: boolean;
  done: Promise<void>;
}

/**
 * An in-process external-task worker for the plugin topics: fetchAndLock (the lock path
 * remote workers use too), run, then complete / failure / bpmnError. Woken by the engine's
 * `external-task.created` event for its topics, and by a slow poll.
 */
export class PluginWorker {
  private readonly inHand = new Map<string, Slot>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private fetching: Promise<void> | null = null;
  private again = false;
  private running = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly topics: ReadonlyMap<string, TopicEntry>,
    private readonly opts: WorkerOptions,
    private readonly log: FastifyBaseLogger,
  ) {}

  get busy(): number {
    return this.inHand.size;
  }

  start(): void {
    if (this.running || this.topics.size === 0) return;
    this.running = true;
    this.unsubscribe = this.engine.on((e) => {
      if (e.type === 'external-task.created' && typeof e.topic === 'string' && this.topics.has(e.topic)) this.wake();
    });
    const poll = setInterval(() => this.wake(), this.opts.pollMs);
    poll.unref();
    this.timers.add(poll);
    this.wake();
  }

  /** fetch now (coalesced: a fetch in progress runs once more) */
  wake(): void {
    if (!this.running) return;
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = this.fetchLoop().finally(() => {
      this.fetching = null;
      // a wake that came after the loop's last look
      if (this.again) this.wake();
    });
  }

  private async fetchLoop(): Promise<void> {
    while (this.running) {
      this.again = false;
      const free = this.opts.concurrency - this.inHand.size;
      if (free <= 0) return;
      let tasks: LockedExternalTask[];
      try {
        const topics = [...this.topics.values()].map((t) => ({ topicName: t.task.topic, lockDuration: t.task.lockDurationMs ?? DEFAULT_LOCK_MS }));
        tasks = await this.engine.fetchAndLock(this.opts.workerId, free, topics);
      } catch (e) {
        // the database may be away for a moment: the next poll tries again
        this.log.warn({ err: e }, 'plugin worker: fetchAndLock failed');
        this.again = false;
        return;
      }
      for (const t of tasks) this.begin(t);
      if (tasks.length < free && !this.again) return;
    }
  }

  private begin(t: LockedExternalTask): void {
    const entry = this.topics.get(t.topicName)!;
    const log = this.log.child({ plugin: entry.plugin.definition.name, topic: t.topicName, externalTaskId: t.id, processInstanceId: t.processInstanceId });
    const controller = new AbortController();
    const slot: Slot = { task: t, controller, lost: false, abandoned: false, done: Promise.resolve() };
    this.inHand.set(t.id, slot);
    const lockMs = entry.task.lockDurationMs ?? DEFAULT_LOCK_MS;
    // keep the lock while run works; losing it aborts run (another worker may have the task now)
    const extend = setInterval(() => {
      this.engine.extendExternalTaskLock(t.id, this.opts.workerId, lockMs).catch((e: Error) => {
        slot.lost = true;
        controller.abort(new Error(`lock lost: ${e.message}`));
      });
    }, Math.max(500, Math.floor(lockMs / 2)));
    extend.unref();
    slot.done = (async () => {
      try {
        let binding: Binding = { mapsInput: false, mapsOutput: false };
        let outcome: TaskOutcome;
        try {
          binding = await bindingOf(this.engine, t);
          outcome = await attempt(this.engine, t, entry, binding, controller.signal, log, this.opts.servicesFor?.(t));
        } catch (e) {
          outcome = { kind: 'failed', message: `${t.topicName}: ${(e as Error).message}`, retryable: true };
        }
        clearInterval(extend);
        if (slot.lost || slot.abandoned) return;
        if (outcome.kind === 'aborted') return;
        const retryIn = await settle(this.engine, this.opts.workerId, t, entry, binding, outcome, log);
        if (retryIn !== null) this.wakeIn(retryIn);
      } catch (e) {
        log.warn({ err: e }, 'plugin worker: could not report the outcome');
      } finally {
        clearInterval(extend);
        this.inHand.delete(t.id);
        this.wake();
      }
    })();
  }

  private wakeIn(ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.wake();
    }, ms + 20);
    timer.unref();
    this.timers.add(timer);
  }

  /** stops fetching; waits for the tasks in hand, and unlocks those not done within the grace time */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.fetching;
    const pending = [...this.inHand.values()];
    if (pending.length === 0) return;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(pending.map((s) => s.done)), new Promise<void>((r) => (grace = setTimeout(r, this.opts.stopGraceMs)))]);
    clearTimeout(grace);
    const left = [...this.inHand.values()];
    for (const s of left) {
      s.abandoned = true;
      s.controller.abort(new Error('the runtime is stopping'));
    }
    await Promise.all(left.map((s) => this.engine.unlockExternalTask(s.task.id).catch(() => {})));
    if (left.length > 0) this.log.info({ unlocked: left.length }, 'plugin worker: unlocked tasks still in hand');
  }
}
