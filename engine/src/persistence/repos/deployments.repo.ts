import type { Db } from '../db.ts';
import { Where } from './filters.ts';

export interface DeploymentInfo {
  id: string;
  name: string | null;
  source: string | null;
  deploymentTime: Date;
}

export interface ResourceInfo {
  id: string;
  name: string;
  deploymentId: string;
}

export interface DeploymentQuery {
  id?: string;
  name?: string;
  /** a LIKE pattern (`%` and `_` as given), case-insensitive */
  nameLike?: string;
  source?: string;
  withoutSource?: boolean;
  /** deployed after / before (both exclusive) */
  after?: Date;
  before?: Date;
  sortBy?: 'id' | 'name' | 'deploymentTime';
  sortOrder?: 'asc' | 'desc';
  first?: number;
  max?: number;
}

const SORT: Record<NonNullable<DeploymentQuery['sortBy']>, string> = { id: 'id', name: 'name', deploymentTime: 'deployed_at' };

function where(q: DeploymentQuery): Where {
  const w = new Where()
    .add('id = :v', q.id)
    .add('name = :v', q.name)
    .add('name ILIKE :v', q.nameLike)
    .add('source = :v', q.source)
    .add('deployed_at > :v', q.after)
    .add('deployed_at < :v', q.before);
  if (q.withoutSource) w.clause('source IS NULL');
  return w;
}

export async function listDeployments(db: Db, q: DeploymentQuery = {}): Promise<DeploymentInfo[]> {
  const w = where(q);
  const dir = q.sortOrder === 'desc' ? 'DESC' : 'ASC';
  const order = q.sortBy ? `${SORT[q.sortBy]} ${dir}, id ${dir}` : 'deployed_at, id';
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM deployments ${w.toString()} ORDER BY ${order} ${w.page(q.first, q.max)}`, w.params);
  return rows.map((r) => ({ id: r.id as string, name: r.name as string | null, source: r.source as string | null, deploymentTime: r.deployed_at as Date }));
}

export async function countDeployments(db: Db, q: Omit<DeploymentQuery, 'sortBy' | 'sortOrder' | 'first' | 'max'> = {}): Promise<number> {
  const w = where(q);
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deployments ${w.toString()}`, w.params);
  return r?.n ?? 0;
}

export async function listResources(db: Db, deploymentId: string): Promise<ResourceInfo[]> {
  const rows = await db.query<Record<string, unknown>>(`SELECT id, name, deployment_id FROM deployment_resources WHERE deployment_id = $1 ORDER BY name`, [deploymentId]);
  return rows.map((r) => ({ id: r.id as string, name: r.name as string, deploymentId: r.deployment_id as string }));
}

/** a resource's bytes (text resources as UTF-8) */
export async function readResource(db: Db, deploymentId: string, resource: { id?: string; name?: string }): Promise<{ name: string; data: Buffer } | null> {
  const w = new Where().add('deployment_id = :v', deploymentId).add('id = :v', resource.id).add('name = :v', resource.name);
  const [r] = await db.query<{ name: string; content: string; encoding: string }>(`SELECT name, content, encoding FROM deployment_resources ${w.toString()} LIMIT 1`, w.params);
  if (!r) return null;
  return { name: r.name, data: r.encoding === 'base64' ? Buffer.from(r.content, 'base64') : Buffer.from(r.content, 'utf8') };
}

/** the deployment that already holds exactly these resources (same names, same content), if any */
export async function identicalDeployment(db: Db, resources: { name: string; hash: string }[]): Promise<string | null> {
  if (resources.length === 0) return null;
  const rows = await db.query<{ deployment_id: string; n: number }>(
    `SELECT deployment_id, count(*)::int AS n FROM deployment_resources r
     WHERE (name, hash) IN (SELECT * FROM unnest($1::text[], $2::text[]))
     GROUP BY deployment_id
     HAVING count(*) = $3 AND count(*) = (SELECT count(*) FROM deployment_resources x WHERE x.deployment_id = r.deployment_id)
     ORDER BY max(created_at) DESC LIMIT 1`,
    [resources.map((r) => r.name), resources.map((r) => r.hash), resources.length],
  );
  return rows[0]?.deployment_id ?? null;
}
