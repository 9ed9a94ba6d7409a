import type { Db } from '../db.ts';
import { Where } from './filters.ts';
import { ms, orderBy, pageOf, visibleInstance, type HistoryViewer, type SortBy } from './history-query.ts';

// ---- process instances

export interface HistoricInstance {
  id: string;
  definitionId: string;
  definitionKey: string;
  /** the definition's name and version (null when the definition was deleted) */
  definitionName: string | null;
  definitionVersion: number | null;
  businessKey: string | null;
  startTime: Date;
  endTime: Date | null;
  durationInMillis: number | null;
  /** ACTIVE, SUSPENDED, COMPLETED, EXTERNALLY_TERMINATED or INTERNALLY_TERMINATED */
  state: string;
  startActivityId: string | null;
  endActivityId: string | null;
  superProcessInstanceId: string | null;
  rootProcessInstanceId: string;
  deleteReason: string | null;
  /** an error end event's code when nothing caught it */
  errorCode: string | null;
  startUserId: string | null;
}

export type HistoricInstanceSortKey = 'instanceId' | 'definitionId' | 'definitionKey' | 'definitionName' | 'definitionVersion' | 'businessKey' | 'startTime' | 'endTime' | 'duration';

export interface HistoricInstanceQuery {
  processDefinitionKey?: string;
  processDefinitionKeys?: string[];
  processDefinitionKeyNotIn?: string[];
  processDefinitionId?: string;
  businessKey?: string;
  businessKeyLike?: string;
  processInstanceId?: string;
  processInstanceIds?: string[];
  superProcessInstanceId?: string;
  finished?: boolean;
  state?: 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED';
  /** any of these stored states (ACTIVE, COMPLETED, EXTERNALLY_TERMINATED, INTERNALLY_TERMINATED) */
  states?: ('ACTIVE' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED')[];
  /** true: the instance has an open incident; false: it has none */
  withIncident?: boolean;
  startedBy?: string;
  startedBefore?: Date;
  startedAfter?: Date;
  finishedBefore?: Date;
  finishedAfter?: Date;
  /** only instances the user started or took part in */
  visibleTo?: HistoryViewer;
  sort?: SortBy<HistoricInstanceSortKey>;
  first?: number;
  max?: number;
}

const INSTANCE_SORT: Record<HistoricInstanceSortKey, string> = {
  instanceId: 'p.id',
  definitionId: 'p.definition_id',
  definitionKey: 'p.definition_key',
  definitionName: 'd.name',
  definitionVersion: 'd.version',
  businessKey: 'p.business_key',
  startTime: 'p.start_time',
  endTime: 'p.end_time',
  duration: '(p.end_time - p.start_time)',
};

const INSTANCE_FROM = `hist_process_instances p
  LEFT JOIN process_definitions d ON d.id = p.definition_id
  LEFT JOIN process_instances r ON r.id = p.id`;

function instanceWhere(q: HistoricInstanceQuery): Where {
  const w = new Where()
    .add('p.definition_id = :v', q.processDefinitionId)
    .add('p.definition_key = :v', q.processDefinitionKey)
    .add('p.definition_key = ANY(:v::text[])', q.processDefinitionKeys)
    .add('NOT (p.definition_key = ANY(:v::text[]))', q.processDefinitionKeyNotIn)
    .add('p.business_key = :v', q.businessKey)
    .add('p.business_key LIKE :v', q.businessKeyLike)
    .add('p.id = :v', q.processInstanceId)
    .add('p.id = ANY(:v::text[])', q.processInstanceIds)
    .add('p.super_instance_id = :v', q.superProcessInstanceId)
    .add('p.start_user_id = :v', q.startedBy)
    .add('p.start_time < :v', q.startedBefore)
    .add('p.start_time > :v', q.startedAfter)
    .add('p.end_time < :v', q.finishedBefore)
    .add('p.end_time > :v', q.finishedAfter);
  if (q.finished === true) w.clause('p.end_time IS NOT NULL');
  if (q.finished === false) w.clause('p.end_time IS NULL');
  if (q.state === 'SUSPENDED') w.clause(`p.state = 'ACTIVE' AND r.state = 'suspended'`);
  else if (q.state === 'ACTIVE') w.clause(`p.state = 'ACTIVE' AND r.state IS DISTINCT FROM 'suspended'`);
  else if (q.state) w.clause('p.state = :v', q.state);
  if (q.states) w.clause('p.state = ANY(:v::text[])', q.states);
  if (q.withIncident === true) w.clause('EXISTS (SELECT 1 FROM incidents i WHERE i.instance_id = p.id)');
  if (q.withIncident === false) w.clause('NOT EXISTS (SELECT 1 FROM incidents i WHERE i.instance_id = p.id)');
  visibleInstance(w, 'p.id', 'p.start_user_id', q.visibleTo);
  return w;
}

export async function listHistoricInstances(db: Db, q: HistoricInstanceQuery = {}): Promise<HistoricInstance[]> {
  const w = instanceWhere(q);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT p.*, d.name AS def_name, d.version AS def_version, r.state AS run_state FROM ${INSTANCE_FROM} ${w.toString()} ${orderBy(INSTANCE_SORT, q.sort, 'p.id')} ${w.page(q.first, q.max)}`,
    w.params,
  );
  return rows.map((r) => ({
    id: r.id as string,
    definitionId: r.definition_id as string,
    definitionKey: r.definition_key as string,
    definitionName: (r.def_name as string | null) ?? null,
    definitionVersion: (r.def_version as number | null) ?? null,
    businessKey: r.business_key as string | null,
    startTime: r.start_time as Date,
    endTime: r.end_time as Date | null,
    durationInMillis: ms(r.start_time as Date, r.end_time as Date | null),
    state: r.state === 'ACTIVE' && r.run_state === 'suspended' ? 'SUSPENDED' : (r.state as string),
    startActivityId: r.start_activity_id as string | null,
    endActivityId: r.end_activity_id as string | null,
    superProcessInstanceId: r.super_instance_id as string | null,
    rootProcessInstanceId: r.root_instance_id as string,
    deleteReason: r.delete_reason as string | null,
    errorCode: r.error_code as string | null,
    startUserId: r.start_user_id as string | null,
  }));
}

export async function countHistoricInstances(db: Db, q: HistoricInstanceQuery = {}): Promise<number> {
  const w = instanceWhere(q);
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${INSTANCE_FROM} ${w.toString()}`, w.params);
  return r?.n ?? 0;
}

