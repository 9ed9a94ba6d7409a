import { LzError, type Engine } from '@liuzhuan/engine';

export interface JobExecutorStats {
  /** jobs this executor acquired */
  acquired: number;
  /** jobs it ran to the end */
  executed: number;
  /** jobs whose run failed (retries went down, an incident at zero) */
  failed: number;
  /** jobs another command got to first (the instance changed meanwhile; the job is free again) */
  conflicts: number;
  /** acquired jobs it gave back because it was stopping */
  released: number;
  /** runs that broke off for another reason (the database away): the job's lock runs out */
  errors: number;
}

/**
 * Runs due jobs by itself: timers, async continuations, retries of failed work. Acquisition
 * goes through the engine (`acquireJobs`: FOR UPDATE SKIP LOCKED, lock owner = this engine's
 * worker id, lock expiry; no job of an instance while another job of that instance is locked
 * by someone else), so several runtime processes on one PostgreSQL share the work and never
 * run one job twice. The jobs of one batch run one after the other, so two jobs of one instance
 * never run at the same time here either. Failures lower the job's retries and raise an
 * incident at zero (the engine's executeJob).
 *
 * It polls every `pollMs` and wakes at once when this process creates a job that is due
 * (engine event `job.created`) or a job failed with retries left (`job.failed`). stop() stops acquiring, lets the job in hand finish, gives the
 * rest of the batch back (unlocked for other processes) and then resolves.
 */
export class JobExecutor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** a job became due while a batch ran: poll again right after it */
  private woken = false;
  private off: (() => void) | null = null;
  readonly stats: JobExecutorStats = { acquired: 0, executed: 0, failed: 0, conflicts: 0, released: 0, errors: 0 };

  constructor(
    private readonly engine: Engine,
    private readonly pollMs: number,
    private readonly batch = 20,
  ) {}

  get isRunning(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.off = this.engine.on((e) => {
      // a failed job with retries left is usually due again at once (Camunda's default: no wait)
      if (e.type === 'job.failed' && typeof e.retries === 'number' && e.retries > 0) return this.wake();
      if (e.type !== 'job.created') return;
      const due = typeof e.dueAt === 'string' ? Date.parse(e.dueAt) - this.engine.clock.now().getTime() : 0;
      if (due <= 0) this.wake();
      else if (due < this.pollMs) setTimeout(() => this.wake(), due).unref();
    });
    this.schedule(0);
  }

  /** poll now (or right after the batch in hand) */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.woken = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    this.woken = false;
    let full = false;
    try {
      const ids = await this.engine.acquireJobs(this.batch);
      this.stats.acquired += ids.length;
      full = ids.length === this.batch;
      for (let i = 0; i < ids.length; i++) {
        if (this.stopped) {
          await this.release(ids.slice(i));
          break;
        }
        await this.run(ids[i]!);
      }
    } catch {
      // the database may be away for a moment; try again at the next poll
    }
    if (!this.stopped) this.schedule(full || this.woken ? 0 : this.pollMs);
  }

  private async run(id: string): Promise<void> {
    try {
      if (await this.engine.executeJob(id)) this.stats.executed += 1;
      else this.stats.failed += 1;
    } catch (e) {
      // a lost race frees the job for the next round; a job gone (its instance ended) is done
      if (e instanceof LzError && e.code === 'LZ_ERR_CONFLICT') this.stats.conflicts += 1;
      else if (!(e instanceof LzError && e.code === 'LZ_ERR_JOB_NOT_FOUND')) this.stats.errors += 1;
    }
  }

  private async release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.engine.unlockJobs(ids);
    this.stats.released += ids.length;
  }

  /** stops acquiring, waits for the job in hand, gives back the rest of the batch */
  async stop(): Promise<void> {
    this.stopped = true;
    this.off?.();
    this.off = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
