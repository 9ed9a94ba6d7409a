import type { NodeModel } from '../model/types.ts';

/**
 * The user-task policy (EngineOptions.userTaskPolicy): the embedder's rules on a user task's
 * lifecycle — who gets it when a multi-instance collection is evaluated, whether a task just
 * created passes by itself — kept out of user-task.ts and multi-instance.ts (ARCHITECTURE:
 * policies hook lifecycle events). The runtime's approval steps use it for empty approvers
 * and auto-approval. Both hooks are synchronous and run inside the command: a throw fails the
 * command and nothing is written.
 */

/** what a policy (or a completing caller) sees of the task's execution */
export interface TaskScopeView {
  /** a variable visible from the task's execution (its local ones, the loop's, the instance's) */
  read(name: string): unknown;
  /** the multi-instance body the task is an inner instance of, null otherwise */
  readonly loop: { readonly id: string; readonly total: number; readonly completed: number; readonly active: number } | null;
}

/**
 * How a task completes: `variables` propagate as on any completion (Camunda setVariable);
 * `loopVariables` are set on the multi-instance body (local to this round of the step, seen by
 * its completion condition; ignored outside a loop); `local` on the task's own execution.
 */
export interface TaskCompletion {
  variables?: Record<string, unknown>;
  loopVariables?: Record<string, unknown>;
  local?: Record<string, unknown>;
}

export interface CollectionInput {
  node: NodeModel;
  processDefinitionKey: string;
  processInstanceId: string;
  collection: readonly unknown[];
  scope: TaskScopeView;
  at: Date;
}

/** replaces the collection; `variables` are set (from the body) before the loop starts — an empty one then completes at once */
export interface CollectionAnswer {
  collection: unknown[];
  variables?: Record<string, unknown>;
  /** kept as an instance comment when given */
  reason?: string;
}

export interface TaskCreatedInput {
  node: NodeModel;
  processDefinitionKey: string;
  processInstanceId: string;
  task: { readonly id: string; readonly assignee: string | null; readonly candidateUsers: readonly string[]; readonly candidateGroups: readonly string[] };
  scope: TaskScopeView;
  at: Date;
}

/** the task goes to `assignee`, or completes at once as `complete` says; `reason` becomes a task comment (none when empty on a completion) */
export type TaskCreatedAnswer = { assignee: string; reason: string } | { complete: TaskCompletion; reason: string };

export interface UserTaskPolicy {
  collection?(input: CollectionInput): CollectionAnswer | null;
  created?(input: TaskCreatedInput): TaskCreatedAnswer | null;
}

/** a completion computed inside the completing command, from the task's current variables (run again on a retried conflict) */
export type TaskCompletionFn = (scope: TaskScopeView) => TaskCompletion;
