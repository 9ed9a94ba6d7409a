import { LzError, type Db } from '@liuzhuan/engine';
import type { IdentityService } from '../identity/identity.service.ts';
import type { OrgDirectory } from './org-directory.ts';
import { OrgModel } from './org-model.ts';
import { loadSnapshot } from './org-snapshot.repo.ts';
import { invalid, orgWrite } from './org-write.ts';
import { ROLE_GROUP_TYPE } from './org.types.ts';

export interface OrgUserView {
  userId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  department: { id: string; name: string } | null;
  /** the manager set on the profile */
  managerId: string | null;
  /** who manager(user) gives: the explicit manager, else the department-head rule */
  resolvedManagerId: string | null;
  title: string | null;
  /** business roles: identity groups of type ROLE */
  roles: string[];
  /** admin / analyst / employee */
  systemRoles: string[];
  /** the other identity groups */
  groups: string[];
  /** departments this user heads */
  headOf: string[];
}

export interface ProfileInput {
  departmentId: string | null;
  managerId: string | null;
  title: string | null;
}

export interface ManagerEntry {
  level: number;
  userId: string;
  firstName: string | null;
  lastName: string | null;
}

const MAX_TITLE = 200;

/** Each user's org profile (department, explicit manager, title) and what the rules make of it. */
export class ProfilesService {
  constructor(
    private readonly db: Db,
    private readonly identity: IdentityService,
    private readonly directory: OrgDirectory,
  ) {}

  private async model(userId: string): Promise<OrgModel> {
    const model = new OrgModel(await loadSnapshot(this.db));
    if (!model.hasUser(userId)) throw new LzError('LZ_ERR_ORG_NOT_FOUND', `there is no user '${userId}'`);
    return model;
  }

  async get(userId: string): Promise<OrgUserView> {
    const model = await this.model(userId);
    const user = (await this.identity.getUser(userId))!;
    const s = model.snapshot;
    const p = model.profile(userId);
    const dept = p?.departmentId ? model.department(p.departmentId) : null;
    const groups = s.userGroups.get(userId) ?? [];
    return {
      userId,
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      department: dept ? { id: dept.id, name: dept.name } : null,
      managerId: p?.managerId ?? null,
      resolvedManagerId: model.manager(userId),
      title: p?.title ?? null,
      roles: groups.filter((g) => s.groupTypes.get(g) === ROLE_GROUP_TYPE),
      systemRoles: s.userSystemRoles.get(userId) ?? [],
      groups: groups.filter((g) => s.groupTypes.get(g) !== ROLE_GROUP_TYPE),
      headOf: [...s.departments.values()].filter((d) => d.headUserId === userId).map((d) => d.id).sort(),
    };
  }

  /** the chain above the user, nearest first, `levels` long at most */
  async managers(userId: string, levels: number): Promise<ManagerEntry[]> {
    const chain = (await this.model(userId)).managers(userId, levels);
    const users = new Map((await this.identity.queryUsers({ ids: chain })).map((u) => [u.id, u]));
    return chain.map((id, i) => ({ level: i + 1, userId: id, firstName: users.get(id)?.firstName ?? null, lastName: users.get(id)?.lastName ?? null }));
  }

  /** sets the whole profile; refused (nothing changed) when the manager chain would loop */
  async put(userId: string, input: ProfileInput): Promise<OrgUserView> {
    if (input.title !== null && input.title.length > MAX_TITLE) throw invalid(`a title has at most ${MAX_TITLE} characters`, 'title');
    await orgWrite(this.db, async (q, s) => {
      if (!s.users.has(userId)) throw new LzError('LZ_ERR_ORG_NOT_FOUND', `there is no user '${userId}'`);
      if (input.departmentId !== null && !s.departments.has(input.departmentId)) throw invalid(`there is no department '${input.departmentId}'`, 'departmentId');
      if (input.managerId !== null) {
        if (input.managerId === userId) throw invalid('a user cannot be their own manager', 'managerId');
        if (!s.users.has(input.managerId)) throw invalid(`there is no user '${input.managerId}'`, 'managerId');
      }
      await q(
        `INSERT INTO org_profiles (user_id, department_id, manager_id, title) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET department_id = EXCLUDED.department_id, manager_id = EXCLUDED.manager_id, title = EXCLUDED.title`,
        [userId, input.departmentId, input.managerId, input.title],
      );
      s.profiles.set(userId, { userId, ...input });
    });
    await this.directory.changed();
    return this.get(userId);
  }
}
