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
}

export interface TaskInfo {
  id: string;
  name: string | null;
  description: string | null;
  assignee: string | null;
  owner: string | null;
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
}

function toInfo(r: Record<string, unknown>): TaskInfo {
  return {
    id: r.id as string,
    name: r.name as string | null,
    description: r.description as string | null,
    assignee: r.assignee as string | null,
    owner: r.owner as string | null,
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
  return w;
}

export async function listTasks(db: Db, q: TaskQuery = {}): Promise<TaskInfo[]> {
  const w = where(q);
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM tasks ${w.toString()} ORDER BY created_at, id ${w.page(q.first, q.max)}`, w.params);
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
