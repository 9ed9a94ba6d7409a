import type { CommandContext } from '../context/command-context.ts';
import { taskEnded } from '../context/history.ts';
import type { ExecutionRow, InstanceState, TaskRow } from '../context/instance-state.ts';
import type { TaskCompletion, TaskScopeView } from '../context/task-policy.ts';
import { readVariable, setResults, setVariableLocal } from '../context/variables.ts';
import { parentOf } from './executions.ts';
import { leaveActivity } from './leave-activity.ts';
import { isInnerInstance } from './start-activity.ts';

/** the task's execution as a policy or a completion function sees it */
export function scopeView(inst: InstanceState, exec: ExecutionRow): TaskScopeView {
  const body = isInnerInstance(inst, exec) ? parentOf(inst, exec) : null;
  const mi = body?.data.mi;
  return {
    read: (name) => readVariable(inst, exec.id, name).value,
    loop: body && mi ? { id: body.id, total: mi.total, completed: mi.completed, active: mi.active } : null,
  };
}

/** sets a completion's variables: propagated, on the loop body, on the task's own execution */
export function applyCompletion(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, c: TaskCompletion): void {
  for (const [k, v] of Object.entries(c.local ?? {})) setVariableLocal(ctx, inst, exec.id, k, v);
  if (c.loopVariables && isInnerInstance(inst, exec)) {
    const body = parentOf(inst, exec);
    for (const [k, v] of Object.entries(c.loopVariables)) setVariableLocal(ctx, inst, body.id, k, v);
  }
  setResults(ctx, inst, exec, c.variables);
}

/** the task is done: its variables are set, the task goes, the token moves on */
export function finishTask(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, task: TaskRow, c: TaskCompletion): void {
  applyCompletion(ctx, inst, exec, c);
  inst.removeTask(task.id);
  taskEnded(ctx, task.id, 'completed');
  ctx.emit({ type: 'task.completed', taskId: task.id, processInstanceId: inst.id, taskDefinitionKey: task.element_id });
  ctx.agenda.push(() => leaveActivity(ctx, inst, exec));
}
