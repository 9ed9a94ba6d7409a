import type { FieldChange, HistoryEntry } from './types.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** the top-level fields that differ between two versions of a record's data */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[f], after[f])) out.push({ field: f, old: before[f] ?? null, new: after[f] ?? null });
  }
  return out;
}

export interface HistoryRow {
  recordId: string;
  version: number;
  action: HistoryEntry['action'];
  actor: string;
  at: Date;
  changes: FieldChange[];
}

/** one INSERT for a batch of history entries (column arrays through unnest, see records.repo.ts) */
export function historyInsert(rows: HistoryRow[]): { sql: string; params: unknown[] } {
  return {
    sql: `INSERT INTO entity_history (record_id, version, action, actor, at, changes)
          SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[])`,
    params: [rows.map((r) => r.recordId), rows.map((r) => r.version), rows.map((r) => r.action), rows.map((r) => r.actor), rows.map((r) => r.at), rows.map((r) => JSON.stringify(r.changes))],
  };
}

export function toHistoryEntry(r: { record_id: string; version: number; action: string; actor: string; at: Date | string; changes: unknown }): HistoryEntry {
  return {
    recordId: r.record_id,
    version: r.version,
    action: r.action as HistoryEntry['action'],
    actor: r.actor,
    at: new Date(r.at).toISOString(),
    changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as FieldChange[],
  };
}
