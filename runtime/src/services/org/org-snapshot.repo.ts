import type { Db } from '@liuzhuan/engine';
import type { Delegation, Department, OrgSnapshot, Profile } from './org.types.ts';

/** one statement on a connection: `db.query` or the `q` of `db.transaction` */
export type Query = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/** the departments and profiles alone (what a write checks for cycles before it commits) */
export async function loadStructure(q: Query): Promise<{ users: Set<string>; departments: Map<string, Department>; profiles: Map<string, Profile> }> {
  const users = new Set((await q<{ id: string }>(`SELECT id FROM users`)).map((r) => r.id));
  const departments = new Map<string, Department>();
  for (const r of await q<{ id: string; name: string; parent_id: string | null; head_user_id: string | null }>(`SELECT id, name, parent_id, head_user_id FROM org_departments`))
    departments.set(r.id, { id: r.id, name: r.name, parentId: r.parent_id, headUserId: r.head_user_id });
  const profiles = new Map<string, Profile>();
  for (const r of await q<{ user_id: string; department_id: string | null; manager_id: string | null; title: string | null }>(
    `SELECT user_id, department_id, manager_id, title FROM org_profiles`,
  ))
    profiles.set(r.user_id, { userId: r.user_id, departmentId: r.department_id, managerId: r.manager_id, title: r.title });
  return { users, departments, profiles };
}

/** Everything the organisation rules read, from one consistent view of the database. */
export function loadSnapshot(db: Db): Promise<OrgSnapshot> {
  return db.transaction(async (q) => {
    // one snapshot for all the reads, so a write between two of them cannot tear the picture
    await q(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    const { users, departments, profiles } = await loadStructure(q);
    const groupMembers = new Map<string, string[]>();
    const userGroups = new Map<string, string[]>();
    for (const r of await q<{ user_id: string; group_id: string }>(`SELECT user_id, group_id FROM memberships ORDER BY group_id, user_id`)) {
      push(groupMembers, r.group_id, r.user_id);
      push(userGroups, r.user_id, r.group_id);
    }
    const groupTypes = new Map((await q<{ id: string; type: string | null }>(`SELECT id, type FROM groups`)).map((r) => [r.id, r.type] as const));
    const systemRoleHolders = new Map<string, string[]>();
    const userSystemRoles = new Map<string, string[]>();
    for (const r of await q<{ user_id: string; role: string }>(`SELECT user_id, role FROM user_roles ORDER BY role, user_id`)) {
      push(systemRoleHolders, r.role, r.user_id);
      push(userSystemRoles, r.user_id, r.role);
    }
    const delegations = new Map<string, Delegation[]>();
    for (const r of await q<Record<string, unknown>>(
      `SELECT id, user_id, delegate_id, starts_at, ends_at, reason, created_by, created_at FROM org_delegations ORDER BY starts_at, id`,
    ))
      push(delegations, r.user_id as string, toDelegation(r));
    return { users, departments, profiles, groupMembers, groupTypes, userGroups, systemRoleHolders, userSystemRoles, delegations };
  });
}

export function toDelegation(r: Record<string, unknown>): Delegation {
  return {
    id: r.id as string,
    userId: r.user_id as string,
    delegateId: r.delegate_id as string,
    startsAt: new Date(r.starts_at as string | Date),
    endsAt: new Date(r.ends_at as string | Date),
    reason: (r.reason as string | null) ?? null,
    createdBy: r.created_by as string,
    createdAt: new Date(r.created_at as string | Date),
  };
}
