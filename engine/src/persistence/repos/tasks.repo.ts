import type { Db } from '../db.ts';
import { Where } from './filters.ts';

export interface TaskQuery {
  processInstanceId?: string;
  processDefinitionKey?: string;
  processDefinitionId?: string;
  taskDefinitionKey?: string;
  executionId?: string;
  assignee?: string;
  unassigned?: boolean;
  candidateUser?: string;
  candidateGroup?: string;
  /** tasks a user may work on: assigned to them, or candidate by user or by one of the groups */
  involvedUser?: { userId: string; groups: string[] };
  businessKey?: string;
  nameLike?: string;
  first?: number;
  max?: number;
  // ---- the rest of Camunda's TaskQuery (the REST layer's filters)
  taskId?: string;
  taskIds?: string[];
  processInstanceIds?: string[];
  processDefinitionKeys?: string[];
  taskDefinitionKeys?: string[];
  taskDefinitionKeyLike?: string;
  assigneeLike?: string;
  assignees?: string[];
  /** true: only assigned tasks; false: only unassigned ones */
  assigned?: boolean;
  owner?: string;
  name?: string;
  description?: string;
  descriptionLike?: string;
  businessKeyLike?: string;
  /** any of these candidate groups */
  candidateGroups?: string[];
  /** Camunda's candidateUser: a candidate by name or by one of the user's groups */
  candidateOf?: { userId: string; groups: string[] };
  withCandidateGroups?: boolean;
  withoutCandidateGroups?: boolean;
  withCandidateUsers?: boolean;
  withoutCandidateUsers?: boolean;
  /** Camunda's involvedUser: the user is assignee, owner or a candidate user */
  involved?: string;
  /** the tasks a user may see: assignee, owner, candidate by name or by one of the groups */
  visibleTo?: { userId: string; groups: string[] };
  delegationState?: 'PENDING' | 'RESOLVED';
  priority?: number;
  minPriority?: number;
  maxPriority?: number;
  dueBefore?: Date;
  dueAfter?: Date;
  withoutDueDate?: boolean;
  followUpBefore?: Date;
  followUpAfter?: Date;
  createdBefore?: Date;
  createdAfter?: Date;
  /** ordering, first key first; default created, id */
  sort?: { by: TaskSortKey; order?: 'asc' | 'desc' }[];
}

export type TaskSortKey = 'id' | 'instanceId' | 'executionId' | 'dueDate' | 'followUpDate' | 'assignee' | 'created' | 'description' | 'name' | 'nameCaseInsensitive' | 'priority';

const SORT: Record<TaskSortKey, string> = {
  id: 'id',
  instanceId: 'instance_id',
  executionId: 'execution_id',
  dueDate: 'due_date',
  followUpDate: 'follow_up_date',
  assignee: 'assignee',
  created: 'created_at',
  description: 'description',
  name: 'name',
  nameCaseInsensitive: 'lower(name)',
  priority: 'priority',
};

function orderBy(sort: TaskQuery['sort']): string {
  const keys = (sort ?? []).filter((s) => SORT[s.by]).map((s) => `${SORT[s.by]} ${s.order === 'desc' ? 'DESC' : 'ASC'}`);
  return `ORDER BY ${[...keys, 'created_at', 'id'].join(', ')}`;
}

export interface TaskInfo {
  id: string;
  name: string | null;
  description: string | null;
  assignee: string | null;
  owner: string | null;
  /** PENDING while delegated, RESOLVED once the delegate resolved it, else null */
  delegationState: 'PENDING' | 'RESOLVED' | null;
  priority: number;
  due: Date | null;
  followUp: Date | null;
  created: Date;
  formKey: string | null;
  processInstanceId: string;
  executionId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  taskDefinitionKey: string;
  businessKey: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  /** the assignee the model named when EngineOptions.taskAssignment redirected the task, else null */
  originalAssignee: string | null;
  /** the hook's reason for that redirect, else null */
  assignmentNote: string | null;
}

function toInfo(r: Record<string, unknown>): TaskInfo {
  return {
    id: r.id as string,
    name: r.name as string | null,
    description: r.description as string | null,
    assignee: r.assignee as string | null,
    owner: r.owner as string | null,
    delegationState: (r.delegation_state as 'PENDING' | 'RESOLVED' | null) ?? null,
    priority: r.priority as number,
    due: r.due_date as Date | null,
    followUp: r.follow_up_date as Date | null,
    created: r.created_at as Date,
    formKey: r.form_key as string | null,
    processInstanceId: r.instance_id as string,
    executionId: r.execution_id as string,
    processDefinitionId: r.definition_id as string,
    processDefinitionKey: r.definition_key as string,
    taskDefinitionKey: r.element_id as string,
    businessKey: r.business_key as string | null,
    candidateUsers: (r.candidate_users as string[] | null) ?? [],
    candidateGroups: (r.candidate_groups as string[] | null) ?? [],
    originalAssignee: (r.original_assignee as string | null) ?? null,
    assignmentNote: (r.assignment_note as string | null) ?? null,
  };
}

