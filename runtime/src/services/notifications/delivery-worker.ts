import type { Clock } from '@liuzhuan/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { DeliveriesRepo } from './deliveries.repo.ts';
import type { Mailer } from './mail-sender.ts';
import { postWebhook } from './webhook-sender.ts';
import type { Delivery, SendOutcome } from './types.ts';

export interface DeliveryOptions {
  /** attempts per delivery before it is recorded failed (default 5) */
  maxAttempts: number;
  /** wait before the first retry, doubled for each further one (default 30 s) … */
  backoffMs: number;
  /** … up to this (default 1 h) */
  maxBackoffMs: number;
  /** one webhook post's time limit (default 10 s) */
  timeoutMs: number;
  /** how long a claimed row is this sender's; after that another sender may take it (default 5 min) */
  leaseMs: number;
  /** rows claimed at once (default 20) */
  batch: number;
  /** slow poll for rows due again and rows other runtimes wrote (default 5 s) */
  pollMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = { maxAttempts: 5, backoffMs: 30_000, maxBackoffMs: 3_600_000, timeoutMs: 10_000, leaseMs: 300_000, batch: 20, pollMs: 5_000 };

export interface DeliveryStats {
  sent: number;
  /** failed this time, due again later */
  retrying: number;
  /** failed for good (out of attempts, or an error retrying cannot heal) */
  failed: number;
}

/**
 * Sends the outbox: claims due rows (several runtimes share the table), sends each by its
 * channel, and records the outcome — sent, due again after a backoff with the error kept, or
 * failed once out of attempts. `deliverDue()` is one pass (tests call it); `start()` runs it
 * when notify wakes it and on a slow poll.
 */
export class DeliveryWorker {
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  /** wake-ups for rows due again after a retry backoff */
  private readonly timers = new Set<NodeJS.Timeout>();
  private pass: Promise<unknown> | null = null;
  private again = false;
  private controller = new AbortController();

  constructor(
    private readonly repo: DeliveriesRepo,
    private readonly mailer: () => Mailer | null,
    private readonly clock: Clock,
    private readonly opts: DeliveryOptions,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** sends every row due at `now` (default the clock's now); what happened */
  async deliverDue(now?: Date): Promise<DeliveryStats> {
    const stats: DeliveryStats = { sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const claimed = await this.repo.claim(now ?? this.clock.now(), this.opts.leaseMs, this.opts.batch, this.opts.maxAttempts);
      await Promise.all(claimed.map((d) => this.one(d, now, stats)));
      if (claimed.length < this.opts.batch || this.controller.signal.aborted) return stats;
    }
  }

  private async one(d: Delivery, now: Date | undefined, stats: DeliveryStats): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await this.send(d);
    } catch (e) {
      outcome = { ok: false, error: (e as Error).message, retryable: true };
    }
    const at = now ?? this.clock.now();
    try {
      if (outcome.ok) {
        await this.repo.settle(d, { state: 'sent', at });
        stats.sent += 1;
      } else if (outcome.retryable && d.attempts < this.opts.maxAttempts) {
        const wait = Math.min(this.opts.backoffMs * 2 ** (d.attempts - 1), this.opts.maxBackoffMs);
        await this.repo.settle(d, { state: 'pending', nextAt: new Date(at.getTime() + wait), error: outcome.error });
        stats.retrying += 1;
        this.log.warn({ deliveryId: d.id, channel: d.channel, attempts: d.attempts, retryInMs: wait }, `notification delivery failed, will retry: ${outcome.error}`);
        if (this.running) this.wakeIn(wait);
      } else {
        await this.repo.settle(d, { state: 'failed', error: outcome.error });
        stats.failed += 1;
        this.log.warn({ deliveryId: d.id, channel: d.channel, attempts: d.attempts }, `notification delivery failed for good: ${outcome.error}`);
      }
    } catch (e) {
      // the row stays claimed; its lease runs out and it is sent again
      this.log.warn({ err: e, deliveryId: d.id }, 'notification delivery: could not record the outcome');
    }
  }

  private async send(d: Delivery): Promise<SendOutcome> {
    if (d.channel === 'webhook') return postWebhook(d.target, d.payload, { timeoutMs: this.opts.timeoutMs, signal: this.controller.signal });
    const mailer = this.mailer();
    if (!mailer) return { ok: false, error: 'mail is not configured (the mail plugin with MAIL_SMTP_URL and MAIL_FROM)', retryable: false };
    return mailer.send(d.payload, this.controller.signal);
  }

  /** starts sending (server.ts calls it; tests that do not are unaffected) */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.controller.signal.aborted) this.controller = new AbortController();
    this.timer = setInterval(() => this.wake(), this.opts.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** a pass now (coalesced: a pass in progress runs once more) */
  wake(): void {
    if (!this.running) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    this.again = false;
    this.pass = this.deliverDue()
      .catch((e: unknown) => this.log.warn({ err: e }, 'notification delivery pass failed'))
      .finally(() => {
        this.pass = null;
        if (this.again) this.wake();
      });
  }

  private wakeIn(ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.wake();
    }, ms + 20);
    t.unref();
    this.timers.add(t);
  }

  /** stops sending: sends in flight are aborted (and retried later), the pass in hand finishes */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.controller.abort(new Error('the runtime is stopping'));
    await this.pass;
  }
}
