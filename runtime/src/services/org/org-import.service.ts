import type { Db } from '@liuzhuan/engine';
import type { OrgDirectory } from './org-directory.ts';
import { parseOrgCsv, type ImportRow, type RowProblem } from './org-import-parse.ts';
import type { Query } from './org-snapshot.repo.ts';
import { cycleMessage, orgWrite, type Structure } from './org-write.ts';
import { ROLE_GROUP_TYPE } from './org.types.ts';

export interface ImportReport {
  /** users made by this import; they have no password and cannot log in until an admin gives them one */
  created: number;
  updated: number;
  departmentsCreated: number;
  groupsCreated: number;
  refused: RowProblem[];
  /** what the caller should know, e.g. that new users cannot log in yet */
  message: string;
}

interface Plan {
  newUsers: ImportRow[];
  oldUsers: ImportRow[];
  newDepartments: string[];
  /** departments whose parent or head the file sets: their final values */
  departments: Map<string, { parentId: string | null; headUserId: string | null }>;
  newGroups: Map<string, string>;
  memberships: [string, string][];
}

const NO_PASSWORD = 'users created by an import have no password: they cannot log in until an admin sets one (PUT /engine-rest/user/{id}/credentials)';

/**
 * Works out what the file changes, on top of the current structure `s` (which it updates the
 * same way, so the cycle check sees the result). Rows that contradict the database or each
 * other are refused with their row number.
 */
function plan(rows: ImportRow[], s: Structure, groupTypes: Map<string, string | null>, refused: RowProblem[]): Plan {
  const p: Plan = { newUsers: [], oldUsers: [], newDepartments: [], departments: new Map(), newGroups: new Map(), memberships: [] };
  const userRow = new Map<string, number>();
  const parentRow = new Map<string, { row: number; parent: string }>();
  const headRow = new Map<string, { row: number; user: string }>();
  const inFile = new Set(rows.map((r) => r.userId));
  const ensureDept = (id: string) => {
    if (s.departments.has(id)) return;
    s.departments.set(id, { id, name: id, parentId: null, headUserId: null });
    p.newDepartments.push(id);
  };
  const touch = (id: string) => {
    const d = s.departments.get(id)!;
    p.departments.set(id, { parentId: d.parentId, headUserId: d.headUserId });
  };
  for (const r of rows) {
    const refuse = (message: string) => refused.push({ row: r.row, message });
    const seen = userRow.get(r.userId);
    if (seen !== undefined) {
      refuse(`user '${r.userId}' is also on row ${seen}`);
      continue;
    }
    userRow.set(r.userId, r.row);
    if (r.manager && !s.users.has(r.manager) && !inFile.has(r.manager)) {
      refuse(`manager '${r.manager}' is neither a user nor on a row of this file`);
      continue;
    }
    const parentClash = r.parentDepartment && r.department && parentRow.get(r.department);
    if (parentClash && parentClash.parent !== r.parentDepartment) {
      refuse(`department '${r.department}' has parent '${parentClash.parent}' on row ${parentClash.row}, not '${r.parentDepartment}'`);
      continue;
    }
    const headClash = r.departmentHead && r.department && headRow.get(r.department);
    if (headClash && headClash.user !== r.userId) {
      refuse(`department '${r.department}' already has head '${headClash.user}' on row ${headClash.row}`);
      continue;
    }
    (s.users.has(r.userId) ? p.oldUsers : p.newUsers).push(r);
    s.users.add(r.userId);
    if (r.parentDepartment) ensureDept(r.parentDepartment);
    if (r.department) {
      ensureDept(r.department);
      const d = s.departments.get(r.department)!;
      if (r.parentDepartment) {
        parentRow.set(r.department, { row: r.row, parent: r.parentDepartment });
        s.departments.set(d.id, { ...d, parentId: r.parentDepartment });
        touch(d.id);
      }
      if (r.departmentHead) {
        headRow.set(r.department, { row: r.row, user: r.userId });
        s.departments.set(d.id, { ...s.departments.get(d.id)!, headUserId: r.userId });
        touch(d.id);
      }
    }
    // the row is the truth for department and manager (blank = none); the title is kept
    const before = s.profiles.get(r.userId);
    s.profiles.set(r.userId, { userId: r.userId, departmentId: r.department, managerId: r.manager, title: before?.title ?? null });
    for (const [ids, type] of [
      [r.roles, ROLE_GROUP_TYPE],
      [r.groups, 'WORKFLOW'],
    ] as const) {
      for (const g of ids) {
        if (!groupTypes.has(g) && !p.newGroups.has(g)) p.newGroups.set(g, type);
        p.memberships.push([r.userId, g]);
      }
    }
  }
  // "departmentHead: no" for the user who heads that department now takes the head away,
  // unless another row names a new head
  for (const r of rows) {
    if (r.departmentHead || !r.department || headRow.has(r.department)) continue;
    const d = s.departments.get(r.department);
    if (d?.headUserId === r.userId) {
      s.departments.set(d.id, { ...d, headUserId: null });
      touch(d.id);
    }
  }
  return p;
}

