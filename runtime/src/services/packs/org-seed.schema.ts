import { Type, type Static } from '@liuzhuan/plugin-sdk';

const USER_ID = '^[A-Za-z0-9._@-]{1,64}$';
const DEPT_ID = '^[^\\s](?:.{0,62}[^\\s])?$';

/**
 * `seed/org.json`: a demo organisation. The loader maps it onto the org-chart import
 * (runtime/src/services/org): one CSV row per user, departments and roles made first with
 * their names. `name` is the person's full name as it is shown (张伟); it goes into firstName.
 */
export const OrgSeedSchema = Type.Object(
  {
    departments: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: DEPT_ID }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          parent: Type.Union([Type.String({ pattern: DEPT_ID }), Type.Null()]),
          head: Type.Union([Type.String({ pattern: USER_ID }), Type.Null()]),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
    roles: Type.Array(Type.Object({ id: Type.String({ pattern: USER_ID }), name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }), { maxItems: 1000 }),
    users: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: USER_ID }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          email: Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 200 }),
          department: Type.String({ pattern: DEPT_ID }),
          manager: Type.Union([Type.String({ pattern: USER_ID }), Type.Null()]),
          title: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
          roles: Type.Array(Type.String({ pattern: USER_ID }), { uniqueItems: true }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10_000 },
    ),
  },
  { additionalProperties: false },
);

export type OrgSeed = Static<typeof OrgSeedSchema>;

/** what refers to what inside the seed: every name it uses is declared in it */
export function seedReferenceProblems(seed: OrgSeed): string[] {
  const out: string[] = [];
  const depts = new Map(seed.departments.map((d) => [d.id, d]));
  const users = new Map(seed.users.map((u) => [u.id, u]));
  const roles = new Set(seed.roles.map((r) => r.id));
  const twice = (kind: string, ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i).forEach((id) => out.push(`${kind} '${id}' is declared twice`));
  twice('department', seed.departments.map((d) => d.id));
  twice('role', seed.roles.map((r) => r.id));
  twice('user', seed.users.map((u) => u.id));
  for (const d of seed.departments) {
    if (d.parent !== null && !depts.has(d.parent)) out.push(`department '${d.id}': parent '${d.parent}' is not a department of the seed`);
    // the import names a head on the head's own row: the head is a member of the department
    if (d.head !== null && users.get(d.head)?.department !== d.id) out.push(`department '${d.id}': head '${d.head}' must be a user of the seed in that department`);
  }
  for (const u of seed.users) {
    if (!depts.has(u.department)) out.push(`user '${u.id}': department '${u.department}' is not a department of the seed`);
    if (u.manager !== null && !users.has(u.manager)) out.push(`user '${u.id}': manager '${u.manager}' is not a user of the seed`);
    if (u.manager === u.id) out.push(`user '${u.id}' cannot be their own manager`);
    for (const r of u.roles) if (!roles.has(r)) out.push(`user '${u.id}': role '${r}' is not a role of the seed`);
  }
  return out;
}