// ---- activity instances

export interface HistoricActivity {
  id: string;
  processInstanceId: string;
  processDefinitionId: string | null;
  processDefinitionKey: string | null;
  rootProcessInstanceId: string | null;
  /** the execution the activity ran in (an activity instance is one execution here) */
  executionId: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  activityName: string | null;
  taskId: string | null;
  /** the assignee of the activity's user task */
  assignee: string | null;
  calledProcessInstanceId: string | null;
  startTime: Date;
  endTime: Date | null;
  durationInMillis: number | null;
  /** active, completed or canceled */
  state: string;
  canceled: boolean;
  /** an end event that completed its scope */
  completeScope: boolean;
}

export type HistoricActivitySortKey =
  | 'activityInstanceId'
  | 'instanceId'
  | 'executionId'
  | 'activityId'
  | 'activityName'
  | 'activityType'
  | 'startTime'
  | 'endTime'
  | 'duration'
  | 'definitionId'
  | 'occurrence';

export interface HistoricActivityQuery {
  activityInstanceId?: string;
  processInstanceId?: string;
  processDefinitionId?: string;
  executionId?: string;
  activityId?: string;
  activityName?: string;
  activityType?: string;
  taskAssignee?: string;
  finished?: boolean;
  canceled?: boolean;
  completeScope?: boolean;
  startedBefore?: Date;
  startedAfter?: Date;
  finishedBefore?: Date;
  finishedAfter?: Date;
  visibleTo?: HistoryViewer;
  sort?: SortBy<HistoricActivitySortKey>;
  first?: number;
  max?: number;
}

