import { taskChanged } from '../context/history.ts';
import type { CommandContext } from '../context/command-context.ts';
import type { InstanceState, TaskRow } from '../context/instance-state.ts';
import { runCommand } from '../context/run-command.ts';
import type { EngineServices } from '../context/services.ts';
import { setResults } from '../context/variables.ts';
import type { TaskCompletionFn } from '../context/task-policy.ts';
import { finishTask, scopeView } from '../operations/finish-task.ts';
import { LzError } from '../errors.ts';

async function loadTask(ctx: CommandContext, taskId: string): Promise<{ inst: InstanceState; task: TaskRow }> {
  const inst = await ctx.instanceOf('tasks', taskId);
  const task = inst?.tasks.get(taskId);
  if (!inst || !task) throw new LzError('LZ_ERR_TASK_NOT_FOUND', taskId);
  return { inst, task };
}

/**
 * completes a user task: its variables are set, the task goes, the token moves on. `variables`
 * may be a function of the task's current variables, run inside the command (again when a
 * conflict retries it), so a tally over several completions cannot lose an update.
 */
export function completeTask(services: EngineServices, taskId: string, variables?: Record<string, unknown> | TaskCompletionFn, opts: { retries?: number } = {}): Promise<void> {
  return runCommand(
    services,
    async (ctx) => {
      const { inst, task } = await loadTask(ctx, taskId);
      const exec = inst.executions.get(task.execution_id!);
      if (!exec) throw new LzError('LZ_ERR_TASK_NOT_FOUND', `${taskId} (its execution is gone)`);
      // a delegated task goes back to its owner first (Camunda: resolve before complete)
      if (task.delegation_state === 'PENDING') throw new LzError('LZ_ERR_TASK_DELEGATED', taskId);
      finishTask(ctx, inst, exec, task, typeof variables === 'function' ? variables(scopeView(inst, exec)) : { variables });
    },
    opts,
  );
}

/** claim (`userId`), set assignee (`force`) or unclaim (`null`) */
export function assignTask(services: EngineServices, taskId: string, userId: string | null, opts: { force?: boolean } = {}): Promise<void> {
  return runCommand(services, async (ctx) => {
    const { inst, task } = await loadTask(ctx, taskId);
    if (userId !== null && !opts.force && task.assignee && task.assignee !== userId) {
      throw new LzError('LZ_ERR_TASK_CLAIMED', `task ${taskId} is assigned to ${task.assignee}`);
    }
    task.assignee = userId;
    inst.touchTask(task);
    taskChanged(ctx, task);
    ctx.emit({ type: 'task.assigned', taskId, assignee: userId });
  });
}

/**
 * Delegation (Camunda TaskService.delegateTask): the assignee becomes the owner and the task
 * goes to `userId`; it comes back to the owner when resolved.
 */
export function delegateTask(services: EngineServices, taskId: string, userId: string): Promise<void> {
  return runCommand(services, async (ctx) => {
    const { inst, task } = await loadTask(ctx, taskId);
    if (!task.owner) task.owner = task.assignee;
    task.assignee = userId;
    task.delegation_state = 'PENDING';
    inst.touchTask(task);
    taskChanged(ctx, task);
    ctx.emit({ type: 'task.delegated', taskId, assignee: userId, owner: task.owner });
  });
}

/** the delegate is done: variables are set and the task is back with its owner */
export function resolveTask(services: EngineServices, taskId: string, variables?: Record<string, unknown>): Promise<void> {
  return runCommand(services, async (ctx) => {
    const { inst, task } = await loadTask(ctx, taskId);
    if (task.delegation_state !== 'PENDING') throw new LzError('LZ_ERR_BAD_REQUEST', `task ${taskId} is not delegated`);
    const exec = inst.executions.get(task.execution_id!);
    if (exec) setResults(ctx, inst, exec, variables);
    task.assignee = task.owner;
    task.delegation_state = 'RESOLVED';
    inst.touchTask(task);
    taskChanged(ctx, task);
    ctx.emit({ type: 'task.resolved', taskId, assignee: task.assignee });
  });
}

/** changes the task's own fields (name, description, priority, due and follow-up dates, owner) */
export function updateTask(
  services: EngineServices,
  taskId: string,
  patch: { name?: string | null; description?: string | null; priority?: number; due?: Date | null; followUp?: Date | null; owner?: string | null },
): Promise<void> {
  return runCommand(services, async (ctx) => {
    const { inst, task } = await loadTask(ctx, taskId);
    if (patch.name !== undefined) task.name = patch.name;
    if (patch.description !== undefined) task.description = patch.description;
    if (patch.priority !== undefined) task.priority = patch.priority;
    if (patch.due !== undefined) task.due_date = patch.due;
    if (patch.followUp !== undefined) task.follow_up_date = patch.followUp;
    if (patch.owner !== undefined) task.owner = patch.owner;
    inst.touchTask(task);
    taskChanged(ctx, task);
  });
}

/**
 * Adds or removes a candidate user or group (Camunda TaskService.addCandidateUser /
 * deleteCandidateGroup …). Adding one already there and removing one not there change nothing.
 */
export function changeTaskCandidate(
  services: EngineServices,
  taskId: string,
  change: { op: 'add' | 'remove'; userId?: string | null; groupId?: string | null },
): Promise<void> {
  const userId = change.userId ?? null;
  const groupId = change.groupId ?? null;
  if ((userId === null) === (groupId === null)) return Promise.reject(new LzError('LZ_ERR_BAD_REQUEST', 'a candidate is either a userId or a groupId'));
  return runCommand(services, async (ctx) => {
    const { inst, task } = await loadTask(ctx, taskId);
    const col = userId !== null ? 'candidate_users' : 'candidate_groups';
    const id = (userId ?? groupId)!;
    const current = ((task[col] as string[] | null) ?? []).slice();
    const has = current.includes(id);
    if (change.op === 'add' ? has : !has) return;
    task[col] = change.op === 'add' ? [...current, id] : current.filter((x) => x !== id);
    inst.touchTask(task);
    ctx.emit({ type: 'task.candidates-changed', taskId, candidateUsers: (task.candidate_users as string[] | null) ?? [], candidateGroups: (task.candidate_groups as string[] | null) ?? [] });
  });
}
