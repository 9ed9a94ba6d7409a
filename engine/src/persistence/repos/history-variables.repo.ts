import type { Db } from '../db.ts';
import { Where } from './filters.ts';
import { orderBy, pageOf, visibleInstance, type HistoryViewer, type SortBy } from './history-query.ts';

// ---- variable updates (Camunda's historic details)

export interface HistoricVariableUpdate {
  id: string;
  processInstanceId: string;
  processDefinitionId: string | null;
  processDefinitionKey: string | null;
  rootProcessInstanceId: string | null;
  scopeId: string;
  name: string;
  type: string;
  value: unknown;
  operation: string;
  revision: number;
  time: Date;
}

export type HistoricVariableUpdateSortKey = 'processInstanceId' | 'variableName' | 'variableType' | 'variableRevision' | 'time' | 'occurrence';

export interface HistoricVariableUpdateQuery {
  processInstanceId?: string;
  processInstanceIds?: string[];
  name?: string;
  scopeId?: string;
  /** Camunda type names, any case (string, integer, …) */
  types?: string[];
  occurredBefore?: Date;
  occurredAfter?: Date;
  visibleTo?: HistoryViewer;
  sort?: SortBy<HistoricVariableUpdateSortKey>;
  first?: number;
  max?: number;
}

const UPDATE_SORT: Record<HistoricVariableUpdateSortKey, string> = {
  processInstanceId: 'u.instance_id',
  variableName: 'u.name',
  variableType: 'u.type',
  variableRevision: 'u.rev',
  time: 'u.time',
  occurrence: 'u.seq',
};

const UPDATE_FROM = `hist_variable_updates u LEFT JOIN hist_process_instances p ON p.id = u.instance_id`;

function updateWhere(q: HistoricVariableUpdateQuery): Where {
  const w = new Where()
    .add('u.instance_id = :v', q.processInstanceId)
    .add('u.instance_id = ANY(:v::text[])', q.processInstanceIds)
    .add('u.name = :v', q.name)
    .add('u.scope_id = :v', q.scopeId)
    .add('lower(u.type) = ANY(:v::text[])', q.types?.map((t) => t.toLowerCase()))
    .add('u.time < :v', q.occurredBefore)
    .add('u.time > :v', q.occurredAfter);
  visibleInstance(w, 'u.instance_id', 'p.start_user_id', q.visibleTo);
  return w;
}

export async function listHistoricVariableUpdates(db: Db, q: HistoricVariableUpdateQuery = {}): Promise<HistoricVariableUpdate[]> {
  const w = updateWhere(q);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT u.*, p.definition_id AS def_id, p.definition_key AS def_key, p.root_instance_id AS root_id
     FROM ${UPDATE_FROM} ${w.toString()} ${orderBy(UPDATE_SORT, q.sort, 'u.seq, u.id')} ${pageOf(w, q)}`,
    w.params,
  );
  return rows.map((r) => ({
    id: r.id as string,
    processInstanceId: r.instance_id as string,
    processDefinitionId: (r.def_id as string | null) ?? null,
    processDefinitionKey: (r.def_key as string | null) ?? null,
    rootProcessInstanceId: (r.root_id as string | null) ?? null,
    scopeId: r.scope_id as string,
    name: r.name as string,
    type: r.type as string,
    value: r.value,
    operation: r.op as string,
    revision: r.rev as number,
    time: r.time as Date,
  }));
}

export async function countHistoricVariableUpdates(db: Db, q: HistoricVariableUpdateQuery = {}): Promise<number> {
  const w = updateWhere(q);
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${UPDATE_FROM} ${w.toString()}`, w.params);
  return r?.n ?? 0;
}

// ---- variable instances

export interface HistoricVariableInstance {
  id: string;
  processInstanceId: string;
  processDefinitionId: string | null;
  processDefinitionKey: string | null;
  rootProcessInstanceId: string | null;
  scopeId: string;
  name: string;
  type: string;
  value: unknown;
  /** 'CREATED' while it exists, 'DELETED' once removed */
  state: string;
  /** when the variable was first set */
  createTime: Date;
  /** its last change */
  time: Date;
}

