import type { TaskCompletion, TaskScopeView } from '@liuzhuan/engine';
import type { StepPolicy } from './policy.ts';

/** loop-local tally of one round of a step, and the decision flag its completion condition reads */
export const TALLY = 'lzTally';
export const DECIDED = 'lzDecided';
/** process variables: the decision the flow routes on, who approved so far, each vote (history keeps every update) */
export const APPROVED = 'approved';
export const APPROVED_BY = 'lzApprovedBy';
export const VOTE = 'lzVote';

export interface Tally {
  approve: number;
  reject: number;
}

export interface VoteRecord {
  taskId: string;
  userId: string | null;
  vote: 'approve' | 'reject';
  /** set when a policy voted, not a person */
  auto: string | null;
}

/**
 * Whether the votes decide the step: true approved, false rejected, null not yet. 会签 (all)
 * and 依次 (sequential): everyone approves, the first reject decides; 或签 (any): the first
 * vote decides; ratio: approved once `passRatio` of the approvers approved, rejected once
 * that can no longer happen.
 */
export function decide(policy: Pick<StepPolicy, 'mode' | 'passRatio'>, t: Tally, total: number): boolean | null {
  const n = Math.max(total, 1);
  switch (policy.mode) {
    case 'any':
      return t.approve > 0 ? true : t.reject > 0 ? false : null;
    case 'ratio':
      if (t.approve / n >= policy.passRatio - 1e-9) return true;
      if ((n - t.reject) / n < policy.passRatio - 1e-9) return false;
      return null;
    default:
      return t.reject > 0 ? false : t.approve >= n ? true : null;
  }
}

function tallyOf(v: unknown): Tally {
  const t = v as Partial<Tally> | null;
  return { approve: Number(t?.approve) || 0, reject: Number(t?.reject) || 0 };
}

/** a vote as a task completion, computed inside the completing command from the round's tally */
export function voteCompletion(policy: StepPolicy, scope: TaskScopeView, vote: Omit<VoteRecord, 'vote'> & { yes: boolean }, values: Record<string, unknown> = {}): TaskCompletion {
  const before = tallyOf(scope.read(TALLY));
  const tally = { approve: before.approve + (vote.yes ? 1 : 0), reject: before.reject + (vote.yes ? 0 : 1) };
  // a task outside a loop is one approver: its vote decides
  const decision = scope.loop ? decide(policy, tally, scope.loop.total) : vote.yes;
  const approvedBy = Array.isArray(scope.read(APPROVED_BY)) ? (scope.read(APPROVED_BY) as string[]) : [];
  const record: VoteRecord = { taskId: vote.taskId, userId: vote.userId, vote: vote.yes ? 'approve' : 'reject', auto: vote.auto };
  return {
    variables: {
      ...values,
      [VOTE]: record,
      ...(vote.yes && vote.userId && !approvedBy.includes(vote.userId) ? { [APPROVED_BY]: [...approvedBy, vote.userId] } : {}),
      ...(decision !== null ? { [APPROVED]: decision } : {}),
    },
    loopVariables: { [TALLY]: tally, [DECIDED]: decision !== null },
  };
}
