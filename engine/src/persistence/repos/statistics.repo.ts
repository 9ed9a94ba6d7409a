import type { Db } from '../db.ts';
import { Where } from './filters.ts';

/**
 * Aggregates for monitoring (Camunda's process-definition statistics and Cockpit's heatmap):
 * one SQL statement each, so a version list or a heatmap never loads the rows it counts.
 */

/** a definition version with what runs on it now */
export interface DefinitionStatistics {
  id: string;
  key: string;
  version: number;
  name: string | null;
  deploymentId: string;
  deployedAt: Date;
  suspended: boolean;
  /** process instances of this version still running */
  instances: number;
  /** open incidents of this version */
  incidents: number;
}

export interface DefinitionStatisticsQuery {
  key?: string;
  keys?: string[];
  ids?: string[];
}

/** every version matching the query, by key, newest version first */
export async function definitionStatistics(db: Db, q: DefinitionStatisticsQuery = {}): Promise<DefinitionStatistics[]> {
  const w = new Where().add('d.key = :v', q.key).add('d.key = ANY(:v::text[])', q.keys).add('d.id = ANY(:v::text[])', q.ids);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT d.id, d.key, d.version, d.name, d.deployment_id, d.created_at, d.suspended,
       (SELECT count(*)::int FROM process_instances i WHERE i.definition_id = d.id) AS instances,
       (SELECT count(*)::int FROM incidents n WHERE n.definition_id = d.id) AS incidents
     FROM process_definitions d ${w.toString()} ORDER BY d.key, d.version DESC`,
    w.params,
  );
  return rows.map((r) => ({
    id: r.id as string,
    key: r.key as string,
    version: r.version as number,
    name: r.name as string | null,
    deploymentId: r.deployment_id as string,
    deployedAt: r.created_at as Date,
    suspended: r.suspended as boolean,
    instances: r.instances as number,
    incidents: r.incidents as number,
  }));
}

/** an activity of a definition with what stands at it now */
export interface ActivityStatistics {
  activityId: string;
  /** running process instances with a token at the activity (an instance counts once) */
  instances: number;
  /** open incidents at the activity */
  incidents: number;
}

/** activities of one definition that running instances stand at (Camunda's activity statistics) */
export async function activityStatistics(db: Db, definitionId: string): Promise<ActivityStatistics[]> {
  const rows = await db.query<{ activity_id: string; instances: number; incidents: number }>(
    `SELECT e.element_id AS activity_id, count(DISTINCT e.instance_id)::int AS instances,
       (SELECT count(*)::int FROM incidents n WHERE n.definition_id = $1 AND n.element_id = e.element_id) AS incidents
     FROM executions e JOIN process_instances p ON p.id = e.instance_id
     WHERE p.definition_id = $1 AND e.kind <> 'process' AND e.kind <> 'event-scope'
     GROUP BY e.element_id ORDER BY e.element_id`,
    [definitionId],
  );
  return rows.map((r) => ({ activityId: r.activity_id, instances: r.instances, incidents: r.incidents }));
}

/** an activity of a definition as its history shows it */
export interface HistoricActivityStatistics {
  activityId: string;
  /** finished activity instances (completed or cancelled) */
  finished: number;
  /** their mean and longest duration; 0 when none finished */
  avgMs: number;
  maxMs: number;
  /** activity instances not finished yet */
  active: number;
}

/** per activity of one definition, from history (multi-instance bodies left out: their inner instances count) */
export async function historicActivityStatistics(db: Db, definitionId: string): Promise<HistoricActivityStatistics[]> {
  const duration = `EXTRACT(EPOCH FROM (a.end_time - a.start_time)) * 1000`;
  const rows = await db.query<{ activity_id: string; finished: number; avg_ms: number; max_ms: number; active: number }>(
    `SELECT a.element_id AS activity_id,
       count(*) FILTER (WHERE a.end_time IS NOT NULL)::int AS finished,
       COALESCE(avg(${duration}) FILTER (WHERE a.end_time IS NOT NULL), 0)::float8 AS avg_ms,
       COALESCE(max(${duration}) FILTER (WHERE a.end_time IS NOT NULL), 0)::float8 AS max_ms,
       count(*) FILTER (WHERE a.end_time IS NULL)::int AS active
     FROM hist_activity_instances a JOIN hist_process_instances p ON p.id = a.instance_id
     WHERE p.definition_id = $1 AND a.element_type <> 'multiInstanceBody'
     GROUP BY a.element_id ORDER BY a.element_id`,
    [definitionId],
  );
  return rows.map((r) => ({ activityId: r.activity_id, finished: r.finished, avgMs: Number(r.avg_ms), maxMs: Number(r.max_ms), active: r.active }));
}
