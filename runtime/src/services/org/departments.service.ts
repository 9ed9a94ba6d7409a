import { LzError, type Db } from '@liuzhuan/engine';
import type { OrgDirectory } from './org-directory.ts';
import { OrgModel } from './org-model.ts';
import { loadSnapshot } from './org-snapshot.repo.ts';
import { checkDeptId, invalid, orgWrite, type Structure } from './org-write.ts';

export interface DepartmentNode {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
  /** users whose department is this one (not counting departments below) */
  memberCount: number;
  children: DepartmentNode[];
}

export interface DepartmentInput {
  id: string;
  name: string;
  parentId?: string | null;
  headUserId?: string | null;
}

export type DepartmentPatch = Partial<Omit<DepartmentInput, 'id'>>;

const MAX_NAME = 200;

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME) throw invalid(`a department name has 1–${MAX_NAME} characters`, 'name');
  return name;
}

function checkParent(s: Structure, id: string, parentId: string | null | undefined): void {
  if (parentId === null || parentId === undefined) return;
  if (parentId === id) throw invalid(`department '${id}' cannot be its own parent`, 'parentId');
  if (!s.departments.has(parentId)) throw invalid(`there is no department '${parentId}'`, 'parentId');
}

function checkHead(s: Structure, head: string | null | undefined): void {
  if (head === null || head === undefined) return;
  if (!s.users.has(head)) throw invalid(`there is no user '${head}'`, 'headUserId');
}

function notFound(id: string): LzError {
  return new LzError('LZ_ERR_ORG_NOT_FOUND', `there is no department '${id}'`);
}

/** The department tree: read, create, change (name, parent, head), delete. */
export class DepartmentsService {
  constructor(
    private readonly db: Db,
    private readonly directory: OrgDirectory,
  ) {}

  /** the whole tree, roots first, children by id; read from the database, not the directory */
  async tree(): Promise<DepartmentNode[]> {
    const model = new OrgModel(await loadSnapshot(this.db));
    const counts = new Map<string, number>();
    for (const p of model.snapshot.profiles.values()) if (p.departmentId) counts.set(p.departmentId, (counts.get(p.departmentId) ?? 0) + 1);
    const node = (id: string): DepartmentNode => {
      const d = model.department(id)!;
      return { id: d.id, name: d.name, parentId: d.parentId, headUserId: model.deptHead(d.id), memberCount: counts.get(d.id) ?? 0, children: model.children(d.id).map((c) => node(c.id)) };
    };
    return model.children(null).map((d) => node(d.id));
  }

  async create(input: DepartmentInput): Promise<DepartmentNode> {
    const id = checkDeptId(input.id, 'id');
    const name = checkName(input.name);
    await orgWrite(this.db, async (q, s) => {
      if (s.departments.has(id)) throw invalid(`department '${id}' exists`, 'id');
      checkParent(s, id, input.parentId);
      checkHead(s, input.headUserId);
      const d = { id, name, parentId: input.parentId ?? null, headUserId: input.headUserId ?? null };
      await q(`INSERT INTO org_departments (id, name, parent_id, head_user_id) VALUES ($1, $2, $3, $4)`, [d.id, d.name, d.parentId, d.headUserId]);
      s.departments.set(id, d);
    });
    await this.directory.changed();
    return { id, name, parentId: input.parentId ?? null, headUserId: input.headUserId ?? null, memberCount: 0, children: [] };
  }

  /** changes what the patch names; `parentId: null` makes a root, `headUserId: null` leaves it without a head */
  async update(id: string, patch: DepartmentPatch): Promise<void> {
    await orgWrite(this.db, async (q, s) => {
      const d = s.departments.get(id);
      if (!d) throw notFound(id);
      const next = { ...d };
      if (patch.name !== undefined) next.name = checkName(patch.name);
      if (patch.parentId !== undefined) {
        checkParent(s, id, patch.parentId);
        next.parentId = patch.parentId;
      }
      if (patch.headUserId !== undefined) {
        checkHead(s, patch.headUserId);
        next.headUserId = patch.headUserId;
      }
      await q(`UPDATE org_departments SET name = $2, parent_id = $3, head_user_id = $4 WHERE id = $1`, [id, next.name, next.parentId, next.headUserId]);
      s.departments.set(id, next);
    });
    await this.directory.changed();
  }

  /** refused while users belong to it or departments hang below it (move them first) */
  async delete(id: string): Promise<void> {
    await orgWrite(this.db, async (q, s) => {
      if (!s.departments.has(id)) throw notFound(id);
      const children = [...s.departments.values()].filter((d) => d.parentId === id).map((d) => d.id);
      if (children.length) throw invalid(`department '${id}' has departments below it (${children.slice(0, 5).join(', ')}); move or delete them first`, 'id');
      const members = [...s.profiles.values()].filter((p) => p.departmentId === id).map((p) => p.userId);
      if (members.length) throw invalid(`department '${id}' has ${members.length} member(s) (${members.slice(0, 5).join(', ')}); move them first`, 'id');
      await q(`DELETE FROM org_departments WHERE id = $1`, [id]);
      s.departments.delete(id);
    });
    await this.directory.changed();
  }
}
