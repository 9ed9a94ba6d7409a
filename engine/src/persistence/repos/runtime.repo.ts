import type { Db } from '../db.ts';
import { Where } from './filters.ts';

/** Plain reads of runtime rows for tests, monitoring and the REST layer. */
export interface ExecutionInfo {
  id: string;
  processInstanceId: string;
  parentId: string | null;
  activityId: string;
  kind: string;
  state: string;
}

export async function listExecutions(db: Db, processInstanceId: string): Promise<ExecutionInfo[]> {
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM executions WHERE instance_id = $1 ORDER BY id`, [processInstanceId]);
  return rows.map((r) => ({
    id: r.id as string,
    processInstanceId: r.instance_id as string,
    parentId: r.parent_id as string | null,
    activityId: r.element_id as string,
    kind: r.kind as string,
    state: r.state as string,
  }));
}

export interface SubscriptionInfo {
  id: string;
  eventType: string;
  eventName: string | null;
  processInstanceId: string | null;
  executionId: string | null;
  activityId: string;
  processDefinitionId: string | null;
  created: Date;
}

export async function listSubscriptions(db: Db, q: { processInstanceId?: string; eventType?: string; eventName?: string; processDefinitionId?: string } = {}): Promise<SubscriptionInfo[]> {
  const w = new Where()
    .add('instance_id = :v', q.processInstanceId)
    .add('type = :v', q.eventType)
    .add('event_name = :v', q.eventName)
    .add('definition_id = :v', q.processDefinitionId);
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM event_subscriptions ${w.toString()} ORDER BY id`, w.params);
  return rows.map((r) => ({
    id: r.id as string,
    eventType: r.type as string,
    eventName: r.event_name as string | null,
    processInstanceId: r.instance_id as string | null,
    executionId: r.execution_id as string | null,
    activityId: r.element_id as string,
    processDefinitionId: r.definition_id as string | null,
    created: r.created_at as Date,
  }));
}

export interface JobInfo {
  id: string;
  type: string;
  processInstanceId: string | null;
  executionId: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  activityId: string;
  dueDate: Date;
  retries: number;
  exceptionMessage: string | null;
  lockOwner: string | null;
  lockExpirationTime: Date | null;
}

/** which of these message names have a subscription now (a message start or a waiting execution) */
export async function listenedMessageNames(db: Db, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db.query<{ event_name: string }>(`SELECT DISTINCT event_name FROM event_subscriptions WHERE type = 'message' AND event_name = ANY($1::text[])`, [names]);
  return new Set(rows.map((r) => r.event_name));
}

export async function listJobs(
  db: Db,
  q: { processInstanceId?: string; type?: string; processDefinitionKey?: string; activityId?: string; withRetriesLeft?: boolean; noRetriesLeft?: boolean; dueBefore?: Date } = {},
): Promise<JobInfo[]> {
  const w = new Where()
    .add('instance_id = :v', q.processInstanceId)
    .add('element_id = :v', q.activityId)
    .add('type = :v', q.type)
    .add('definition_key = :v', q.processDefinitionKey)
    .add('due_at <= :v', q.dueBefore);
  if (q.withRetriesLeft) w.clause('retries > 0');
  if (q.noRetriesLeft) w.clause('retries = 0');
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM jobs ${w.toString()} ORDER BY due_at, id`, w.params);
  return rows.map((r) => ({
    id: r.id as string,
    type: r.type as string,
    processInstanceId: r.instance_id as string | null,
    executionId: r.execution_id as string | null,
    processDefinitionId: r.definition_id as string,
    processDefinitionKey: r.definition_key as string,
    activityId: r.element_id as string,
    dueDate: r.due_at as Date,
    retries: r.retries as number,
    exceptionMessage: r.exception_message as string | null,
    lockOwner: r.lock_owner as string | null,
    lockExpirationTime: r.lock_expires_at as Date | null,
  }));
}

export interface IncidentInfo {
  id: string;
  incidentType: string;
  incidentMessage: string | null;
  processInstanceId: string;
  executionId: string | null;
  activityId: string | null;
  processDefinitionId: string;
  jobId: string | null;
  externalTaskId: string | null;
  incidentTimestamp: Date;
}

export async function listIncidents(db: Db, q: { processInstanceId?: string; incidentType?: string } = {}): Promise<IncidentInfo[]> {
  const w = new Where().add('instance_id = :v', q.processInstanceId).add('type = :v', q.incidentType);
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM incidents ${w.toString()} ORDER BY id`, w.params);
  return rows.map((r) => ({
    id: r.id as string,
    incidentType: r.type as string,
    incidentMessage: r.message as string | null,
    processInstanceId: r.instance_id as string,
    executionId: r.execution_id as string | null,
    activityId: r.element_id as string | null,
    processDefinitionId: r.definition_id as string,
    jobId: r.job_id as string | null,
    externalTaskId: r.external_task_id as string | null,
    incidentTimestamp: r.created_at as Date,
  }));
}

export interface ExternalTaskInfo {
  id: string;
  topicName: string;
  workerId: string | null;
  lockExpirationTime: Date | null;
  retries: number | null;
  errorMessage: string | null;
  processInstanceId: string;
  executionId: string;
  activityId: string;
  processDefinitionKey: string;
  businessKey: string | null;
  priority: number;
}

export async function listExternalTasks(db: Db, q: { processInstanceId?: string; topicName?: string; locked?: boolean } = {}): Promise<ExternalTaskInfo[]> {
  const w = new Where().add('instance_id = :v', q.processInstanceId).add('topic = :v', q.topicName);
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM external_tasks ${w.toString()} ORDER BY id`, w.params);
  return rows.map((r) => ({
    id: r.id as string,
    topicName: r.topic as string,
    workerId: r.worker_id as string | null,
    lockExpirationTime: r.lock_expires_at as Date | null,
    retries: r.retries as number | null,
    errorMessage: r.error_message as string | null,
    processInstanceId: r.instance_id as string,
    executionId: r.execution_id as string,
    activityId: r.element_id as string,
    processDefinitionKey: r.definition_key as string,
    businessKey: r.business_key as string | null,
    priority: r.priority as number,
  }));
}

export interface VariableInfo {
  name: string;
  type: string;
  value: unknown;
  scopeId: string;
}

export async function listVariables(db: Db, processInstanceId: string, scopeId?: string): Promise<VariableInfo[]> {
  const w = new Where().add('instance_id = :v', processInstanceId).add('scope_id = :v', scopeId);
  const rows = await db.query<Record<string, unknown>>(`SELECT scope_id, name, type, value FROM variables ${w.toString()} ORDER BY name`, w.params);
  return rows.map((r) => ({ name: r.name as string, type: r.type as string, value: r.value, scopeId: r.scope_id as string }));
}
