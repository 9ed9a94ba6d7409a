import type { Db } from '../persistence/db.ts';
import { WriteBatch } from './write-batch.ts';

interface Pending {
  batch: WriteBatch;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit. Each command's writes are one batch (one implicit transaction); while
 * `maxInFlight` batches are on their way to the database, batches of other commands that
 * finish meanwhile wait and then go together as ONE transaction: one round trip, one
 * statement per table and kind (write-batch.ts) and one commit (one WAL flush) for many
 * commands. A command is acknowledged only when its group
 * has committed. If a group fails — one member lost a revision race, say — nothing of it was
 * written, and every member is sent again on its own so each gets its own answer.
 */
export class GroupCommitter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly db: Db,
    private readonly maxInFlight: number,
    private readonly maxGroup = 64,
  ) {}

  submit(batch: WriteBatch): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroup);
      this.inFlight += 1;
      void this.send(group).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async send(group: Pending[]): Promise<void> {
    if (group.length === 1) return this.sendOne(group[0]!);
    try {
      await this.db.batch(WriteBatch.sqlOf(group.map((g) => g.batch)));
      for (const g of group) g.resolve();
    } catch {
      for (const g of group) await this.sendOne(g);
    }
  }

  private async sendOne(g: Pending): Promise<void> {
    try {
      await this.db.batch(g.batch.toSql());
      g.resolve();
    } catch (e) {
      g.reject(e);
    }
  }
}