export type HistoricVariableInstanceSortKey = 'instanceId' | 'variableName';

export interface HistoricVariableInstanceQuery {
  processInstanceId?: string;
  processInstanceIds?: string[];
  processDefinitionId?: string;
  processDefinitionKey?: string;
  name?: string;
  names?: string[];
  nameLike?: string;
  /** Camunda type names, any case */
  types?: string[];
  /** execution or activity instance ids the variables live on */
  scopeIds?: string[];
  /** leave out removed variables (Camunda's default; includeDeleted turns it off) */
  excludeDeleted?: boolean;
  visibleTo?: HistoryViewer;
  sort?: SortBy<HistoricVariableInstanceSortKey>;
  first?: number;
  max?: number;
}

const VARIABLE_SORT: Record<HistoricVariableInstanceSortKey, string> = { instanceId: 'x.instance_id', variableName: 'x.name' };

/** the latest update of every (scope, name), filtered by what a row of the update itself tells */
function variableSql(q: HistoricVariableInstanceQuery): { from: string; outer: Where } {
  const params: unknown[] = [];
  const inner = new Where(params)
    .add('v.instance_id = :v', q.processInstanceId)
    .add('v.instance_id = ANY(:v::text[])', q.processInstanceIds)
    .add('v.name = :v', q.name)
    .add('v.name = ANY(:v::text[])', q.names)
    .add('v.name LIKE :v', q.nameLike)
    .add('v.scope_id = ANY(:v::text[])', q.scopeIds);
  const from = `(SELECT DISTINCT ON (v.scope_id, v.name) v.*, min(v.time) OVER (PARTITION BY v.scope_id, v.name) AS create_time
      FROM hist_variable_updates v ${inner.toString()} ORDER BY v.scope_id, v.name, v.seq DESC) x
    LEFT JOIN hist_process_instances p ON p.id = x.instance_id`;
  const outer = new Where(params)
    .add('p.definition_id = :v', q.processDefinitionId)
    .add('p.definition_key = :v', q.processDefinitionKey)
    .add('lower(x.type) = ANY(:v::text[])', q.types?.map((t) => t.toLowerCase()));
  if (q.excludeDeleted) outer.clause(`x.op <> 'delete'`);
  visibleInstance(outer, 'x.instance_id', 'p.start_user_id', q.visibleTo);
  return { from, outer };
}

/** the last known value of every variable (Camunda's historic variable instances), ended instances included */
export async function listHistoricVariableInstances(db: Db, q: HistoricVariableInstanceQuery = {}): Promise<HistoricVariableInstance[]> {
  const { from, outer } = variableSql(q);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT x.*, p.definition_id AS def_id, p.definition_key AS def_key, p.root_instance_id AS root_id
     FROM ${from} ${outer.toString()} ${orderBy(VARIABLE_SORT, q.sort, 'x.time, x.name')} ${outer.page(q.first, q.max)}`,
    outer.params,
  );
  return rows.map((r) => ({
    id: `${r.scope_id as string}:${r.name as string}`,
    processInstanceId: r.instance_id as string,
    processDefinitionId: (r.def_id as string | null) ?? null,
    processDefinitionKey: (r.def_key as string | null) ?? null,
    rootProcessInstanceId: (r.root_id as string | null) ?? null,
    scopeId: r.scope_id as string,
    name: r.name as string,
    type: r.type as string,
    value: r.value,
    state: r.op === 'delete' ? 'DELETED' : 'CREATED',
    createTime: r.create_time as Date,
    time: r.time as Date,
  }));
}

export async function countHistoricVariableInstances(db: Db, q: HistoricVariableInstanceQuery = {}): Promise<number> {
  const { from, outer } = variableSql(q);
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} ${outer.toString()}`, outer.params);
  return r?.n ?? 0;
}
