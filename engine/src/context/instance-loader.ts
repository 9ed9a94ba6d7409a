import type { Db } from '../persistence/db.ts';
import { reviveRow, type RowOf, type TableName } from '../persistence/tables.ts';

export interface LoadedInstance {
  instance: RowOf<'process_instances'>;
  executions: RowOf<'executions'>[];
  variables: RowOf<'variables'>[];
  tasks: RowOf<'tasks'>[];
  subscriptions: RowOf<'event_subscriptions'>[];
  jobs: RowOf<'jobs'>[];
  externalTasks: RowOf<'external_tasks'>[];
  incidents: RowOf<'incidents'>[];
}

const PARTS: [keyof Omit<LoadedInstance, 'instance'>, TableName][] = [
  ['executions', 'executions'],
  ['variables', 'variables'],
  ['tasks', 'tasks'],
  ['subscriptions', 'event_subscriptions'],
  ['jobs', 'jobs'],
  ['externalTasks', 'external_tasks'],
  ['incidents', 'incidents'],
];

function sqlFor(idExpr: string): string {
  return `WITH target AS (SELECT ${idExpr} AS id)
  SELECT
  (SELECT row_to_json(i) FROM process_instances i WHERE i.id = (SELECT id FROM target)) AS instance,
  ${PARTS.map(([key, table]) => `(SELECT coalesce(json_agg(t ORDER BY t.id), '[]'::json) FROM ${table} t WHERE t.instance_id = (SELECT id FROM target)) AS "${key}"`).join(',\n  ')}`;
}

/** the tables whose rows name their instance, so an instance can be loaded by one of them */
export type OwnedBy = 'tasks' | 'external_tasks' | 'jobs' | 'executions';

const BY_ID = sqlFor('$1::text');
const BY_ROW: Record<OwnedBy, string> = {
  tasks: sqlFor('(SELECT instance_id FROM tasks WHERE id = $1)'),
  external_tasks: sqlFor('(SELECT instance_id FROM external_tasks WHERE id = $1)'),
  jobs: sqlFor('(SELECT instance_id FROM jobs WHERE id = $1)'),
  executions: sqlFor('(SELECT instance_id FROM executions WHERE id = $1)'),
};

/**
 * The whole runtime state of one process instance in one round trip: the instance row and
 * every execution, variable, task, subscription, job, external task and incident of it —
 * found by its id, or by the id of one of its tasks, external tasks, jobs or executions.
 */
export async function loadInstance(db: Db, id: string, by?: OwnedBy): Promise<LoadedInstance | null> {
  const [row] = await db.query<Record<string, unknown>>(by ? BY_ROW[by] : BY_ID, [id], `lz_load_instance_${by ?? 'id'}`);
  if (!row || !row.instance) return null;
  const out = { instance: reviveRow('process_instances', row.instance as Record<string, unknown>) } as LoadedInstance;
  for (const [key, table] of PARTS) {
    const list = (row[key] as Record<string, unknown>[] | null) ?? [];
    (out as unknown as Record<string, unknown[]>)[key] = list.map((r) => reviveRow(table, r));
  }
  return out;
}
