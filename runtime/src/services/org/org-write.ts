import { LzError, type Db } from '@liuzhuan/engine';
import { OrgModel } from './org-model.ts';
import { loadStructure, type Query } from './org-snapshot.repo.ts';

/** the rule of identity.service.ts for user ids (a user made here must be one it accepts) */
export const USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;
/** department ids are what expressions name (`deptHead("sales")`); any printable text, 1–64 characters, no surrounding spaces */
export const DEPT_ID = /^[^\s\p{Cc}](?:[^\p{Cc}]{0,62}[^\s\p{Cc}])?$/u;

export type Structure = Awaited<ReturnType<typeof loadStructure>>;

export function invalid(message: string, path = ''): LzError {
  return new LzError('LZ_ERR_ORG_INVALID', message, { errors: [{ path, message }] });
}

export function checkDeptId(id: unknown, path: string): string {
  if (typeof id !== 'string' || !DEPT_ID.test(id)) throw invalid('a department id has 1–64 printable characters, without spaces at either end', path);
  return id;
}

export function checkUserId(id: unknown, path: string): string {
  if (typeof id !== 'string' || !USER_ID.test(id)) throw invalid('a user id has 1–64 letters, digits or . _ @ -', path);
  return id;
}

/** the first cycle the structure has, as a message, or null */
export function cycleMessage(s: Structure): { path: string; message: string } | null {
  const model = OrgModel.of(s);
  const depts = model.departmentCycle();
  if (depts) return { path: 'parentId', message: `the department parent chain would loop: ${depts.join(' → ')}` };
  const managers = model.managerCycle();
  if (managers) return { path: 'managerId', message: `the manager chain would loop: ${managers.join(' → ')}` };
  return null;
}

/**
 * One org write: a transaction that holds the org lock (so two processes cannot each add half
 * of a cycle), reads the departments and profiles, lets `fn` change the database and the same
 * change in the structure it was given, and refuses the whole write when the result has a
 * cycle in the department tree or the manager chain (LZ_ERR_ORG_INVALID; nothing is kept).
 */
export function orgWrite<T>(db: Db, fn: (q: Query, s: Structure) => Promise<T>): Promise<T> {
  return db.transaction(async (q) => {
    await q(`SELECT pg_advisory_xact_lock(hashtext('liuzhuan-org'))`);
    const s = await loadStructure(q);
    const result = await fn(q, s);
    const cycle = cycleMessage(s);
    if (cycle) throw invalid(cycle.message, cycle.path);
    return result;
  });
}
