import type { Delegation, Department, OrgSnapshot, Profile } from './org.types.ts';

/** how far the delegation hook follows "the delegate is out of office too" */
export const MAX_DELEGATION_HOPS = 5;

/** a found cycle: the ids in order, the first repeated at the end */
export type Cycle = string[];

/**
 * The organisation rules over one snapshot, pure and synchronous (the engine calls them from
 * expressions and from the task-assignment hook, which cannot wait for the database).
 *
 * - manager(u): u's explicit manager; else the head of u's department; when u heads it (or it
 *   has no head), the head of the nearest ancestor department whose head is not u — DingTalk's
 *   主管 rule: a department head reports to the head of the department above.
 * - manager(u, n): the n-th step of that chain (n = 1 is manager(u)); null when it ends.
 * - usersInDept(d): profiles in d or any department below it.
 * - usersWithRole(r): members of the identity group r (roles are groups of type ROLE, as
 *   Camunda's candidateGroups are groups) plus the holders of the system role r.
 * Users who no longer exist are nobody's manager or head (the foreign keys set them null, and
 * the snapshot drops what it cannot resolve).
 */
export class OrgModel {
  /** a model over just these parts; the rest of the snapshot empty */
  static of(parts: Partial<OrgSnapshot> = {}): OrgModel {
    return new OrgModel({
      users: new Set(),
      departments: new Map(),
      profiles: new Map(),
      groupMembers: new Map(),
      groupTypes: new Map(),
      userGroups: new Map(),
      systemRoleHolders: new Map(),
      userSystemRoles: new Map(),
      delegations: new Map(),
      ...parts,
    });
  }

  private readonly childrenOf = new Map<string | null, Department[]>();

  constructor(readonly snapshot: OrgSnapshot) {
    for (const d of snapshot.departments.values()) {
      const list = this.childrenOf.get(d.parentId) ?? [];
      list.push(d);
      this.childrenOf.set(d.parentId, list);
    }
    for (const list of this.childrenOf.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  }

  hasUser(id: string): boolean {
    return this.snapshot.users.has(id);
  }

  department(id: string): Department | null {
    return this.snapshot.departments.get(id) ?? null;
  }

  profile(userId: string): Profile | null {
    return this.snapshot.profiles.get(userId) ?? null;
  }

  children(parentId: string | null): Department[] {
    return this.childrenOf.get(parentId) ?? [];
  }

  deptHead(deptId: string): string | null {
    const head = this.snapshot.departments.get(deptId)?.headUserId ?? null;
    return head && this.snapshot.users.has(head) ? head : null;
  }

  /** d and every department below it (d first); empty for an unknown d */
  subtree(deptId: string): string[] {
    if (!this.snapshot.departments.has(deptId)) return [];
    const out: string[] = [];
    const seen = new Set<string>();
    const walk = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      out.push(id);
      for (const c of this.children(id)) walk(c.id);
    };
    walk(deptId);
    return out;
  }

  usersInDept(deptId: string): string[] {
    const depts = new Set(this.subtree(deptId));
    const out: string[] = [];
    for (const p of this.snapshot.profiles.values()) if (p.departmentId && depts.has(p.departmentId)) out.push(p.userId);
    return out.sort();
  }

  usersWithRole(role: string): string[] {
    const out = new Set<string>([...(this.snapshot.groupMembers.get(role) ?? []), ...(this.snapshot.systemRoleHolders.get(role) ?? [])]);
    return [...out].filter((u) => this.snapshot.users.has(u)).sort();
  }

  /** the resolved manager of u (see the class comment), or null */
  manager(userId: string): string | null {
    const p = this.snapshot.profiles.get(userId);
    if (p?.managerId && p.managerId !== userId && this.snapshot.users.has(p.managerId)) return p.managerId;
    const seen = new Set<string>();
    for (let d = p?.departmentId ? this.snapshot.departments.get(p.departmentId) : undefined; d && !seen.has(d.id); d = d.parentId ? this.snapshot.departments.get(d.parentId) : undefined) {
      seen.add(d.id);
      const head = this.deptHead(d.id);
      if (head && head !== userId) return head;
    }
    return null;
  }

  /** the chain above u, nearest first, at most `levels` long; stops where it ends or would repeat */
  managers(userId: string, levels: number): string[] {
    const out: string[] = [];
    const seen = new Set([userId]);
    let current = userId;
    while (out.length < levels) {
      const next = this.manager(current);
      if (!next || seen.has(next)) break;
      out.push(next);
      seen.add(next);
      current = next;
    }
    return out;
  }

  /** the n-th manager up (n = 1 direct), or null when the chain is shorter */
  managerAt(userId: string, n: number): string | null {
    return this.managers(userId, n)[n - 1] ?? null;
  }

  /** a department whose parent chain comes back to itself */
  departmentCycle(): Cycle | null {
    const done = new Set<string>();
    for (const start of this.snapshot.departments.keys()) {
      const path: string[] = [];
      const onPath = new Set<string>();
      for (let id: string | null = start; id && !done.has(id); id = this.snapshot.departments.get(id)?.parentId ?? null) {
        if (onPath.has(id)) return [...path.slice(path.indexOf(id)), id];
        onPath.add(id);
        path.push(id);
      }
      for (const id of path) done.add(id);
    }
    return null;
  }

  /** users whose resolved manager chain comes back to one of them */
  managerCycle(): Cycle | null {
    const done = new Set<string>();
    for (const start of this.snapshot.users) {
      const path: string[] = [];
      const onPath = new Set<string>();
      for (let id: string | null = start; id && !done.has(id); id = this.manager(id)) {
        if (onPath.has(id)) return [...path.slice(path.indexOf(id)), id];
        onPath.add(id);
        path.push(id);
      }
      for (const id of path) done.add(id);
    }
    return null;
  }

  /** the delegation that has u out of office at `at` (starts ≤ at < ends) */
  delegationAt(userId: string, at: Date): Delegation | null {
    const t = at.getTime();
    for (const d of this.snapshot.delegations.get(userId) ?? []) if (d.startsAt.getTime() <= t && t < d.endsAt.getTime() && this.snapshot.users.has(d.delegateId)) return d;
    return null;
  }

  /**
   * Where a task for `assignee` created at `at` goes: the delegate of an out-of-office user,
   * followed while the delegate is out too (at most MAX_DELEGATION_HOPS, never back to someone
   * already passed). Null when the assignee is in.
   */
  redirect(assignee: string, at: Date): { assignee: string; reason: string } | null {
    const seen = new Set([assignee]);
    const notes: string[] = [];
    let current = assignee;
    for (let hop = 0; hop < MAX_DELEGATION_HOPS; hop++) {
      const d = this.delegationAt(current, at);
      if (!d || seen.has(d.delegateId)) break;
      notes.push(`${current} is out of office ${window(d)} (delegation ${d.id})`);
      current = d.delegateId;
      seen.add(current);
    }
    return current === assignee ? null : { assignee: current, reason: `${notes.join('; ')}; assigned to ${current}` };
  }
}

const MIDNIGHT = (d: Date) => d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;

/** "2026-12-01 – 2026-12-10" for whole days (the end is exclusive, so the last day shown is the day before), ISO times otherwise */
export function window(d: Pick<Delegation, 'startsAt' | 'endsAt'>): string {
  if (MIDNIGHT(d.startsAt) && MIDNIGHT(d.endsAt)) return `${d.startsAt.toISOString().slice(0, 10)} – ${new Date(d.endsAt.getTime() - 1).toISOString().slice(0, 10)}`;
  return `${d.startsAt.toISOString()} – ${d.endsAt.toISOString()}`;
}
