import type { Db } from '../db.ts';
import { Where } from './filters.ts';
import { addInstanceVisibility } from './instances.repo.ts';
import { addVariableFilters, type VariableFilter } from './variable-filter.ts';

/**
 * Camunda's execution query over the execution rows: the process instance itself (its id is
 * the instance's) and one row per activity instance, multi-instance body and scope. Completed
 * sub-processes kept only for compensation are not executions any more and never show.
 */
export interface ExecutionQuery {
  executionId?: string;
  processInstanceId?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  businessKey?: string;
  /** the execution is at this activity (the process instance row: at the process's id) */
  activityId?: string;
  /** the execution waits for a message / signal of this name */
  messageEventSubscriptionName?: string;
  signalEventSubscriptionName?: string;
  active?: boolean;
  suspended?: boolean;
  incidentId?: string;
  incidentType?: string;
  incidentMessage?: string;
  incidentMessageLike?: string;
  /** variables local to the execution */
  variables?: VariableFilter[];
  /** variables of its process instance */
  processVariables?: VariableFilter[];
  variableNamesIgnoreCase?: boolean;
  variableValuesIgnoreCase?: boolean;
  /** only executions of instances this user may see (see InstanceQuery.visibleTo) */
  visibleTo?: { userId: string; groups: string[] };
  sort?: { by: ExecutionSortKey; order?: 'asc' | 'desc' }[];
  first?: number;
  max?: number;
}

export type ExecutionSortKey = 'instanceId' | 'definitionKey' | 'definitionId';

export interface ExecutionDetail {
  id: string;
  processInstanceId: string;
  parentId: string | null;
  activityId: string;
  kind: string;
  state: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  businessKey: string | null;
  suspended: boolean;
}

const SORT: Record<ExecutionSortKey, string> = { instanceId: 'e.instance_id', definitionKey: 'p.definition_key', definitionId: 'p.definition_id' };

function where(q: ExecutionQuery): Where {
  const w = new Where().clause(`e.kind <> 'event-scope'`);
  const sub = (type: string, name: string | undefined) =>
    w.add(`EXISTS (SELECT 1 FROM event_subscriptions s WHERE s.execution_id = e.id AND s.type = '${type}' AND s.event_name = :v)`, name);
  const incident = (col: string, op: string, v: string | undefined) =>
    w.add(`EXISTS (SELECT 1 FROM incidents i WHERE i.execution_id = e.id AND i.${col} ${op} :v)`, v);
  w.add('e.id = :v', q.executionId)
    .add('e.instance_id = :v', q.processInstanceId)
    .add('p.definition_id = :v', q.processDefinitionId)
    .add('p.definition_key = :v', q.processDefinitionKey)
    .add('p.business_key = :v', q.businessKey)
    .add('e.element_id = :v', q.activityId);
  sub('message', q.messageEventSubscriptionName);
  sub('signal', q.signalEventSubscriptionName);
  incident('id', '=', q.incidentId);
  incident('type', '=', q.incidentType);
  incident('message', '=', q.incidentMessage);
  incident('message', 'LIKE', q.incidentMessageLike);
  if (q.active) w.clause(`p.state <> 'suspended'`);
  if (q.suspended) w.clause(`p.state = 'suspended'`);
  if (q.visibleTo) addInstanceVisibility(w, 'p.id', 'p.start_user_id', q.visibleTo);
  const m = { namesIgnoreCase: q.variableNamesIgnoreCase, valuesIgnoreCase: q.variableValuesIgnoreCase };
  addVariableFilters(w, 'e.id', q.variables, m);
  addVariableFilters(w, 'p.id', q.processVariables, m);
  return w;
}

const FROM = 'FROM executions e JOIN process_instances p ON p.id = e.instance_id';

function toDetail(r: Record<string, unknown>): ExecutionDetail {
  return {
    id: r.id as string,
    processInstanceId: r.instance_id as string,
    parentId: r.parent_id as string | null,
    activityId: r.element_id as string,
    kind: r.kind as string,
    state: r.state as string,
    processDefinitionId: r.definition_id as string,
    processDefinitionKey: r.definition_key as string,
    businessKey: r.business_key as string | null,
    suspended: r.instance_state === 'suspended',
  };
}

export async function queryExecutions(db: Db, q: ExecutionQuery = {}): Promise<ExecutionDetail[]> {
  const w = where(q);
  const keys = (q.sort ?? []).filter((s) => SORT[s.by]).map((s) => `${SORT[s.by]} ${s.order === 'desc' ? 'DESC' : 'ASC'}`);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT e.id, e.instance_id, e.parent_id, e.element_id, e.kind, e.state, p.definition_id, p.definition_key, p.business_key, p.state AS instance_state
       ${FROM} ${w.toString()} ORDER BY ${[...keys, 'e.instance_id', 'e.id'].join(', ')} ${w.page(q.first, q.max)}`,
    w.params,
  );
  return rows.map(toDetail);
}

export async function countExecutions(db: Db, q: ExecutionQuery = {}): Promise<number> {
  const w = where(q);
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${FROM} ${w.toString()}`, w.params);
  return r?.n ?? 0;
}

export async function getExecution(db: Db, id: string): Promise<ExecutionDetail | null> {
  const [r] = await queryExecutions(db, { executionId: id, max: 1 });
  return r ?? null;
}
