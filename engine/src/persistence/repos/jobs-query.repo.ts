import type { Db } from '../db.ts';
import { Where } from './filters.ts';
import { orderBy, pageOf, type SortBy } from './history-query.ts';

/** Camunda's job query (ManagementService.createJobQuery) over the jobs table. */
export interface JobDetail {
  id: string;
  /** timer, async-before, async-after */
  type: string;
  processInstanceId: string | null;
  executionId: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  activityId: string;
  dueDate: Date;
  retries: number;
  exceptionMessage: string | null;
  /** the activity whose last run failed (null while the job never failed) */
  failedActivityId: string | null;
  lockOwner: string | null;
  lockExpirationTime: Date | null;
  priority: number;
  suspended: boolean;
  createTime: Date;
}

export type JobSortKey = 'jobId' | 'executionId' | 'processInstanceId' | 'processDefinitionId' | 'processDefinitionKey' | 'jobRetries' | 'jobDueDate' | 'jobPriority';

export interface JobDetailQuery {
  id?: string;
  ids?: string[];
  processInstanceId?: string;
  processInstanceIds?: string[];
  executionId?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  activityId?: string;
  /** only timers */
  timers?: boolean;
  /** only async continuations (Camunda's "messages") */
  messages?: boolean;
  withRetriesLeft?: boolean;
  noRetriesLeft?: boolean;
  /** retries left and due at this time */
  executableAt?: Date;
  withException?: boolean;
  exceptionMessage?: string;
  suspended?: boolean;
  priorityAtLeast?: number;
  priorityAtMost?: number;
  dueAfter?: Date;
  dueBefore?: Date;
  createdAfter?: Date;
  createdBefore?: Date;
  sort?: SortBy<JobSortKey>;
  first?: number;
  max?: number;
}

const SORT: Record<JobSortKey, string> = {
  jobId: 'id',
  executionId: 'execution_id',
  processInstanceId: 'instance_id',
  processDefinitionId: 'definition_id',
  processDefinitionKey: 'definition_key',
  jobRetries: 'retries',
  jobDueDate: 'due_at',
  jobPriority: 'priority',
};

function where(q: JobDetailQuery): Where {
  const w = new Where()
    .add('id = :v', q.id)
    .add('id = ANY(:v::text[])', q.ids)
    .add('instance_id = :v', q.processInstanceId)
    .add('instance_id = ANY(:v::text[])', q.processInstanceIds)
    .add('execution_id = :v', q.executionId)
    .add('definition_id = :v', q.processDefinitionId)
    .add('definition_key = :v', q.processDefinitionKey)
    .add('element_id = :v', q.activityId)
    .add('exception_message = :v', q.exceptionMessage)
    .add('suspended = :v', q.suspended)
    .add('priority >= :v', q.priorityAtLeast)
    .add('priority <= :v', q.priorityAtMost)
    .add('due_at > :v', q.dueAfter)
    .add('due_at < :v', q.dueBefore)
    .add('created_at > :v', q.createdAfter)
    .add('created_at < :v', q.createdBefore);
  if (q.timers) w.clause(`type = 'timer'`);
  if (q.messages) w.clause(`type <> 'timer'`);
  if (q.withRetriesLeft) w.clause('retries > 0');
  if (q.noRetriesLeft) w.clause('retries = 0');
  if (q.withException) w.clause('exception_message IS NOT NULL');
  if (q.executableAt) w.clause('retries > 0 AND due_at <= :v', q.executableAt);
  return w;
}

function toDetail(r: Record<string, unknown>): JobDetail {
  return {
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
    failedActivityId: r.exception_message === null ? null : (r.element_id as string),
    lockOwner: r.lock_owner as string | null,
    lockExpirationTime: r.lock_expires_at as Date | null,
    priority: r.priority as number,
    suspended: r.suspended as boolean,
    createTime: r.created_at as Date,
  };
}

const COLUMNS = `id, type, instance_id, execution_id, definition_id, definition_key, element_id, due_at, retries,
  exception_message, lock_owner, lock_expires_at, priority, suspended, created_at`;

export async function queryJobs(db: Db, q: JobDetailQuery = {}): Promise<JobDetail[]> {
  const w = where(q);
  const rows = await db.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM jobs ${w.toString()} ${orderBy(SORT, q.sort, 'id')} ${pageOf(w, q)}`, w.params);
  return rows.map(toDetail);
}

export async function countJobs(db: Db, q: JobDetailQuery = {}): Promise<number> {
  const w = where(q);
  const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM jobs ${w.toString()}`, w.params);
  return Number(row?.n ?? 0);
}

export async function getJob(db: Db, id: string): Promise<JobDetail | null> {
  const [row] = await db.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
  return row ? toDetail(row) : null;
}

/** the stack trace of the job's last failure; undefined when there is no such job */
export async function getJobStacktrace(db: Db, id: string): Promise<string | null | undefined> {
  const [row] = await db.query<{ s: string | null }>(`SELECT exception_stack AS s FROM jobs WHERE id = $1`, [id]);
  return row ? row.s : undefined;
}
