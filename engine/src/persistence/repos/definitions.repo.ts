import type { Db } from '../db.ts';
import { Where } from './filters.ts';

export interface DefinitionInfo {
  id: string;
  key: string;
  version: number;
  name: string | null;
  deploymentId: string;
  resourceName: string;
  versionTag: string | null;
  suspended: boolean;
}

export async function listDefinitions(db: Db, q: { key?: string; latestOnly?: boolean; deploymentId?: string } = {}): Promise<DefinitionInfo[]> {
  const w = new Where().add('d.key = :v', q.key).add('d.deployment_id = :v', q.deploymentId);
  if (q.latestOnly) w.clause('d.version = (SELECT max(version) FROM process_definitions x WHERE x.key = d.key)');
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM process_definitions d ${w.toString()} ORDER BY d.key, d.version`, w.params);
  return rows.map((r) => ({
    id: r.id as string,
    key: r.key as string,
    version: r.version as number,
    name: r.name as string | null,
    deploymentId: r.deployment_id as string,
    resourceName: r.resource_name as string,
    versionTag: r.version_tag as string | null,
    suspended: r.suspended as boolean,
  }));
}

export async function getResource(db: Db, definitionId: string): Promise<{ name: string; content: string } | null> {
  const [r] = await db.query<{ name: string; content: string }>(
    `SELECT r.name, r.content FROM process_definitions d JOIN deployment_resources r ON r.id = d.resource_id WHERE d.id = $1`,
    [definitionId],
  );
  return r ?? null;
}
