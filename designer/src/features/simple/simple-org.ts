/**
 * Suggestions for the approver fields, from the org model: users (GET /engine-rest/user), roles
 * and groups (GET /engine-rest/group; roles are groups of type ROLE), departments
 * (GET /api/org/departments). Suggestions only: a list that cannot be read stays empty.
 * Shapes as runtime/src/routes/engine-rest/identity/identity.schema.ts and api/org/org.schema.ts.
 */
import { http } from '../../api/http.ts';

export interface OrgOption {
  id: string;
  label: string;
}

export interface OrgOptions {
  users: OrgOption[];
  roles: OrgOption[];
  groups: OrgOption[];
  departments: OrgOption[];
}

interface UserDto {
  id: string;
  firstName: string | null;
  lastName: string | null;
}
interface GroupDto {
  id: string;
  name: string | null;
  type: string | null;
}
interface DepartmentNode {
  id: string;
  name: string;
  children: DepartmentNode[];
}

function flatten(nodes: DepartmentNode[], out: OrgOption[] = []): OrgOption[] {
  for (const d of nodes) {
    out.push({ id: d.id, label: d.name });
    flatten(d.children ?? [], out);
  }
  return out;
}

async function orEmpty<T>(p: Promise<T>, fallback: T): Promise<T> {
  try {
    return await p;
  } catch {
    return fallback;
  }
}

export async function loadOrgOptions(): Promise<OrgOptions> {
  const [users, groups, departments] = await Promise.all([
    orEmpty(http.get<UserDto[]>('/engine-rest/user', { maxResults: 500 }), []),
    orEmpty(http.get<GroupDto[]>('/engine-rest/group', { maxResults: 500 }), []),
    orEmpty(http.get<DepartmentNode[]>('/api/org/departments'), []),
  ]);
  const isRole = (g: GroupDto) => (g.type ?? '').toUpperCase() === 'ROLE';
  return {
    users: users.map((u) => ({ id: u.id, label: [u.firstName, u.lastName].filter(Boolean).join(' ') || u.id })),
    roles: groups.filter(isRole).map((g) => ({ id: g.id, label: g.name ?? g.id })),
    groups: groups.filter((g) => !isRole(g)).map((g) => ({ id: g.id, label: g.name ?? g.id })),
    departments: flatten(departments),
  };
}
