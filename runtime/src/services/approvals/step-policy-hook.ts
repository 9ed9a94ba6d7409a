import type { CollectionAnswer, TaskCreatedAnswer, UserTaskPolicy } from '@liuzhuan/engine';
import { isApprovalStep, isResubmitStep, stepPolicy } from './policy.ts';
import { APPROVED, APPROVED_BY, voteCompletion } from './votes.ts';

/** set (true) by a return to the initiator, so the resubmit step waits instead of passing */
export const RESUBMIT_PENDING = 'lzResubmit';
export const INITIATOR = 'initiator';

/**
 * The engine's user-task policy for approval steps (docs/approvals.md), run inside the command
 * that reaches the step:
 * - an empty approver list: pass (`approved=true`), reject (`approved=false`) or go to an admin;
 * - a task for the initiator (lz.selfApprove) or for someone who already approved in this
 *   request (lz.repeatApprove) is approved as it is created, as their vote;
 * - the resubmit step passes by itself unless a return to the initiator is pending.
 */
export function approvalTaskPolicy(): UserTaskPolicy {
  return {
    collection({ node, collection }): CollectionAnswer | null {
      if (!isApprovalStep(node)) return null;
      const unique = [...new Set(collection.filter((v) => v !== null && v !== undefined && v !== '').map(String))];
      if (unique.length > 0) return unique.length === collection.length ? null : { collection: unique };
      const policy = stepPolicy(node);
      const name = node.name ?? node.id;
      if (policy.empty === 'admin') return { collection: [policy.emptyAdmin], reason: `${name}: no approver found, the step goes to ${policy.emptyAdmin}` };
      const yes = policy.empty === 'autoApprove';
      return { collection: [], variables: { [APPROVED]: yes }, reason: `${name}: no approver found, ${yes ? 'approved' : 'rejected'} automatically` };
    },

    created({ node, task, scope }): TaskCreatedAnswer | null {
      if (isResubmitStep(node)) return scope.read(RESUBMIT_PENDING) === true ? null : { complete: {}, reason: '' };
      if (!isApprovalStep(node)) return null;
      const policy = stepPolicy(node);
      const assignee = task.assignee;
      if (assignee === null) {
        if (task.candidateUsers.length > 0 || task.candidateGroups.length > 0 || scope.loop) return null;
        if (policy.empty === 'admin') return { assignee: policy.emptyAdmin, reason: 'no approver found' };
        const yes = policy.empty === 'autoApprove';
        return { complete: voteCompletion(policy, scope, { taskId: task.id, userId: null, yes, auto: 'empty' }), reason: `no approver found, ${yes ? 'approved' : 'rejected'} automatically` };
      }
      if (policy.selfApprove && assignee === scope.read(INITIATOR)) {
        return { complete: voteCompletion(policy, scope, { taskId: task.id, userId: assignee, yes: true, auto: 'self' }), reason: 'approved automatically: the approver is the initiator' };
      }
      const before = scope.read(APPROVED_BY);
      if (policy.repeatApprove && Array.isArray(before) && before.includes(assignee)) {
        return { complete: voteCompletion(policy, scope, { taskId: task.id, userId: assignee, yes: true, auto: 'repeat' }), reason: 'approved automatically: the approver already approved this request' };
      }
      return null;
    },
  };
}
