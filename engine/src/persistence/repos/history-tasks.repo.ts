import type { Db } from '../db.ts';
import { Where } from './filters.ts';
import { ms, orderBy, pageOf, visibleInstance, type HistoryViewer, type SortBy } from './history-query.ts';

// ---- tasks

export interface HistoricTask {
  id: string;
  processInstanceId: string;
  processDefinitionId: string | null;
  processDefinitionKey: string;
  rootProcessInstanceId: string | null;
  executionId: string;
  /** the user task's activity instance (its execution) */
  activityInstanceId: string;
  taskDefinitionKey: string;
  name: string | null;
  /** kept while the task is open; history does not keep it */
  description: string | null;
  assignee: string | null;
  owner: string | null;
  priority: number | null;
  due: Date | null;
  /** kept while the task is open; history does not keep it */
  followUp: Date | null;
  startTime: Date;
  endTime: Date | null;
  durationInMillis: number | null;
  deleteReason: string | null;
  /** the assignee the model named when EngineOptions.taskAssignment redirected the task, else null */
  originalAssignee: string | null;
  /** the hook's reason for that redirect, else null */
  assignmentNote: string | null;
}

export type HistoricTaskSortKey =
  | 'taskId'
  | 'activityInstanceId'
  | 'processDefinitionId'
  | 'processInstanceId'
  | 'executionId'
  | 'duration'
  | 'endTime'
  | 'startTime'
  | 'taskName'
  | 'taskDescription'
  | 'assignee'
  | 'owner'
  | 'dueDate'
  | 'followUpDate'
  | 'deleteReason'
  | 'taskDefinitionKey'
  | 'priority';

export interface HistoricTaskQuery {
  taskId?: string;
  processInstanceId?: string;
  processInstanceIds?: string[];
  processInstanceBusinessKey?: string;
  executionId?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  taskName?: string;
  taskNameLike?: string;
  taskDefinitionKey?: string;
  taskDefinitionKeys?: string[];
  taskAssignee?: string;
  taskAssigneeLike?: string;
  taskOwner?: string;
  taskPriority?: number;
  assigned?: boolean;
  finished?: boolean;
  processFinished?: boolean;
  deleteReason?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  startedBefore?: Date;
  startedAfter?: Date;
  finishedBefore?: Date;
  finishedAfter?: Date;
  /** assignee or owner */
  involvedUser?: string;
  visibleTo?: HistoryViewer;
  sort?: SortBy<HistoricTaskSortKey>;
  first?: number;
  max?: number;
}

const TASK_SORT: Record<HistoricTaskSortKey, string> = {
  taskId: 'h.id',
  activityInstanceId: 'h.execution_id',
  processDefinitionId: 'p.definition_id',
  processInstanceId: 'h.instance_id',
  executionId: 'h.execution_id',
  duration: '(h.end_time - h.start_time)',
  endTime: 'h.end_time',
  startTime: 'h.start_time',
  taskName: 'h.name',
  taskDescription: 't.description',
  assignee: 'h.assignee',
  owner: 'h.owner',
  dueDate: 'h.due_date',
  followUpDate: 't.follow_up_date',
  deleteReason: 'h.delete_reason',
  taskDefinitionKey: 'h.element_id',
  priority: 'h.priority',
};

const TASK_FROM = `hist_tasks h
  LEFT JOIN hist_process_instances p ON p.id = h.instance_id
  LEFT JOIN tasks t ON t.id = h.id`;

function taskWhere(q: HistoricTaskQuery): Where {
  const w = new Where()
    .add('h.id = :v', q.taskId)
    .add('h.instance_id = :v', q.processInstanceId)
    .add('h.instance_id = ANY(:v::text[])', q.processInstanceIds)
    .add('p.business_key = :v', q.processInstanceBusinessKey)
    .add('h.execution_id = :v', q.executionId)
    .add('p.definition_id = :v', q.processDefinitionId)
    .add('h.definition_key = :v', q.processDefinitionKey)
    .add('lower(h.name) = lower(:v)', q.taskName)
    .add('h.name ILIKE :v', q.taskNameLike)
    .add('h.element_id = :v', q.taskDefinitionKey)
    .add('h.element_id = ANY(:v::text[])', q.taskDefinitionKeys)
    .add('h.assignee = :v', q.taskAssignee)
    .add('h.assignee LIKE :v', q.taskAssigneeLike)
    .add('h.owner = :v', q.taskOwner)
    .add('h.priority = :v', q.taskPriority)
    .add('h.delete_reason = :v', q.deleteReason)
    .add('h.due_date < :v', q.dueBefore)
    .add('h.due_date > :v', q.dueAfter)
    .add('h.start_time < :v', q.startedBefore)
    .add('h.start_time > :v', q.startedAfter)
    .add('h.end_time < :v', q.finishedBefore)
    .add('h.end_time > :v', q.finishedAfter);
  if (q.assigned === true) w.clause('h.assignee IS NOT NULL');
  if (q.assigned === false) w.clause('h.assignee IS NULL');
  if (q.finished === true) w.clause('h.end_time IS NOT NULL');
  if (q.finished === false) w.clause('h.end_time IS NULL');
  if (q.processFinished === true) w.clause('p.end_time IS NOT NULL');
  if (q.processFinished === false) w.clause('p.end_time IS NULL');
  if (q.involvedUser !== undefined) w.clause('(h.assignee = :v OR h.owner = :v)', q.involvedUser, q.involvedUser);
  visibleInstance(w, 'h.instance_id', 'p.start_user_id', q.visibleTo);
  return w;
}

export async function listHistoricTasks(db: Db, q: HistoricTaskQuery = {}): Promise<HistoricTask[]> {
  const w = taskWhere(q);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT h.*, p.definition_id AS def_id, p.root_instance_id AS root_id, t.description AS live_description, t.follow_up_date AS live_follow_up
     FROM ${TASK_FROM} ${w.toString()} ${orderBy(TASK_SORT, q.sort, 'h.start_time, h.id')} ${pageOf(w, q)}`,
    w.params,
  );
  return rows.map((r) => ({
    id: r.id as string,
    processInstanceId: r.instance_id as string,
    processDefinitionId: (r.def_id as string | null) ?? null,
    processDefinitionKey: r.definition_key as string,
    rootProcessInstanceId: (r.root_id as string | null) ?? null,
    executionId: r.execution_id as string,
    activityInstanceId: r.execution_id as string,
    taskDefinitionKey: r.element_id as string,
    name: r.name as string | null,
    description: (r.live_description as string | null) ?? null,
    assignee: r.assignee as string | null,
    owner: r.owner as string | null,
    priority: r.priority as number | null,
    due: r.due_date as Date | null,
    followUp: (r.live_follow_up as Date | null) ?? null,
    startTime: r.start_time as Date,
    endTime: r.end_time as Date | null,
    durationInMillis: ms(r.start_time as Date, r.end_time as Date | null),
    deleteReason: r.delete_reason as string | null,
    originalAssignee: (r.original_assignee as string | null) ?? null,
    assignmentNote: (r.assignment_note as string | null) ?? null,
  }));
}

export async function countHistoricTasks(db: Db, q: HistoricTaskQuery = {}): Promise<number> {
  const w = taskWhere(q);
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${TASK_FROM} ${w.toString()}`, w.params);
  return r?.n ?? 0;
}

