import type { Where } from './filters.ts';

/** what the history queries share: ordering, paging, who may see an instance's history */

export type Order = 'asc' | 'desc';
export type SortBy<K extends string> = { by: K; order?: Order }[];

export function orderBy<K extends string>(columns: Record<K, string>, sort: SortBy<K> | undefined, fallback: string): string {
  const keys = (sort ?? []).filter((s) => columns[s.by]).map((s) => `${columns[s.by]} ${s.order === 'desc' ? 'DESC' : 'ASC'}`);
  return `ORDER BY ${[...keys, fallback].join(', ')}`;
}

/** who sees an instance's history: its starter, whoever held one of its tasks, or a candidate of a task still open */
export interface HistoryViewer {
  userId: string;
  groups?: string[];
}

export function visibleInstance(w: Where, instanceCol: string, startUserCol: string, v: HistoryViewer | undefined): void {
  if (!v) return;
  w.clause(
    `(${startUserCol} = :v
      OR EXISTS (SELECT 1 FROM hist_tasks vh WHERE vh.instance_id = ${instanceCol} AND (vh.assignee = :v OR vh.owner = :v))
      OR EXISTS (SELECT 1 FROM tasks vt WHERE vt.instance_id = ${instanceCol} AND (vt.candidate_users ? :v OR vt.candidate_groups ?| :v::text[])))`,
    v.userId,
    v.userId,
    v.userId,
    v.userId,
    v.groups ?? [],
  );
}

/** LIMIT/OFFSET when paging was asked for; the engine's own callers read everything */
export const pageOf = (w: Where, q: { first?: number; max?: number }): string => (q.first === undefined && q.max === undefined ? '' : w.page(q.first, q.max));

export const ms = (start: Date | null, end: Date | null): number | null => (start && end ? end.getTime() - start.getTime() : null);