/** the row to blame for a cycle: one whose department or manager is on it */
function blame(rows: ImportRow[], message: string): number {
  const names = message.split(': ').slice(1).join(': ').split(' → ');
  const hit = rows.find((r) => (message.includes('department') ? r.department && names.includes(r.department) && r.parentDepartment : names.includes(r.userId)));
  return hit?.row ?? rows[0]?.row ?? 2;
}

async function write(q: Query, p: Plan): Promise<void> {
  const col = <T>(rows: T[], f: (r: T) => string | null) => rows.map(f);
  if (p.newUsers.length)
    await q(`INSERT INTO users (id, first_name, last_name, email, password_hash, created_at) SELECT id, f, l, e, NULL, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(id, f, l, e)`, [
      col(p.newUsers, (r) => r.userId),
      col(p.newUsers, (r) => r.firstName),
      col(p.newUsers, (r) => r.lastName),
      col(p.newUsers, (r) => r.email),
    ]);
  // blank name and e-mail cells leave an existing user's values alone
  if (p.oldUsers.length)
    await q(
      `UPDATE users u SET first_name = COALESCE(v.f, u.first_name), last_name = COALESCE(v.l, u.last_name), email = COALESCE(v.e, u.email)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(id, f, l, e) WHERE u.id = v.id`,
      [col(p.oldUsers, (r) => r.userId), col(p.oldUsers, (r) => r.firstName), col(p.oldUsers, (r) => r.lastName), col(p.oldUsers, (r) => r.email)],
    );
  // new departments first without parent and head (their parents may be new too), then the final links
  if (p.newDepartments.length) await q(`INSERT INTO org_departments (id, name) SELECT id, id FROM unnest($1::text[]) AS v(id)`, [p.newDepartments]);
  const links = [...p.departments.entries()];
  if (links.length)
    await q(`UPDATE org_departments d SET parent_id = v.p, head_user_id = v.h FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, p, h) WHERE d.id = v.id`, [
      links.map(([id]) => id),
      links.map(([, l]) => l.parentId),
      links.map(([, l]) => l.headUserId),
    ]);
  const users = [...p.newUsers, ...p.oldUsers];
  await q(
    `INSERT INTO org_profiles (user_id, department_id, manager_id) SELECT id, d, m FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, d, m)
     ON CONFLICT (user_id) DO UPDATE SET department_id = EXCLUDED.department_id, manager_id = EXCLUDED.manager_id`,
    [col(users, (r) => r.userId), col(users, (r) => r.department), col(users, (r) => r.manager)],
  );
  const groups = [...p.newGroups.entries()];
  if (groups.length) await q(`INSERT INTO groups (id, name, type) SELECT id, id, t FROM unnest($1::text[], $2::text[]) AS v(id, t) ON CONFLICT (id) DO NOTHING`, [groups.map(([g]) => g), groups.map(([, t]) => t)]);
  if (p.memberships.length)
    await q(`INSERT INTO memberships (user_id, group_id) SELECT u, g FROM unnest($1::text[], $2::text[]) AS v(u, g) ON CONFLICT DO NOTHING`, [
      p.memberships.map(([u]) => u),
      p.memberships.map(([, g]) => g),
    ]);
}

/**
 * Imports an org chart: users (without passwords), departments, heads, managers, role and
 * group memberships, in ONE transaction. All or nothing: when any row is refused nothing is
 * written — a half-applied chart would route approvals by a mix of the old and the new
 * structure (a manager set, their department not yet), and the fixed file can simply be
 * imported again, since an import of the same rows changes nothing the second time.
 */
export class OrgImportService {
  constructor(
    private readonly db: Db,
    private readonly directory: OrgDirectory,
  ) {}

  async importCsv(text: string): Promise<{ ok: boolean; report: ImportReport }> {
    const { rows, problems } = parseOrgCsv(text);
    const refused = [...problems];
    try {
      const report = await orgWrite(this.db, async (q, s) => {
        const groupTypes = new Map((await q<{ id: string; type: string | null }>(`SELECT id, type FROM groups`)).map((g) => [g.id, g.type] as const));
        const p = plan(rows, s, groupTypes, refused);
        const cycle = cycleMessage(s);
        if (cycle) refused.push({ row: blame(rows, cycle.message), message: cycle.message });
        if (refused.length) {
          refused.sort((a, b) => a.row - b.row);
          // thrown, so the transaction rolls back (it has written nothing yet) and orgWrite's own check is skipped
          throw new Refused({ created: 0, updated: 0, departmentsCreated: 0, groupsCreated: 0, refused, message: `${refused.length} row(s) refused; nothing was imported` });
        }
        await write(q, p);
        const created = p.newUsers.length;
        return { created, updated: p.oldUsers.length, departmentsCreated: p.newDepartments.length, groupsCreated: p.newGroups.size, refused: [], message: created ? `imported; ${NO_PASSWORD}` : 'imported' };
      });
      await this.directory.changed();
      return { ok: true, report };
    } catch (e) {
      if (e instanceof Refused) return { ok: false, report: e.report };
      throw e;
    }
  }
}

class Refused extends Error {
  constructor(readonly report: ImportReport) {
    super(report.message);
  }
}