const ACTIVITY_SORT: Record<HistoricActivitySortKey, string> = {
  activityInstanceId: 'a.id',
  instanceId: 'a.instance_id',
  executionId: 'a.id',
  activityId: 'a.element_id',
  activityName: 'a.element_name',
  activityType: 'a.element_type',
  startTime: 'a.start_time',
  endTime: 'a.end_time',
  duration: '(a.end_time - a.start_time)',
  definitionId: 'p.definition_id',
  occurrence: 'a.seq',
};

const ACTIVITY_FROM = `hist_activity_instances a
  LEFT JOIN hist_process_instances p ON p.id = a.instance_id
  LEFT JOIN hist_tasks h ON h.id = a.task_id`;

const COMPLETES_SCOPE = `(a.state = 'completed' AND a.element_type ILIKE '%endEvent')`;

function activityWhere(q: HistoricActivityQuery): Where {
  const w = new Where()
    .add('a.id = :v', q.activityInstanceId)
    .add('a.instance_id = :v', q.processInstanceId)
    .add('p.definition_id = :v', q.processDefinitionId)
    .add('a.id = :v', q.executionId)
    .add('a.element_id = :v', q.activityId)
    .add('a.element_name = :v', q.activityName)
    .add('a.element_type = :v', q.activityType)
    .add('h.assignee = :v', q.taskAssignee)
    .add('a.start_time < :v', q.startedBefore)
    .add('a.start_time > :v', q.startedAfter)
    .add('a.end_time < :v', q.finishedBefore)
    .add('a.end_time > :v', q.finishedAfter);
  if (q.finished === true) w.clause('a.end_time IS NOT NULL');
  if (q.finished === false) w.clause('a.end_time IS NULL');
  if (q.canceled === true) w.clause(`a.state = 'canceled'`);
  if (q.canceled === false) w.clause(`a.state <> 'canceled'`);
  if (q.completeScope === true) w.clause(COMPLETES_SCOPE);
  if (q.completeScope === false) w.clause(`NOT ${COMPLETES_SCOPE}`);
  visibleInstance(w, 'a.instance_id', 'p.start_user_id', q.visibleTo);
  return w;
}

export async function listHistoricActivities(db: Db, q: HistoricActivityQuery = {}): Promise<HistoricActivity[]> {
  const w = activityWhere(q);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT a.*, p.definition_id AS def_id, p.definition_key AS def_key, p.root_instance_id AS root_id, h.assignee AS task_assignee
     FROM ${ACTIVITY_FROM} ${w.toString()} ${orderBy(ACTIVITY_SORT, q.sort, 'a.seq, a.id')} ${pageOf(w, q)}`,
    w.params,
  );
  return rows.map((r) => ({
    id: r.id as string,
    processInstanceId: r.instance_id as string,
    processDefinitionId: (r.def_id as string | null) ?? null,
    processDefinitionKey: (r.def_key as string | null) ?? null,
    rootProcessInstanceId: (r.root_id as string | null) ?? null,
    executionId: r.id as string,
    parentActivityInstanceId: r.parent_id as string | null,
    activityId: r.element_id as string,
    activityType: r.element_type as string,
    activityName: r.element_name as string | null,
    taskId: r.task_id as string | null,
    assignee: (r.task_assignee as string | null) ?? null,
    calledProcessInstanceId: r.called_instance_id as string | null,
    startTime: r.start_time as Date,
    endTime: r.end_time as Date | null,
    durationInMillis: ms(r.start_time as Date, r.end_time as Date | null),
    state: r.state as string,
    canceled: r.state === 'canceled',
    completeScope: r.state === 'completed' && /endevent$/i.test(r.element_type as string),
  }));
}

export async function countHistoricActivities(db: Db, q: HistoricActivityQuery = {}): Promise<number> {
  const w = activityWhere(q);
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ACTIVITY_FROM} ${w.toString()}`, w.params);
  return r?.n ?? 0;
}

export * from './history-query.ts';
export * from './history-tasks.repo.ts';
export * from './history-variables.repo.ts';
