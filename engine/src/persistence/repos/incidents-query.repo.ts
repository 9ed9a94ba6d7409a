import type { Db } from '../db.ts';
import { Where } from './filters.ts';
import { orderBy, pageOf, type SortBy } from './history-query.ts';

/** Camunda's incident query (RuntimeService.createIncidentQuery) over the open incidents. */
export interface IncidentDetail {
  id: string;
  /** failedJob or failedExternalTask */
  incidentType: string;
  incidentMessage: string | null;
  processInstanceId: string;
  executionId: string | null;
  activityId: string | null;
  processDefinitionId: string;
  /** Camunda's configuration: the id of the failed job or external task */
  configuration: string | null;
  jobId: string | null;
  externalTaskId: string | null;
  incidentTimestamp: Date;
}

export type IncidentSortKey =
  | 'incidentId'
  | 'incidentMessage'
  | 'incidentTimestamp'
  | 'incidentType'
  | 'executionId'
  | 'activityId'
  | 'processInstanceId'
  | 'processDefinitionId'
  | 'causeIncidentId'
  | 'rootCauseIncidentId'
  | 'configuration';

export interface IncidentDetailQuery {
  id?: string;
  incidentType?: string;
  incidentMessage?: string;
  incidentMessageLike?: string;
  processDefinitionId?: string;
  processDefinitionIds?: string[];
  processDefinitionKeys?: string[];
  processInstanceId?: string;
  processInstanceIds?: string[];
  executionId?: string;
  activityId?: string;
  /** an incident is its own cause and root cause (no incidents of called instances are chained) */
  causeIncidentId?: string;
  rootCauseIncidentId?: string;
  configuration?: string;
  incidentTimestampBefore?: Date;
  incidentTimestampAfter?: Date;
  sort?: SortBy<IncidentSortKey>;
  first?: number;
  max?: number;
}

const SORT: Record<IncidentSortKey, string> = {
  incidentId: 'i.id',
  incidentMessage: 'i.message',
  incidentTimestamp: 'i.created_at',
  incidentType: 'i.type',
  executionId: 'i.execution_id',
  activityId: 'i.element_id',
  processInstanceId: 'i.instance_id',
  processDefinitionId: 'i.definition_id',
  causeIncidentId: 'i.id',
  rootCauseIncidentId: 'i.id',
  configuration: 'COALESCE(i.job_id, i.external_task_id)',
};

function where(q: IncidentDetailQuery): Where {
  const w = new Where()
    .add('i.id = :v', q.id)
    .add('i.id = :v', q.causeIncidentId)
    .add('i.id = :v', q.rootCauseIncidentId)
    .add('i.type = :v', q.incidentType)
    .add('i.message = :v', q.incidentMessage)
    .add('i.message LIKE :v', q.incidentMessageLike)
    .add('i.definition_id = :v', q.processDefinitionId)
    .add('i.definition_id = ANY(:v::text[])', q.processDefinitionIds)
    .add('i.instance_id = :v', q.processInstanceId)
    .add('i.instance_id = ANY(:v::text[])', q.processInstanceIds)
    .add('i.execution_id = :v', q.executionId)
    .add('i.element_id = :v', q.activityId)
    .add('COALESCE(i.job_id, i.external_task_id) = :v', q.configuration)
    .add('i.created_at < :v', q.incidentTimestampBefore)
    .add('i.created_at > :v', q.incidentTimestampAfter);
  if (q.processDefinitionKeys) w.clause('EXISTS (SELECT 1 FROM process_definitions d WHERE d.id = i.definition_id AND d.key = ANY(:v::text[]))', q.processDefinitionKeys);
  return w;
}

function toDetail(r: Record<string, unknown>): IncidentDetail {
  const jobId = r.job_id as string | null;
  const externalTaskId = r.external_task_id as string | null;
  return {
    id: r.id as string,
    incidentType: r.type as string,
    incidentMessage: r.message as string | null,
    processInstanceId: r.instance_id as string,
    executionId: r.execution_id as string | null,
    activityId: r.element_id as string | null,
    processDefinitionId: r.definition_id as string,
    configuration: jobId ?? externalTaskId,
    jobId,
    externalTaskId,
    incidentTimestamp: r.created_at as Date,
  };
}

export async function queryIncidents(db: Db, q: IncidentDetailQuery = {}): Promise<IncidentDetail[]> {
  const w = where(q);
  const rows = await db.query<Record<string, unknown>>(`SELECT i.* FROM incidents i ${w.toString()} ${orderBy(SORT, q.sort, 'i.id')} ${pageOf(w, q)}`, w.params);
  return rows.map(toDetail);
}

export async function countIncidents(db: Db, q: IncidentDetailQuery = {}): Promise<number> {
  const w = where(q);
  const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM incidents i ${w.toString()}`, w.params);
  return Number(row?.n ?? 0);
}

export async function getIncident(db: Db, id: string): Promise<IncidentDetail | null> {
  const [row] = await db.query<Record<string, unknown>>(`SELECT i.* FROM incidents i WHERE i.id = $1`, [id]);
  return row ? toDetail(row) : null;
}
