import type { ActRequest, TaskAction, TaskActionsResponse } from '../../api/workspace.ts';

/**
 * What the task page needs to know about the actions the server lists (docs/approvals.md),
 * mirroring runtime/src/services/approvals/task-actions.ts where the server decides the same.
 */

/** the actions that send the task form's values (the form checks its rules first) */
export const VALUED: ReadonlySet<TaskAction> = new Set(['approve', 'reject', 'resolve', 'resubmit', 'complete']);

/** the big buttons, in this order: they decide or finish the task */
const PRIMARY: readonly TaskAction[] = ['approve', 'reject', 'resubmit', 'resolve', 'complete'];

export const isPrimary = (a: TaskAction) => PRIMARY.includes(a);
export const primaryOf = (actions: readonly TaskAction[]) => PRIMARY.filter((a) => actions.includes(a));
export const secondaryOf = (actions: readonly TaskAction[]) => actions.filter((a) => !isPrimary(a));

/** the actions that need a choice (a step, a user, users) before they are sent */
export const needsChoice = (a: TaskAction) => !isPrimary(a);

/** `lz.commentRequired`: always (approve, reject, return), or on reject (reject, return) */
export function commentNeeded(rule: TaskActionsResponse['commentRequired'], a: TaskAction): boolean {
  if (rule === 'always') return a === 'approve' || a === 'reject' || a === 'return';
  if (rule === 'reject') return a === 'reject' || a === 'return';
  return false;
}

/** after these the task is still mine to decide: the page stays (cc, remove signer, a signer beside me) */
export const staysMine = (r: ActRequest) => r.action === 'cc' || r.action === 'removeSigner' || (r.action === 'addSigner' && r.position === 'parallel');

export const buttonClass = (a: TaskAction) => (a === 'reject' ? 'danger' : 'primary');
