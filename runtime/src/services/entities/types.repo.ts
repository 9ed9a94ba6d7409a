import { createHash } from 'node:crypto';
import type { Db } from '@liuzhuan/engine';
import type { EntitySchema, EntityTypeInfo } from './types.ts';

type Q = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

interface TypeRow {
  name: string;
  version: number;
  schema: EntitySchema | string;
  hash: string;
  deployment_id: string | null;
  created_at: Date | string;
}

/** JSON with sorted keys: the same schema written in another key order is the same version */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

export const schemaHash = (s: unknown) => createHash('sha256').update(canonical(s)).digest('hex');

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/**
 * Type versions. Each version is read once and kept (immutable — versions never change), so the
 * compiled validators cached per schema object stay valid; the latest version number is asked
 * of the database each time, so a type deployed by another process is seen at once.
 */
export class TypesRepo {
  private readonly versions = new Map<string, EntityTypeInfo>();
  /** names of stored types, for the synchronous x-ref check of checkType */
  readonly names = new Set<string>();

  constructor(private readonly db: Db) {}

  private info(r: TypeRow): EntityTypeInfo {
    const key = `${r.name}@${r.version}`;
    let hit = this.versions.get(key);
    if (!hit) {
      const schema = deepFreeze(typeof r.schema === 'string' ? (JSON.parse(r.schema) as EntitySchema) : r.schema);
      hit = { name: r.name, version: r.version, schema, deploymentId: r.deployment_id, createdAt: new Date(r.created_at).toISOString() };
      this.versions.set(key, hit);
    }
    this.names.add(r.name);
    return hit;
  }

  async refreshNames(): Promise<void> {
    for (const r of await this.db.query<{ name: string }>(`SELECT DISTINCT name FROM entity_types`)) this.names.add(r.name);
  }

  async latest(name: string, q?: Q): Promise<(EntityTypeInfo & { hash: string }) | null> {
    const run = q ?? ((s: string, p?: readonly unknown[]) => this.db.query(s, p));
    const [r] = (await run(`SELECT name, version, schema, hash, deployment_id, created_at FROM entity_types WHERE name = $1 ORDER BY version DESC LIMIT 1`, [name])) as TypeRow[];
    return r ? { ...this.info(r), hash: r.hash } : null;
  }

  async version(name: string, version: number): Promise<EntityTypeInfo | null> {
    const hit = this.versions.get(`${name}@${version}`);
    if (hit) return hit;
    const [r] = await this.db.query<TypeRow>(`SELECT name, version, schema, hash, deployment_id, created_at FROM entity_types WHERE name = $1 AND version = $2`, [name, version]);
    return r ? this.info(r) : null;
  }

  async listLatest(): Promise<EntityTypeInfo[]> {
    const rows = await this.db.query<TypeRow>(
      `SELECT DISTINCT ON (name) name, version, schema, hash, deployment_id, created_at FROM entity_types ORDER BY name, version DESC`,
    );
    return rows.map((r) => this.info(r));
  }

  async insert(q: Q, s: EntitySchema, version: number, hash: string, deploymentId: string | null, now: Date): Promise<void> {
    await q(`INSERT INTO entity_types (name, version, schema, hash, deployment_id, created_at) VALUES ($1, $2, $3::json, $4, $5, $6)`, [
      s['x-entity'], version, JSON.stringify(s), hash, deploymentId, now,
    ]);
  }

  async existing(q: Q, names: string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rows = await q<{ name: string }>(`SELECT DISTINCT name FROM entity_types WHERE name = ANY($1::text[])`, [names]);
    return new Set(rows.map((r) => r.name));
  }
}