function where(q: TaskQuery): Where {
  const w = new Where()
    .add('instance_id = :v', q.processInstanceId)
    .add('definition_key = :v', q.processDefinitionKey)
    .add('definition_id = :v', q.processDefinitionId)
    .add('element_id = :v', q.taskDefinitionKey)
    .add('execution_id = :v', q.executionId)
    .add('assignee = :v', q.assignee)
    .add('business_key = :v', q.businessKey)
    .add('name ILIKE :v', q.nameLike)
    .add('candidate_users ? :v', q.candidateUser)
    .add('candidate_groups ? :v', q.candidateGroup);
  if (q.unassigned) w.clause('assignee IS NULL');
  if (q.involvedUser) {
    w.clause('(assignee = :v OR candidate_users ? :v OR candidate_groups ?| :v::text[])', q.involvedUser.userId, q.involvedUser.userId, q.involvedUser.groups);
  }
  w.add('id = :v', q.taskId)
    .add('id = ANY(:v::text[])', q.taskIds)
    .add('instance_id = ANY(:v::text[])', q.processInstanceIds)
    .add('definition_key = ANY(:v::text[])', q.processDefinitionKeys)
    .add('element_id = ANY(:v::text[])', q.taskDefinitionKeys)
    .add('element_id LIKE :v', q.taskDefinitionKeyLike)
    .add('assignee LIKE :v', q.assigneeLike)
    .add('assignee = ANY(:v::text[])', q.assignees)
    .add('owner = :v', q.owner)
    .add('lower(name) = lower(:v)', q.name)
    .add('lower(description) = lower(:v)', q.description)
    .add('description ILIKE :v', q.descriptionLike)
    .add('business_key LIKE :v', q.businessKeyLike)
    .add('candidate_groups ?| :v::text[]', q.candidateGroups)
    .add('delegation_state = :v', q.delegationState)
    .add('priority = :v', q.priority)
    .add('priority >= :v', q.minPriority)
    .add('priority <= :v', q.maxPriority)
    .add('due_date < :v', q.dueBefore)
    .add('due_date > :v', q.dueAfter)
    .add('follow_up_date < :v', q.followUpBefore)
    .add('follow_up_date > :v', q.followUpAfter)
    .add('created_at < :v', q.createdBefore)
    .add('created_at > :v', q.createdAfter);
  if (q.assigned === true) w.clause('assignee IS NOT NULL');
  if (q.assigned === false) w.clause('assignee IS NULL');
  if (q.withoutDueDate) w.clause('due_date IS NULL');
  const some = (col: string) => `jsonb_array_length(coalesce(${col}, '[]'::jsonb)) > 0`;
  if (q.withCandidateGroups) w.clause(some('candidate_groups'));
  if (q.withoutCandidateGroups) w.clause(`NOT ${some('candidate_groups')}`);
  if (q.withCandidateUsers) w.clause(some('candidate_users'));
  if (q.withoutCandidateUsers) w.clause(`NOT ${some('candidate_users')}`);
  if (q.candidateOf) {
    w.clause('(candidate_users ? :v OR candidate_groups ?| :v::text[])', q.candidateOf.userId, q.candidateOf.groups);
  }
  if (q.involved !== undefined) w.clause('(assignee = :v OR owner = :v OR candidate_users ? :v)', q.involved, q.involved, q.involved);
  if (q.visibleTo) {
    w.clause(
      '(assignee = :v OR owner = :v OR candidate_users ? :v OR candidate_groups ?| :v::text[])',
      q.visibleTo.userId,
      q.visibleTo.userId,
      q.visibleTo.userId,
      q.visibleTo.groups,
    );
  }
  return w;
}

export async function listTasks(db: Db, q: TaskQuery = {}): Promise<TaskInfo[]> {
  const w = where(q);
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM tasks ${w.toString()} ${orderBy(q.sort)} ${w.page(q.first, q.max)}`, w.params);
  return rows.map(toInfo);
}

export async function countTasks(db: Db, q: TaskQuery = {}): Promise<number> {
  const w = where(q);
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks ${w.toString()}`, w.params);
  return r?.n ?? 0;
}

export async function getTask(db: Db, id: string): Promise<TaskInfo | null> {
  const [r] = await db.query<Record<string, unknown>>(`SELECT * FROM tasks WHERE id = $1`, [id]);
  return r ? toInfo(r) : null;
}
