import type { Engine } from '@liuzhuan/engine';

/**
 * Polls for due jobs and runs them (timers, async continuations, retries of failed tasks).
 * Several runtime processes may run one each on a shared PostgreSQL: acquisition uses
 * FOR UPDATE SKIP LOCKED, so a job is taken by one of them. stop() stops acquiring and
 * waits for the jobs in hand.
 */
export class JobExecutor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly engine: Engine,
    private readonly pollMs: number,
    private readonly batch = 20,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    let busy = false;
    try {
      const ids = await this.engine.acquireJobs(this.batch);
      busy = ids.length === this.batch;
      for (const id of ids) {
        if (this.stopped) break;
        await this.engine.executeJob(id).catch(() => false);
      }
    } catch {
      // the database may be away for a moment; try again at the next poll
    }
    this.schedule(busy ? 0 : this.pollMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
