import { literal, quoteIdent, type ColumnType } from '../persistence/sql-literal.ts';
import { TABLES, type RowOf, type TableName } from '../persistence/tables.ts';
import type { WriteBatch } from './write-batch.ts';

type EntryState = 'new' | 'clean' | 'dirty' | 'gone';

interface Entry<R> {
  row: R;
  state: EntryState;
}

/**
 * The rows of one table a command has read or written. Rows are plain objects the engine
 * mutates in place; the set remembers what became of each one so that the flush writes
 * only the difference: a row made and removed in the same command never reaches the
 * database (a straight-through instance writes no runtime rows at all).
 */
export class TableSet<N extends TableName> {
  private readonly entries = new Map<string, Entry<RowOf<N>>>();
  /** updates of rows this command never loaded (history rows written by earlier commands) */
  private readonly patches = new Map<string, Partial<RowOf<N>>>();

  constructor(readonly table: N) {}

  loaded(row: RowOf<N>): RowOf<N> {
    const existing = this.entries.get(row.id);
    if (existing) return existing.row;
    this.entries.set(row.id, { row, state: 'clean' });
    return row;
  }

  insert(row: RowOf<N>): RowOf<N> {
    this.entries.set(row.id, { row, state: 'new' });
    return row;
  }

  /** tell the set a loaded row was changed in place */
  changed(row: RowOf<N>): void {
    const e = this.entries.get(row.id);
    if (e && e.state === 'clean') e.state = 'dirty';
  }

  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e) {
      this.entries.set(id, { row: { id } as RowOf<N>, state: 'gone' });
    } else if (e.state === 'new') {
      this.entries.delete(id);
    } else {
      e.state = 'gone';
    }
  }

  /** change some columns of a row, loaded or not */
  patch(id: string, cols: Partial<RowOf<N>>): void {
    const e = this.entries.get(id);
    if (e && e.state !== 'gone') {
      Object.assign(e.row, cols);
      if (e.state === 'clean') e.state = 'dirty';
      return;
    }
    this.patches.set(id, { ...(this.patches.get(id) ?? {}), ...cols });
  }

  get(id: string): RowOf<N> | undefined {
    const e = this.entries.get(id);
    return e && e.state !== 'gone' ? e.row : undefined;
  }

  isNew(id: string): boolean {
    return this.entries.get(id)?.state === 'new';
  }

  /** rows whose instance changed in this command (for the instance revision check) */
  touchedInstances(into: Set<string>): void {
    for (const e of this.entries.values()) {
      if (e.state === 'clean') continue;
      const r = e.row as { id: string; instance_id?: string | null };
      const inst = this.table === 'process_instances' ? r.id : r.instance_id;
      if (inst) into.add(inst);
    }
  }

  hasChanges(): boolean {
    if (this.patches.size > 0) return true;
    for (const e of this.entries.values()) if (e.state !== 'clean') return true;
    return false;
  }

  /** put the writes that bring the table in line into `batch`: deletes, updates, inserts */
  collect(batch: WriteBatch, insertsOnly = false): void {
    if (!this.hasChanges()) return;
    const { cols, names, table, columnList } = shapeOf(this.table);
    const w = batch.writesOf(this.table, columnList);
    for (const [id, e] of this.entries) {
      if (e.state === 'new') w.inserts.push(`(${names.map((c) => literal((e.row as Record<string, unknown>)[c], cols[c]!)).join(', ')})`);
      else if (insertsOnly) continue;
      else if (e.state === 'gone') w.deletes.push(literal(id, 'text'));
      else if (e.state === 'dirty') w.updates.push(updateSql(table, cols, id, e.row as Record<string, unknown>));
    }
    if (insertsOnly) return;
    for (const [id, p] of this.patches) w.updates.push(updateSql(table, cols, id, p as Record<string, unknown>));
  }
}

const shapes = new Map<TableName, { cols: Record<string, ColumnType>; names: string[]; table: string; columnList: string }>();

function shapeOf(name: TableName) {
  let shape = shapes.get(name);
  if (!shape) {
    const cols = TABLES[name] as Record<string, ColumnType>;
    const names = Object.keys(cols);
    shape = { cols, names, table: quoteIdent(name), columnList: names.map(quoteIdent).join(', ') };
    shapes.set(name, shape);
  }
  return shape;
}

function updateSql(table: string, cols: Record<string, ColumnType>, id: string, values: Record<string, unknown>): string {
  const sets = Object.keys(values)
    .filter((c) => c !== 'id' && cols[c])
    .map((c) => `${quoteIdent(c)} = ${literal(values[c], cols[c]!)}`);
  return `UPDATE ${table} SET ${sets.join(', ')} WHERE id = ${literal(id, 'text')}`;
}
