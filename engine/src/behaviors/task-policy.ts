/**
 * Applies EngineOptions.userTaskPolicy (context/task-policy.ts) at the two phases it hooks: a
 * multi-instance collection just evaluated, and a user task just created (after the
 * assignment redirect). Its answers are checked like the assignment hook's: a malformed one
 * fails the command instead of half-setting a task.
 */
import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState, TaskRow } from '../context/instance-state.ts';
import type { CollectionAnswer, TaskCompletion, TaskCreatedAnswer } from '../context/task-policy.ts';
import { setVariables } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import type { NodeModel } from '../model/types.ts';
import { finishTask, scopeView } from '../operations/finish-task.ts';

const MAX_REASON = 2_000;

/** asks the embedder's hook; its throw fails the command, named */
function ask<T>(where: string, call: () => T | null): T | null {
  try {
    return call() ?? null;
  } catch (e) {
    if (e instanceof LzError) throw e;
    throw new LzError('LZ_ERR_DELEGATE_FAILED', `user task policy failed for ${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** what every hook is told about where it is */
function about(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel) {
  return { node, processDefinitionKey: inst.row.definition_key!, processInstanceId: inst.id, scope: scopeView(inst, exec), at: ctx.now };
}

function badAnswer(where: string, what: string): never {
  throw new LzError('LZ_ERR_DELEGATE_FAILED', `user task policy answered ${where} with ${what}`);
}

function checkReason(where: string, reason: unknown): string {
  if (typeof reason !== 'string' || reason.length > MAX_REASON || reason.includes('\u0000')) badAnswer(where, `no usable reason (a string of at most ${MAX_REASON} characters)`);
  return reason;
}

function comment(ctx: CommandContext, inst: InstanceState, taskId: string | null, message: string): void {
  ctx.uow.table('comments').insert({ id: ctx.newId(), task_id: taskId, instance_id: inst.id, user_id: null, time: ctx.now, message });
}

/** the collection the loop runs over (the policy's, or the evaluated one) */
export function policyCollection(ctx: CommandContext, inst: InstanceState, body: ExecutionRow, node: NodeModel, collection: unknown[]): unknown[] {
  const hook = ctx.services.userTaskPolicy?.collection;
  if (!hook || node.type !== 'userTask') return collection;
  const where = `the collection of '${node.id}' in process '${inst.model.id}'`;
  const answer: CollectionAnswer | null = ask(where, () => hook.call(ctx.services.userTaskPolicy, { ...about(ctx, inst, body, node), collection }));
  if (answer === null) return collection;
  if (!Array.isArray(answer.collection)) badAnswer(where, 'no collection list');
  if (answer.variables) setVariables(ctx, inst, body.id, answer.variables);
  if (answer.reason !== undefined) comment(ctx, inst, null, checkReason(where, answer.reason));
  return answer.collection;
}

/**
 * A task about to be written: reassigned (the row is changed before it is written), or to be
 * completed at once — returned, for the behaviour to finish once the task exists.
 */
export function policyOnCreated(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel, task: TaskRow): TaskCompletion | null {
  const hook = ctx.services.userTaskPolicy?.created;
  if (!hook) return null;
  const where = `task '${node.id}' of process '${inst.model.id}'`;
  const view = { id: task.id, assignee: task.assignee, candidateUsers: (task.candidate_users as string[] | null) ?? [], candidateGroups: (task.candidate_groups as string[] | null) ?? [] };
  const answer: TaskCreatedAnswer | null = ask(where, () => hook.call(ctx.services.userTaskPolicy, { ...about(ctx, inst, exec, node), task: view }));
  if (answer === null) return null;
  if (typeof (answer as { then?: unknown }).then === 'function') badAnswer(where, 'a promise; it must be synchronous');
  const reason = checkReason(where, answer.reason);
  if ('complete' in answer) {
    // an empty reason passes without a word (the resubmit step as a request is filed)
    if (reason) comment(ctx, inst, task.id, reason);
    return answer.complete ?? {};
  }
  if (typeof answer.assignee !== 'string' || answer.assignee.trim() === '') badAnswer(where, 'an empty assignee');
  if (answer.assignee === task.assignee) return null;
  task.original_assignee ??= task.assignee;
  task.assignee = answer.assignee;
  task.assignment_note = reason;
  comment(ctx, inst, task.id, `assigned to ${answer.assignee}: ${reason}`);
  return null;
}

export { finishTask };
