import type { Db } from '../db.ts';
import { Where } from './filters.ts';
import { addVariableFilters, type VariableFilter } from './variable-filter.ts';

export interface InstanceQuery {
  processDefinitionKey?: string;
  processDefinitionId?: string;
  businessKey?: string;
  superProcessInstanceId?: string;
  processInstanceIds?: string[];
  /**
   * only instances the user started, or in which the user holds or held a task (assignee,
   * owner) or is a candidate (by name or group) for an open one
   */
  visibleTo?: { userId: string; groups: string[] };
  // ---- the rest of Camunda's ProcessInstanceQuery (the REST layer's filters)
  businessKeyLike?: string;
  processDefinitionKeys?: string[];
  processDefinitionKeyNotIn?: string[];
  deploymentId?: string;
  /** the instance that called this one */
  subProcessInstanceId?: string;
  /** true: only running (not suspended) instances */
  active?: boolean;
  suspended?: boolean;
  withIncident?: boolean;
  incidentId?: string;
  incidentType?: string;
  incidentMessage?: string;
  incidentMessageLike?: string;
  /** an activity of the instance is active (Camunda's activityIdIn) */
  activityIds?: string[];
  /** only instances nobody called */
  rootOnly?: boolean;
  /** only instances that call no other instance right now */
  leafOnly?: boolean;
  /** process-instance variables (the instance's own scope) with these values */
  variables?: VariableFilter[];
  variableNamesIgnoreCase?: boolean;
  variableValuesIgnoreCase?: boolean;
  /** ordering, first key first; default id */
  sort?: { by: InstanceSortKey; order?: 'asc' | 'desc' }[];
  first?: number;
  max?: number;
}

export type InstanceSortKey = 'instanceId' | 'definitionKey' | 'definitionId' | 'businessKey';

const SORT: Record<InstanceSortKey, string> = { instanceId: 'id', definitionKey: 'definition_key', definitionId: 'definition_id', businessKey: 'business_key' };

function orderBy(sort: InstanceQuery['sort']): string {
  const keys = (sort ?? []).filter((s) => SORT[s.by]).map((s) => `${SORT[s.by]} ${s.order === 'desc' ? 'DESC' : 'ASC'}`);
  return `ORDER BY ${[...keys, 'id'].join(', ')}`;
}

export interface InstanceInfo {
  id: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  superProcessInstanceId: string | null;
  rootProcessInstanceId: string;
  startTime: Date;
  startUserId: string | null;
  suspended: boolean;
}

function toInfo(r: Record<string, unknown>): InstanceInfo {
  return {
    id: r.id as string,
    definitionId: r.definition_id as string,
    definitionKey: r.definition_key as string,
    businessKey: r.business_key as string | null,
    superProcessInstanceId: r.super_instance_id as string | null,
    rootProcessInstanceId: r.root_instance_id as string,
    startTime: r.start_time as Date,
    startUserId: r.start_user_id as string | null,
    suspended: r.state === 'suspended',
  };
}

/**
 * Who may see an instance (issue 3, "queries only return what the caller may see"): the user
 * who started it, and whoever holds or held a task in it (assignee, owner) or is a candidate
 * for one of its open tasks, by name or by group.
 */
export function addInstanceVisibility(w: Where, instanceCol: string, startUserCol: string, v: { userId: string; groups: string[] }): void {
  w.clause(
    `(${startUserCol} = :v
      OR EXISTS (SELECT 1 FROM tasks vt WHERE vt.instance_id = ${instanceCol} AND (vt.assignee = :v OR vt.owner = :v OR vt.candidate_users ? :v OR vt.candidate_groups ?| :v::text[]))
      OR EXISTS (SELECT 1 FROM hist_tasks vh WHERE vh.instance_id = ${instanceCol} AND (vh.assignee = :v OR vh.owner = :v)))`,
    v.userId,
    v.userId,
    v.userId,
    v.userId,
    v.groups,
    v.userId,
    v.userId,
  );
}

function where(q: InstanceQuery): Where {
  const w = new Where()
    .add('definition_key = :v', q.processDefinitionKey)
    .add('definition_id = :v', q.processDefinitionId)
    .add('business_key = :v', q.businessKey)
    .add('super_instance_id = :v', q.superProcessInstanceId);
  if (q.processInstanceIds) w.clause('id = ANY(:v::text[])', q.processInstanceIds);
  if (q.visibleTo) addInstanceVisibility(w, 'process_instances.id', 'start_user_id', q.visibleTo);
  w.add('business_key LIKE :v', q.businessKeyLike)
    .add('definition_key = ANY(:v::text[])', q.processDefinitionKeys)
    .add('NOT (definition_key = ANY(:v::text[]))', q.processDefinitionKeyNotIn)
    .add('definition_id IN (SELECT d.id FROM process_definitions d WHERE d.deployment_id = :v)', q.deploymentId)
    .add('id = (SELECT s.super_instance_id FROM process_instances s WHERE s.id = :v)', q.subProcessInstanceId)
    .add('id IN (SELECT i.instance_id FROM incidents i WHERE i.id = :v)', q.incidentId)
    .add('id IN (SELECT i.instance_id FROM incidents i WHERE i.type = :v)', q.incidentType)
    .add('id IN (SELECT i.instance_id FROM incidents i WHERE i.message = :v)', q.incidentMessage)
    .add('id IN (SELECT i.instance_id FROM incidents i WHERE i.message LIKE :v)', q.incidentMessageLike)
    .add(`id IN (SELECT e.instance_id FROM executions e WHERE e.element_id = ANY(:v::text[]) AND e.kind <> 'process' AND e.kind <> 'event-scope')`, q.activityIds);
  if (q.active) w.clause(`state <> 'suspended'`);
  if (q.suspended) w.clause(`state = 'suspended'`);
  if (q.withIncident) w.clause('EXISTS (SELECT 1 FROM incidents i WHERE i.instance_id = process_instances.id)');
  if (q.rootOnly) w.clause('super_instance_id IS NULL');
  if (q.leafOnly) w.clause('NOT EXISTS (SELECT 1 FROM process_instances c WHERE c.super_instance_id = process_instances.id)');
  addVariableFilters(w, 'process_instances.id', q.variables, { namesIgnoreCase: q.variableNamesIgnoreCase, valuesIgnoreCase: q.variableValuesIgnoreCase });
  return w;
}

export async function listInstances(db: Db, q: InstanceQuery = {}): Promise<InstanceInfo[]> {
  const w = where(q);
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM process_instances ${w.toString()} ${orderBy(q.sort)} ${w.page(q.first, q.max)}`, w.params);
  return rows.map(toInfo);
}

export async function countInstances(db: Db, q: InstanceQuery = {}): Promise<number> {
  const w = where(q);
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM process_instances ${w.toString()}`, w.params);
  return r?.n ?? 0;
}

export async function getInstance(db: Db, id: string): Promise<InstanceInfo | null> {
  const [r] = await db.query<Record<string, unknown>>(`SELECT * FROM process_instances WHERE id = $1`, [id]);
  return r ? toInfo(r) : null;
}
