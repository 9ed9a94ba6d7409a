import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describeErrors } from '@liuzhuan/plugin-sdk';
import type { Db } from '@liuzhuan/engine';
import type { IdentityService } from '../identity/identity.service.ts';
import { hashPassword } from '../identity/passwords.ts';
import { IMPORT_COLUMNS } from '../org/org-import-parse.ts';
import type { OrgService } from '../org/org.service.ts';
import { ROLE_GROUP_TYPE } from '../org/org.types.ts';
import type { FoundPack } from './pack-discovery.ts';
import { PackLoadError } from './pack-errors.ts';
import { OrgSeedSchema, seedReferenceProblems, type OrgSeed } from './org-seed.schema.ts';

export interface OrgSeedDeps {
  db: Db;
  org: OrgService;
  identity: IdentityService;
}

export interface SeedResult {
  /** false when this seed was applied by an earlier start (nothing was written) */
  applied: boolean;
  users: string[];
  departments: number;
  roles: number;
}

/** `<pack>/seed/org.json`, checked; null when the pack has none */
export function readOrgSeed(pack: FoundPack): { seed: OrgSeed; hash: string } | null {
  const file = join(pack.dir, 'seed', 'org.json');
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PackLoadError([`${file}: not valid JSON (${(e as Error).message})`]);
  }
  const shape = describeErrors(OrgSeedSchema, json, 'org.json');
  if (shape.length > 0) throw new PackLoadError(shape.map((p) => `${file}: ${p}`));
  const seed = json as OrgSeed;
  const refs = seedReferenceProblems(seed);
  if (refs.length > 0) throw new PackLoadError(refs.map((p) => `${file}: ${p}`));
  return { seed, hash: createHash('sha256').update(text).digest('hex') };
}

/** parents before their children, so each department is created under an existing parent */
function parentsFirst(seed: OrgSeed): OrgSeed['departments'] {
  const byId = new Map(seed.departments.map((d) => [d.id, d]));
  const depth = (id: string, seen = new Set<string>()): number => {
    const parent = byId.get(id)?.parent;
    if (!parent || seen.has(id)) return 0;
    seen.add(id);
    return 1 + depth(parent, seen);
  };
  return [...seed.departments].sort((a, b) => depth(a.id) - depth(b.id));
}

/** the seed as an org-chart CSV (the import's own format: one row per user) */
function orgCsv(seed: OrgSeed): string {
  const dept = new Map(seed.departments.map((d) => [d.id, d]));
  const rows = seed.users.map((u) => {
    const d = dept.get(u.department)!;
    const cells: Record<(typeof IMPORT_COLUMNS)[number], string> = {
      userId: u.id,
      firstName: u.name,
      lastName: '',
      email: u.email,
      department: u.department,
      parentDepartment: d.parent ?? '',
      departmentHead: d.head === u.id ? 'yes' : 'no',
      manager: u.manager ?? '',
      roles: u.roles.join(';'),
      groups: '',
    };
    return IMPORT_COLUMNS.map((c) => cells[c]);
  });
  return stringify([[...IMPORT_COLUMNS], ...rows]);
}

/**
 * Seeds a pack's demo organisation once: roles (identity groups of type ROLE) and departments
 * with their names, then users, heads, managers and role memberships through the org-chart
 * import (all or nothing, cycle-checked), then titles, the `employee` role for users that have
 * no role yet, and `password` for seeded users that have no password. A marker with the seed's
 * hash (runtime_settings) makes later starts skip it, so what an admin changes afterwards stays;
 * an edited seed file is applied again the same way (the import updates, never deletes).
 */
export async function seedOrg(deps: OrgSeedDeps, pack: FoundPack, seed: OrgSeed, hash: string, password: string): Promise<SeedResult> {
  const marker = `pack-seed:${pack.manifest.id}:org`;
  const result: SeedResult = { applied: false, users: seed.users.map((u) => u.id), departments: seed.departments.length, roles: seed.roles.length };
  const [done] = await deps.db.query<{ value: string }>(`SELECT value FROM runtime_settings WHERE key = $1`, [marker]);
  if (done?.value === hash) return result;
  const file = join(pack.dir, 'seed', 'org.json');
  for (const r of seed.roles) {
    const g = await deps.identity.getGroup(r.id);
    if (!g) await deps.identity.createGroup(r.id, r.name, ROLE_GROUP_TYPE);
    else if (g.type !== ROLE_GROUP_TYPE) throw new PackLoadError([`${file}: role '${r.id}' exists as a group of type ${g.type ?? 'none'}, not a role`]);
  }
  const known = new Set((await deps.org.departments.tree()).flatMap(function ids(n): string[] {
    return [n.id, ...n.children.flatMap(ids)];
  }));
  for (const d of parentsFirst(seed)) {
    if (known.has(d.id)) continue;
    await deps.org.departments.create({ id: d.id, name: d.name, parentId: d.parent });
    known.add(d.id);
  }
  const imported = await deps.org.imports.importCsv(orgCsv(seed));
  if (!imported.ok) throw new PackLoadError(imported.report.refused.map((r) => `${file}: user ${seed.users[r.row - 2]?.id ?? `row ${r.row}`}: ${r.message}`));
  for (const u of seed.users) if (u.title !== null) await deps.org.profiles.put(u.id, { departmentId: u.department, managerId: u.manager, title: u.title });
  const ids = seed.users.map((u) => u.id);
  const withRoles = new Set((await deps.db.query<{ user_id: string }>(`SELECT DISTINCT user_id FROM user_roles WHERE user_id = ANY($1::text[])`, [ids])).map((r) => r.user_id));
  for (const id of ids) if (!withRoles.has(id)) await deps.identity.setRoles(id, ['employee']);
  // one hash for all: the demo password is public anyway, and scrypt per user would slow the boot
  await deps.db.query(`UPDATE users SET password_hash = $2 WHERE id = ANY($1::text[]) AND password_hash IS NULL`, [ids, await hashPassword(password)]);
  await deps.db.query(`INSERT INTO runtime_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [marker, hash]);
  return { ...result, applied: true };
}
