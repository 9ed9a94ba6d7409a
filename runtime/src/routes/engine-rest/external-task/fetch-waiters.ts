import type { Engine } from '@liuzhuan/engine';

/**
 * The long polls of POST /external-task/fetchAndLock that wait for work. The engine reports
 * new external tasks of this process (`external-task.created`, after commit) and every waiting
 * poll tries again at once. Tasks created by another runtime process on the same PostgreSQL, or
 * freed by an expired lock or retry timeout, are found by the re-poll each waiter does every
 * `repollMs` (the engine sends no NOTIFY for external tasks).
 */
export class FetchWaiters {
  private readonly waiting = new Set<() => void>();
  private readonly off: () => void;
  /** goes up with every wake-up, so a poll that fetched nothing can tell it missed one */
  private generation = 0;
  private closed = false;

  constructor(
    engine: Engine,
    readonly repollMs: number,
  ) {
    this.off = engine.on((e) => {
      if (e.type === 'external-task.created') this.wakeAll();
    });
  }

  /** polls waiting right now (tests check that none is left behind) */
  get size(): number {
    return this.waiting.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** the generation to hand to wait() — read it BEFORE fetching */
  mark(): number {
    return this.generation;
  }

  /**
   * Resolves when something woke the waiters after `since`, after `ms`, when `signal` aborts
   * (the client went away) or when the server closes — whichever comes first; no timer or
   * listener is left behind in any case.
   */
  wait(since: number, ms: number, signal: AbortSignal): Promise<void> {
    if (this.closed || signal.aborted || this.generation !== since || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  wakeAll(): void {
    this.generation += 1;
    for (const done of [...this.waiting]) done();
  }

  /** the server is closing: every poll answers now (with what it has, usually nothing) */
  close(): void {
    this.closed = true;
    this.off();
    this.wakeAll();
  }
}

const byEngine = new WeakMap<Engine, FetchWaiters>();

export function fetchWaitersOf(engine: Engine): FetchWaiters | undefined {
  return byEngine.get(engine);
}

export function openFetchWaiters(engine: Engine): FetchWaiters {
  byEngine.get(engine)?.close();
  const w = new FetchWaiters(engine, engine.db.dialect === 'postgres' ? 250 : 1000);
  byEngine.set(engine, w);
  return w;
}
