/**
 * The task assignment hook (EngineOptions.taskAssignment): a policy on the user task's
 * "created" phase, kept out of user-task.ts (ARCHITECTURE: policies hook lifecycle events).
 * The runtime's organisation model uses it for delegations ("while Ana is away her tasks go
 * to Ben").
 *
 * Asked once, when a task is created with an assignee and before its row is written. A
 * redirect gives the task to the new assignee; the one the model named and the reason stay on
 * the task (and its history row) as original_assignee / assignment_note, and a task comment
 * says "assigned to X instead of Y: reason". The hook runs inside the command: if it throws,
 * the command fails and nothing is written.
 */
import type { CommandContext } from '../context/command-context.ts';
import type { InstanceState, TaskRow } from '../context/instance-state.ts';
import type { TaskAssignmentRedirect } from '../context/services.ts';
import { LzError } from '../errors.ts';

const MAX_REASON = 2_000;

/** Applies the hook to a task about to be created; returns the original assignee when redirected. */
export function redirectAssignment(ctx: CommandContext, inst: InstanceState, task: TaskRow): string | null {
  const hook = ctx.services.taskAssignment;
  if (hook === null || task.assignee === null) return null;
  const where = `task '${task.element_id}' of process '${inst.model.id}'`;
  let answer: TaskAssignmentRedirect | null;
  try {
    answer = hook({
      assignee: task.assignee,
      taskDefinitionKey: task.element_id!,
      processDefinitionKey: task.definition_key!,
      processInstanceId: inst.id,
      at: ctx.now,
    });
  } catch (e) {
    if (e instanceof LzError) throw e;
    throw new LzError('LZ_ERR_DELEGATE_FAILED', `task assignment hook failed for ${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (answer === null || answer === undefined) return null;
  const redirect = checked(answer, where);
  if (redirect.assignee === task.assignee) return null;
  const original = task.assignee;
  task.assignee = redirect.assignee;
  task.original_assignee = original;
  task.assignment_note = redirect.reason;
  ctx.uow.table('comments').insert({
    id: ctx.newId(),
    task_id: task.id,
    instance_id: inst.id,
    user_id: null,
    time: ctx.now,
    message: `assigned to ${redirect.assignee} instead of ${original}: ${redirect.reason}`,
  });
  return original;
}

/** the hook is the embedder's code: a malformed answer fails the command rather than a half-set task */
function checked(answer: unknown, where: string): TaskAssignmentRedirect {
  if (typeof (answer as { then?: unknown }).then === 'function') {
    (answer as Promise<unknown>).then(undefined, () => undefined);
    throw new LzError('LZ_ERR_DELEGATE_FAILED', `task assignment hook returned a promise for ${where}; it must be synchronous`);
  }
  const { assignee, reason } = answer as Partial<TaskAssignmentRedirect>;
  if (typeof assignee !== 'string' || assignee.trim() === '' || typeof reason !== 'string' || reason.length > MAX_REASON || reason.includes('\u0000')) {
    throw new LzError(
      'LZ_ERR_DELEGATE_FAILED',
      `task assignment hook answered ${where} with no usable redirect: it must return null or { assignee: non-empty string, reason: string of at most ${MAX_REASON} characters }`,
    );
  }
  return { assignee, reason };
}
