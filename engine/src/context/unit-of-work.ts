import { literal, quoteIdent, type ColumnType } from '../persistence/sql-literal.ts';
import { TABLES, type RowOf, type TableName } from '../persistence/tables.ts';
import { TableSet } from './table-set.ts';
import { WriteBatch } from './write-batch.ts';

type Sets = { [N in TableName]: TableSet<N> };

/** the order tables are written in; runtime before history, parents before children */
const ORDER: TableName[] = [
  'executions',
  'variables',
  'tasks',
  'event_subscriptions',
  'jobs',
  'external_tasks',
  'incidents',
  'hist_process_instances',
  'hist_activity_instances',
  'hist_tasks',
  'hist_variable_updates',
  'hist_incidents',
  'comments',
];

/** process_instances first: only its inserts go here (its updates are the revision checks) */
const WRITE_ORDER: TableName[] = ['process_instances', ...ORDER];

/**
 * Everything one command changed, written in ONE batch (one round trip, one transaction).
 * Optimistic locking: each process instance whose rows changed has its revision checked and
 * raised in the same batch; if another command got there first, lz_assert aborts the whole
 * batch and the command fails with a conflict having changed nothing.
 */
export class UnitOfWork {
  /** table sets are made on first use: most commands touch a few tables only */
  private readonly sets: Partial<Sets> = {};
  /** revision of each instance as loaded (absent for instances created by this command) */
  private readonly loadedRev = new Map<string, number>();
  /** jobs this command executes: deleting/updating them checks they are still ours */
  private readonly jobGuards = new Map<string, string | null>();


  table<N extends TableName>(name: N): TableSet<N> {
    let set = this.sets[name] as TableSet<N> | undefined;
    if (!set) {
      set = new TableSet(name);
      (this.sets as Record<string, unknown>)[name] = set;
    }
    return set;
  }

  instanceLoaded(row: RowOf<'process_instances'>): void {
    this.loadedRev.set(row.id, row.rev ?? 0);
    this.table('process_instances').loaded(row);
  }

  guardJob(jobId: string, lockOwner: string | null): void {
    this.jobGuards.set(jobId, lockOwner);
  }


  hasChanges(): boolean {
    return Object.values(this.sets).some((set) => set.hasChanges());
  }

  /** everything this command changed, as a batch the group committer may merge with others */
  toBatch(): WriteBatch {
    const batch = new WriteBatch(WRITE_ORDER);
    const touched = new Set<string>();
    for (const set of Object.values(this.sets)) set.touchedInstances(touched);
    // revision checks first, in id order, so concurrent batches lock instances in one order
    for (const id of [...touched].sort()) {
      const rev = this.loadedRev.get(id);
      if (rev === undefined) continue; // created by this command
      batch.checks.push([`i:${id}`, this.instanceStatement(id, rev)]);
    }
    for (const [jobId, owner] of this.jobGuards) {
      const ownerCond = owner === null ? 'lock_owner IS NULL' : `lock_owner = ${literal(owner, 'text')}`;
      batch.checks.push([
        `j:${jobId}`,
        `SELECT lz_assert((SELECT count(*) FROM jobs WHERE id = ${literal(jobId, 'text')} AND ${ownerCond}) = 1, ${literal(`job ${jobId}`, 'text')})`,
      ]);
    }
    // new instances are inserted before their rows; the other instance rows were handled above
    this.sets.process_instances?.collect(batch, true);
    for (const t of ORDER) this.sets[t]?.collect(batch);
    return batch;
  }

  /** raise (or delete, for ended instances) one instance row, asserting its revision */
  private instanceStatement(id: string, rev: number): string {
    const row = this.sets.process_instances?.get(id);
    const where = `id = ${literal(id, 'text')} AND rev = ${rev}`;
    const what = literal(`process instance ${id}`, 'text');
    if (!row) {
      return `WITH c AS (DELETE FROM process_instances WHERE ${where} RETURNING 1) SELECT lz_assert(count(*) = 1, ${what}) FROM c`;
    }
    const cols = TABLES.process_instances as Record<string, ColumnType>;
    const sets = Object.keys(cols)
      .filter((c) => c !== 'id' && c !== 'rev')
      .map((c) => `${quoteIdent(c)} = ${literal((row as Record<string, unknown>)[c], cols[c]!)}`);
    row.rev = rev + 1;
    return `WITH c AS (UPDATE process_instances SET ${sets.join(', ')}, rev = ${rev + 1} WHERE ${where} RETURNING 1) SELECT lz_assert(count(*) = 1, ${what}) FROM c`;
  }

  async flush(commit: (batch: WriteBatch) => Promise<void>): Promise<void> {
    const batch = this.toBatch();
    if (!batch.isEmpty()) await commit(batch);
  }
}
