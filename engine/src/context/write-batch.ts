import type { TableName } from '../persistence/tables.ts';
import { quoteIdent } from '../persistence/sql-literal.ts';

/** one table's share of a batch: ids to delete, UPDATE statements, value tuples to insert */
export interface TableWrites {
  deletes: string[];
  updates: string[];
  inserts: string[];
  /** the quoted column list the tuples follow */
  columnList: string;
}

/**
 * The writes of one command, kept apart by kind so that a group of commands can be sent as
 * ONE statement per table and kind instead of one per command and table: PostgreSQL parses,
 * plans and starts an executor per statement, which costs more than the rows themselves for
 * the few rows a command writes.
 *
 * Order inside the transaction (one command's order, kept when commands are merged):
 * assertions (instance revisions in id order, then job guards) → new process instances →
 * per table in `order`: deletes, updates, inserts. Commands of one group touch different
 * instances — two that touch the same one make an assertion fail, and the group is then sent
 * again command by command — so putting their statements side by side changes no outcome.
 */
export class WriteBatch {
  /** [sort key, statement]: sorted by key across a group so that instances lock in one order */
  readonly checks: [string, string][] = [];
  readonly tables = new Map<TableName, TableWrites>();

  constructor(private readonly order: readonly TableName[]) {}

  writesOf(table: TableName, columnList: string): TableWrites {
    let w = this.tables.get(table);
    if (!w) {
      w = { deletes: [], updates: [], inserts: [], columnList };
      this.tables.set(table, w);
    }
    return w;
  }

  isEmpty(): boolean {
    if (this.checks.length > 0) return false;
    for (const w of this.tables.values()) if (w.deletes.length + w.updates.length + w.inserts.length > 0) return false;
    return true;
  }

  toSql(): string {
    return WriteBatch.sqlOf([this]);
  }

  /** the statements of several batches as one script (one implicit transaction) */
  static sqlOf(batches: readonly WriteBatch[]): string {
    const order = batches[0]?.order ?? [];
    const checks = batches.flatMap((b) => b.checks);
    if (batches.length > 1) checks.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out = checks.map((c) => c[1]);
    for (const table of order) {
      const parts = batches.map((b) => b.tables.get(table)).filter((w): w is TableWrites => w !== undefined);
      if (parts.length === 0) continue;
      const name = quoteIdent(table);
      const deletes = parts.flatMap((w) => w.deletes);
      if (deletes.length > 0) out.push(`DELETE FROM ${name} WHERE id IN (${deletes.join(', ')})`);
      for (const w of parts) out.push(...w.updates);
      const inserts = parts.flatMap((w) => w.inserts);
      if (inserts.length > 0) out.push(`INSERT INTO ${name} (${parts[0]!.columnList}) VALUES ${inserts.join(', ')}`);
    }
    return out.join(';\n');
  }
}
