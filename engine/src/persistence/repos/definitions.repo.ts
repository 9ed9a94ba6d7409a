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
  historyTimeToLive: number | null;
}

export interface DefinitionQuery {
  id?: string;
  ids?: string[];
  key?: string;
  keys?: string[];
  /** a LIKE pattern (`%` and `_` as given), case-insensitive */
  keyLike?: string;
  name?: string;
  nameLike?: string;
  deploymentId?: string;
  version?: number;
  latestOnly?: boolean;
  resourceName?: string;
  resourceNameLike?: string;
  versionTag?: string;
  versionTagLike?: string;
  withoutVersionTag?: boolean;
  suspended?: boolean;
  sortBy?: 'id' | 'key' | 'name' | 'version' | 'deploymentId' | 'deployTime' | 'versionTag';
  sortOrder?: 'asc' | 'desc';
  /** paging: without first and max every match comes back */
  first?: number;
  max?: number;
}

const SORT: Record<NonNullable<DefinitionQuery['sortBy']>, string> = {
  id: 'd.id',
  key: 'd.key',
  name: 'd.name',
  version: 'd.version',
  deploymentId: 'd.deployment_id',
  deployTime: 'd.created_at',
  versionTag: 'd.version_tag',
};

function where(q: DefinitionQuery): Where {
  const w = new Where()
    .add('d.id = :v', q.id)
    .add('d.key = :v', q.key)
    .add('d.key ILIKE :v', q.keyLike)
    .add('d.name = :v', q.name)
    .add('d.name ILIKE :v', q.nameLike)
    .add('d.deployment_id = :v', q.deploymentId)
    .add('d.version = :v', q.version)
    .add('d.resource_name = :v', q.resourceName)
    .add('d.resource_name ILIKE :v', q.resourceNameLike)
    .add('d.version_tag = :v', q.versionTag)
    .add('d.version_tag ILIKE :v', q.versionTagLike)
    .add('d.suspended = :v', q.suspended);
  if (q.ids) w.clause('d.id = ANY(:v::text[])', q.ids);
  if (q.keys) w.clause('d.key = ANY(:v::text[])', q.keys);
  if (q.withoutVersionTag) w.clause('d.version_tag IS NULL');
  if (q.latestOnly) w.clause('d.version = (SELECT max(version) FROM process_definitions x WHERE x.key = d.key)');
  return w;
}

function toInfo(r: Record<string, unknown>): DefinitionInfo {
  return {
    id: r.id as string,
    key: r.key as string,
    version: r.version as number,
    name: r.name as string | null,
    deploymentId: r.deployment_id as string,
    resourceName: r.resource_name as string,
    versionTag: r.version_tag as string | null,
    suspended: r.suspended as boolean,
    historyTimeToLive: (r.history_ttl as number | null) ?? null,
  };
}

export async function listDefinitions(db: Db, q: DefinitionQuery = {}): Promise<DefinitionInfo[]> {
  const w = where(q);
  const dir = q.sortOrder === 'desc' ? 'DESC' : 'ASC';
  const order = q.sortBy ? `${SORT[q.sortBy]} ${dir}, d.id ${dir}` : 'd.key, d.version';
  const page = q.first !== undefined || q.max !== undefined ? w.page(q.first, q.max) : '';
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM process_definitions d ${w.toString()} ORDER BY ${order} ${page}`, w.params);
  return rows.map(toInfo);
}

export async function countDefinitions(db: Db, q: DefinitionQuery = {}): Promise<number> {
  const w = where(q);
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM process_definitions d ${w.toString()}`, w.params);
  return r?.n ?? 0;
}

export async function getResource(db: Db, definitionId: string): Promise<{ name: string; content: string } | null> {
  const [r] = await db.query<{ name: string; content: string }>(
    `SELECT r.name, r.content FROM process_definitions d JOIN deployment_resources r ON r.id = d.resource_id WHERE d.id = $1`,
    [definitionId],
  );
  return r ?? null;
}
