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
  };
}

/** the engine's task-assignment hook: an out-of-office assignee's new task goes to the delegate */
export function orgTaskAssignment(directory: OrgDirectory): TaskAssignmentHook {
  return (input) => directory.current.redirect(input.assignee, input.at);
}
