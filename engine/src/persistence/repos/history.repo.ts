import type { Db } from '../db.ts';
import { Where } from './filters.ts';

export interface HistoricInstance {
  id: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  startTime: Date;
  endTime: Date | null;
  state: string;
  startActivityId: string | null;
  endActivityId: string | null;
  superProcessInstanceId: string | null;
  deleteReason: string | null;
  /** an error end event's code when nothing caught it */
  errorCode: string | null;
  startUserId: string | null;
}

export async function listHistoricInstances(
  db: Db,
  q: {
    processDefinitionKey?: string;
    processDefinitionId?: string;
    businessKey?: string;
    processInstanceId?: string;
    superProcessInstanceId?: string;
    finished?: boolean;
    /** only instances the user started or worked a task of */
    visibleTo?: { userId: string };
    first?: number;
    max?: number;
  } = {},
): Promise<HistoricInstance[]> {
  const w = new Where()
    .add('definition_id = :v', q.processDefinitionId)
    .add('definition_key = :v', q.processDefinitionKey)
    .add('business_key = :v', q.businessKey)
    .add('id = :v', q.processInstanceId)
    .add('super_instance_id = :v', q.superProcessInstanceId);
  if (q.finished === true) w.clause('end_time IS NOT NULL');
  if (q.finished === false) w.clause('end_time IS NULL');
  if (q.visibleTo) {
    w.clause(
      '(start_user_id = :v OR EXISTS (SELECT 1 FROM hist_tasks h WHERE h.instance_id = hist_process_instances.id AND h.assignee = :v))',
      q.visibleTo.userId,
      q.visibleTo.userId,
    );
  }
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM hist_process_instances ${w.toString()} ORDER BY id ${w.page(q.first, q.max)}`, w.params);
  return rows.map((r) => ({
    id: r.id as string,
    definitionId: r.definition_id as string,
    definitionKey: r.definition_key as string,
    businessKey: r.business_key as string | null,
    startTime: r.start_time as Date,
    endTime: r.end_time as Date | null,
    state: r.state as string,
    startActivityId: r.start_activity_id as string | null,
    endActivityId: r.end_activity_id as string | null,
    superProcessInstanceId: r.super_instance_id as string | null,
    deleteReason: r.delete_reason as string | null,
    errorCode: r.error_code as string | null,
    startUserId: r.start_user_id as string | null,
  }));
}

export interface HistoricActivity {
  id: string;
  processInstanceId: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  activityName: string | null;
  taskId: string | null;
  calledProcessInstanceId: string | null;
  startTime: Date;
  endTime: Date | null;
  state: string;
}

export async function listHistoricActivities(db: Db, q: { processInstanceId?: string; activityId?: string; activityType?: string } = {}): Promise<HistoricActivity[]> {
  const w = new Where().add('instance_id = :v', q.processInstanceId).add('element_id = :v', q.activityId).add('element_type = :v', q.activityType);
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM hist_activity_instances ${w.toString()} ORDER BY seq, id`, w.params);
  return rows.map((r) => ({
    id: r.id as string,
    processInstanceId: r.instance_id as string,
    parentActivityInstanceId: r.parent_id as string | null,
    activityId: r.element_id as string,
    activityType: r.element_type as string,
    activityName: r.element_name as string | null,
    taskId: r.task_id as string | null,
    calledProcessInstanceId: r.called_instance_id as string | null,
    startTime: r.start_time as Date,
    endTime: r.end_time as Date | null,
    state: r.state as string,
  }));
}

export interface HistoricVariableUpdate {
  id: string;
  processInstanceId: string;
  scopeId: string;
  name: string;
  type: string;
  value: unknown;
  operation: string;
  revision: number;
  time: Date;
}

export async function listHistoricVariableUpdates(db: Db, q: { processInstanceId?: string; name?: string } = {}): Promise<HistoricVariableUpdate[]> {
  const w = new Where().add('instance_id = :v', q.processInstanceId).add('name = :v', q.name);
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM hist_variable_updates ${w.toString()} ORDER BY seq, id`, w.params);
  return rows.map((r) => ({
    id: r.id as string,
    processInstanceId: r.instance_id as string,
    scopeId: r.scope_id as string,
    name: r.name as string,
    type: r.type as string,
    value: r.value,
    operation: r.op as string,
    revision: r.rev as number,
    time: r.time as Date,
  }));
}

export interface HistoricTask {
  id: string;
  processInstanceId: string;
  taskDefinitionKey: string;
  name: string | null;
  assignee: string | null;
  startTime: Date;
  endTime: Date | null;
  deleteReason: string | null;
}

export async function listHistoricTasks(db: Db, q: { processInstanceId?: string; taskDefinitionKey?: string; finished?: boolean } = {}): Promise<HistoricTask[]> {
  const w = new Where().add('instance_id = :v', q.processInstanceId).add('element_id = :v', q.taskDefinitionKey);
  if (q.finished === true) w.clause('end_time IS NOT NULL');
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM hist_tasks ${w.toString()} ORDER BY start_time, id`, w.params);
  return rows.map((r) => ({
    id: r.id as string,
    processInstanceId: r.instance_id as string,
    taskDefinitionKey: r.element_id as string,
    name: r.name as string | null,
    assignee: r.assignee as string | null,
    startTime: r.start_time as Date,
    endTime: r.end_time as Date | null,
    deleteReason: r.delete_reason as string | null,
  }));
}

export interface HistoricVariableInstance {
  id: string;
  processInstanceId: string;
  scopeId: string;
  name: string;
  type: string;
  value: unknown;
  /** 'CREATED' while it exists, 'DELETED' once removed */
  state: string;
  time: Date;
}

/** the last known value of every variable (Camunda's historic variable instances), ended instances included */
export async function listHistoricVariableInstances(db: Db, q: { processInstanceId?: string; name?: string; first?: number; max?: number } = {}): Promise<HistoricVariableInstance[]> {
  const w = new Where().add('instance_id = :v', q.processInstanceId).add('name = :v', q.name);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM (SELECT DISTINCT ON (scope_id, name) * FROM hist_variable_updates ${w.toString()} ORDER BY scope_id, name, seq DESC) v ORDER BY time, name ${w.page(q.first, q.max)}`,
    w.params,
  );
  return rows.map((r) => ({
    id: `${r.scope_id as string}:${r.name as string}`,
    processInstanceId: r.instance_id as string,
    scopeId: r.scope_id as string,
    name: r.name as string,
    type: r.type as string,
    value: r.value,
    state: r.op === 'delete' ? 'DELETED' : 'CREATED',
    time: r.time as Date,
  }));
}
