import type { Db } from '../db.ts';
import { Where } from './filters.ts';

export interface InstanceQuery {
  processDefinitionKey?: string;
  processDefinitionId?: string;
  businessKey?: string;
  superProcessInstanceId?: string;
  processInstanceIds?: string[];
  /** only instances the user started or holds (or may take) a task of */
  visibleTo?: { userId: string; groups: string[] };
  first?: number;
  max?: number;
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

function where(q: InstanceQuery): Where {
  const w = new Where()
    .add('definition_key = :v', q.processDefinitionKey)
    .add('definition_id = :v', q.processDefinitionId)
    .add('business_key = :v', q.businessKey)
    .add('super_instance_id = :v', q.superProcessInstanceId);
  if (q.processInstanceIds) w.clause('id = ANY(:v::text[])', q.processInstanceIds);
  if (q.visibleTo) {
    w.clause(
      `(start_user_id = :v OR EXISTS (SELECT 1 FROM tasks t WHERE t.instance_id = process_instances.id AND (t.assignee = :v OR t.owner = :v OR t.candidate_users ? :v OR t.candidate_groups ?| :v::text[])))`,
      q.visibleTo.userId,
      q.visibleTo.userId,
      q.visibleTo.userId,
      q.visibleTo.userId,
      q.visibleTo.groups,
    );
  }
  return w;
}

export async function listInstances(db: Db, q: InstanceQuery = {}): Promise<InstanceInfo[]> {
  const w = where(q);
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM process_instances ${w.toString()} ORDER BY id ${w.page(q.first, q.max)}`, w.params);
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
