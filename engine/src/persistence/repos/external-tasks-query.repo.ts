import type { Db } from '../db.ts';
import { Where } from './filters.ts';
import { orderBy, pageOf, type SortBy } from './history-query.ts';

/** Camunda's external task query (ExternalTaskService.createExternalTaskQuery). */
export interface ExternalTaskDetail {
  id: string;
  topicName: string;
  workerId: string | null;
  lockExpirationTime: Date | null;
  retries: number | null;
  errorMessage: string | null;
  processInstanceId: string;
  executionId: string;
  activityId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersionTag: string | null;
  businessKey: string | null;
  priority: number;
  suspended: boolean;
  createTime: Date;
}

export type ExternalTaskSortKey = 'id' | 'lockExpirationTime' | 'processInstanceId' | 'processDefinitionId' | 'processDefinitionKey' | 'taskPriority' | 'createTime';

export interface ExternalTaskDetailQuery {
  id?: string;
  ids?: string[];
  topicName?: string;
  workerId?: string;
  /** locked / not locked at this time */
  lockedAt?: Date;
  notLockedAt?: Date;
  lockExpirationBefore?: Date;
  lockExpirationAfter?: Date;
  withRetriesLeft?: boolean;
  noRetriesLeft?: boolean;
  activityId?: string;
  activityIds?: string[];
  executionId?: string;
  processInstanceId?: string;
  processInstanceIds?: string[];
  processDefinitionId?: string;
  suspended?: boolean;
  priorityAtLeast?: number;
  priorityAtMost?: number;
  sort?: SortBy<ExternalTaskSortKey>;
  first?: number;
  max?: number;
}

const SORT: Record<ExternalTaskSortKey, string> = {
  id: 'e.id',
  lockExpirationTime: 'e.lock_expires_at',
  processInstanceId: 'e.instance_id',
  processDefinitionId: 'e.definition_id',
  processDefinitionKey: 'e.definition_key',
  taskPriority: 'e.priority',
  createTime: 'e.created_at',
};

function where(q: ExternalTaskDetailQuery): Where {
  const w = new Where()
    .add('e.id = :v', q.id)
    .add('e.id = ANY(:v::text[])', q.ids)
    .add('e.topic = :v', q.topicName)
    .add('e.worker_id = :v', q.workerId)
    .add('e.lock_expires_at > :v', q.lockedAt)
    .add('(e.lock_expires_at IS NULL OR e.lock_expires_at <= :v)', q.notLockedAt)
    .add('e.lock_expires_at < :v', q.lockExpirationBefore)
    .add('e.lock_expires_at > :v', q.lockExpirationAfter)
    .add('e.element_id = :v', q.activityId)
    .add('e.element_id = ANY(:v::text[])', q.activityIds)
    .add('e.execution_id = :v', q.executionId)
    .add('e.instance_id = :v', q.processInstanceId)
    .add('e.instance_id = ANY(:v::text[])', q.processInstanceIds)
    .add('e.definition_id = :v', q.processDefinitionId)
    .add('e.suspended = :v', q.suspended)
    .add('e.priority >= :v', q.priorityAtLeast)
    .add('e.priority <= :v', q.priorityAtMost);
  if (q.withRetriesLeft) w.clause('(e.retries IS NULL OR e.retries > 0)');
  if (q.noRetriesLeft) w.clause('e.retries = 0');
  return w;
}

const FROM = `external_tasks e LEFT JOIN process_definitions d ON d.id = e.definition_id`;
const COLUMNS = `e.id, e.topic, e.worker_id, e.lock_expires_at, e.retries, e.error_message, e.instance_id, e.execution_id,
  e.element_id, e.definition_id, e.definition_key, d.version_tag, e.business_key, e.priority, e.suspended, e.created_at`;

function toDetail(r: Record<string, unknown>): ExternalTaskDetail {
  return {
    id: r.id as string,
    topicName: r.topic as string,
    workerId: r.worker_id as string | null,
    lockExpirationTime: r.lock_expires_at as Date | null,
    retries: r.retries as number | null,
    errorMessage: r.error_message as string | null,
    processInstanceId: r.instance_id as string,
    executionId: r.execution_id as string,
    activityId: r.element_id as string,
    processDefinitionId: r.definition_id as string,
    processDefinitionKey: r.definition_key as string,
    processDefinitionVersionTag: (r.version_tag as string | null) ?? null,
    businessKey: r.business_key as string | null,
    priority: r.priority as number,
    suspended: r.suspended as boolean,
    createTime: r.created_at as Date,
  };
}

export async function queryExternalTasks(db: Db, q: ExternalTaskDetailQuery = {}): Promise<ExternalTaskDetail[]> {
  const w = where(q);
  const rows = await db.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM ${FROM} ${w.toString()} ${orderBy(SORT, q.sort, 'e.id')} ${pageOf(w, q)}`, w.params);
  return rows.map(toDetail);
}

export async function countExternalTasks(db: Db, q: ExternalTaskDetailQuery = {}): Promise<number> {
  const w = where(q);
  const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM external_tasks e ${w.toString()}`, w.params);
  return Number(row?.n ?? 0);
}

export async function getExternalTask(db: Db, id: string): Promise<ExternalTaskDetail | null> {
  const [row] = await db.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = $1`, [id]);
  return row ? toDetail(row) : null;
}

/** the details of the last failure; undefined when there is no such external task */
export async function getExternalTaskErrorDetails(db: Db, id: string): Promise<string | null | undefined> {
  const [row] = await db.query<{ s: string | null }>(`SELECT error_details AS s FROM external_tasks WHERE id = $1`, [id]);
  return row ? row.s : undefined;
}
