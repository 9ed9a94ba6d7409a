import type { ProcessModel, TaskInfo } from '@liuzhuan/engine';
import type { Principal } from '../identity/identity.service.ts';

/**
 * The rules of who may do what (issue 3, "Auth"), in one place:
 * - deploy, delete, migrate, modify, job and incident administration: admins only;
 * - a task is seen by its assignee, owner, candidate users and members of its candidate groups;
 * - a task is completed (resolved, its form submitted) by its assignee — a candidate claims it
 *   first — or an admin;
 * - a process is started by the candidate starters of its definition, everyone when none are named.
 */
export function canSeeTask(p: Principal, t: Pick<TaskInfo, 'assignee' | 'owner' | 'candidateUsers' | 'candidateGroups'>): boolean {
  return p.isAdmin || t.assignee === p.id || t.owner === p.id || t.candidateUsers.includes(p.id) || t.candidateGroups.some((g) => p.groups.includes(g));
}

export function canClaimTask(p: Principal, t: Pick<TaskInfo, 'assignee' | 'owner' | 'candidateUsers' | 'candidateGroups'>): boolean {
  if (p.isAdmin) return true;
  if (t.assignee && t.assignee !== p.id) return false;
  return canSeeTask(p, t);
}

export function canWorkOnTask(p: Principal, t: Pick<TaskInfo, 'assignee'>): boolean {
  return p.isAdmin || t.assignee === p.id;
}

export function canStart(p: Principal, model: Pick<ProcessModel, 'candidateStarterUsers' | 'candidateStarterGroups'>): boolean {
  if (p.isAdmin) return true;
  if (model.candidateStarterUsers.length === 0 && model.candidateStarterGroups.length === 0) return true;
  return model.candidateStarterUsers.includes(p.id) || model.candidateStarterGroups.some((g) => p.groups.includes(g));
}
