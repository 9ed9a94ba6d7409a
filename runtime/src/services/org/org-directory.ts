import { randomUUID } from 'node:crypto';
import type { Db } from '@liuzhuan/engine';
import { OrgModel } from './org-model.ts';
import { loadSnapshot } from './org-snapshot.repo.ts';

/** the NOTIFY channel org and identity writes announce themselves on */
export const ORG_CHANNEL = 'lz_org';
const DEFAULT_REFRESH_MS = 10_000;


/**
 * The organisation in memory. The engine's expression functions and its task-assignment hook
 * are synchronous, so they cannot read the database: they read this snapshot instead.
 *
 * Freshness (several runtime processes share one PostgreSQL):
 * - a write through this process calls `changed()`, which NOTIFYs the others and reloads here
 *   before the write's response goes out, so the next request here sees it;
 * - the others LISTEN and reload on the notification; when their listening connection drops
 *   (`onLost`) they reload, as they may have missed one;
 * - a periodic reload (10 s) catches anything else (a write made straight in SQL, a lost
 *   notification while reconnecting).
 * Built before the engine (the functions close over it), attached once the engine's database
 * is open.
 */
export class OrgDirectory {
  private model: OrgModel = OrgModel.of();
  private db: Db | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** this process's mark on its own notifications, so it does not reload twice */
  private readonly origin = randomUUID();
  /** how many reloads ran (tests and diagnostics) */
  loads = 0;

  private onError: (e: unknown) => void = () => undefined;

  get current(): OrgModel {
    return this.model;
  }

  /** loads, then keeps fresh; `onError` hears of background reloads that failed (the last snapshot stays) */
  async attach(db: Db, onError: (e: unknown) => void = () => undefined, refreshMs = DEFAULT_REFRESH_MS): Promise<void> {
    this.db = db;
    this.onError = onError;
    await this.reload();
    this.unlisten = await db.listen(
      ORG_CHANNEL,
      (payload) => {
        if (payload !== this.origin) this.reloadQuietly();
      },
      () => this.reloadQuietly(),
    );
    this.timer = setInterval(() => this.reloadQuietly(), refreshMs);
    this.timer.unref();
  }

  /** Reads the organisation again. Calls while one runs wait for one more run after it, never stack up. */
  reload(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.running) {
      this.queued = this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.reload();
        });
      return this.queued;
    }
    this.running = this.load().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** after a write made through this process: tell the other processes, then reload here */
  async changed(): Promise<void> {
    if (!this.db) return;
    await this.db.query(`SELECT pg_notify($1, $2)`, [ORG_CHANNEL, this.origin]);
    await this.reload();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const stop = this.unlisten;
    this.unlisten = null;
    this.db = null;
    await stop?.();
    await this.running?.catch(() => undefined);
  }

  private reloadQuietly(): void {
    this.reload().catch((e: unknown) => this.onError(e));
  }

  private async load(): Promise<void> {
    const db = this.db;
    if (!db) return;
    const snapshot = await loadSnapshot(db);
    // a close() during the load leaves the last snapshot in place
    if (this.db !== db) return;
    this.model = new OrgModel(snapshot);
    this.loads += 1;
  }
}
