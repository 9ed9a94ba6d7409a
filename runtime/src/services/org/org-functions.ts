import type { TaskAssignmentHook } from '@liuzhuan/engine';
import type { OrgDirectory } from './org-directory.ts';

/** a user id, or null for a missing one (an unset variable), anything else is a modelling error */
function userArg(fn: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v !== 'string') throw new TypeError(`${fn}: expected a user id (a string), got ${typeof v}`);
  return v;
}

function textArg(fn: string, what: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v !== 'string') throw new TypeError(`${fn}: expected a ${what} id (a string), got ${typeof v}`);
  return v;
}

function levelArg(v: unknown): number {
  if (v === undefined || v === null) return 1;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 100) throw new TypeError(`manager: the level must be a whole number from 1 to 100, got ${String(v)}`);
  return n;
}

/** a list of user ids from a list, a comma-separated string, one id, or nothing (a form field, a picker's variable) */
export function userList(v: unknown): string[] {
  if (v === null || v === undefined || v === '') return [];
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : null;
  if (!items) throw new TypeError(`userList: expected a list of user ids or a comma-separated string, got ${typeof v}`);
  const out: string[] = [];
  for (const i of items) {
    if (typeof i !== 'string') throw new TypeError(`userList: a user id must be a string, got ${typeof i}`);
    const id = i.trim();
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * The functions FEEL and JUEL expressions call by bare name, and the assignee fields with them:
 * `${manager(initiator)}`, `=manager(initiator, 2)`, `=deptHead("sales")`,
 * `${usersWithRole('finance')}`, `${usersInDept('sales')}`. Each reads the directory's current
 * snapshot at the moment it is called. Unknown users, departments and roles give null / [];
 * a value of the wrong kind throws, which the engine reports as an expression error.
 */
export function orgExpressionFunctions(directory: OrgDirectory): Record<string, (...args: unknown[]) => unknown> {
  return {
    manager: (user: unknown, level?: unknown) => {
      const u = userArg('manager', user);
      const n = levelArg(level);
      return u ? directory.current.managerAt(u, n) : null;
    },
    deptHead: (dept: unknown) => {
      const d = textArg('deptHead', 'department', dept);
      return d ? directory.current.deptHead(d) : null;
    },
    usersWithRole: (role: unknown) => {
      const r = textArg('usersWithRole', 'role', role);
      return r ? directory.current.usersWithRole(r) : [];
    },
    usersInDept: (dept: unknown) => {
      const d = textArg('usersInDept', 'department', dept);
      return d ? directory.current.usersInDept(d) : [];
    },
    // the list-returning forms approval steps loop over (docs/approvals.md): none found → []
    userList: (v: unknown) => userList(v),
    managerOf: (user: unknown, level?: unknown) => {
      const u = userArg('managerOf', user);
      const m = u ? directory.current.managerAt(u, levelArg(level)) : null;
      return m ? [m] : [];
    },
    deptHeadOf: (dept: unknown) => {
      const d = textArg('deptHeadOf', 'department', dept);
      const h = d ? directory.current.deptHead(d) : null;
      return h ? [h] : [];
    },
    initiatorDeptHead: (user: unknown) => {
      const u = userArg('initiatorDeptHead', user);
      const dept = u ? directory.current.profile(u)?.departmentId : null;
      const h = dept ? directory.current.deptHead(dept) : null;
      return h ? [h] : [];
    },
  };
}

/** the engine's task-assignment hook: an out-of-office assignee's new task goes to the delegate */
export function orgTaskAssignment(directory: OrgDirectory): TaskAssignmentHook {
  return (input) => directory.current.redirect(input.assignee, input.at);
}
