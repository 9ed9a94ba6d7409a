import type { CommandContext } from '../context/command-context.ts';
import { activityEnded, instanceEnded } from '../context/history.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { removeOwnedRows } from './owned-rows.ts';

/**
 * Cancels an execution and everything below it: child executions first, then its tasks,
 * subscriptions, jobs and incidents; a call activity cancels the instance it called.
 */
export async function cancelExecution(
  ctx: CommandContext,
  inst: InstanceState,
  exec: ExecutionRow,
  reason: string,
  calledState: 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED' = 'INTERNALLY_TERMINATED',
): Promise<void> {
  for (const child of inst.children(exec.id)) await cancelExecution(ctx, inst, child, reason, calledState);
  const called = exec.data.calledInstanceId;
  if (called) {
    // a deletion cascades as one (Camunda PvmAtomicOperationDeleteCascade); an interruption ends the child internally
    const child = await ctx.tryInstance(called);
    if (child) await cancelInstance(ctx, child, reason, calledState);
  }
  // a cancelled task is 'deleted' in history whatever the cause (Camunda removeAllTasks)
  removeOwnedRows(ctx, inst, exec.id, { compensation: true, taskReason: 'deleted' });
  if (exec.kind !== 'process') {
    if (exec.kind !== 'event-scope') activityEnded(ctx, exec.id, 'canceled');
    inst.removeExecution(exec.id);
  }
}

/** cancels every child of a scope, leaving the scope itself */
export async function cancelChildren(ctx: CommandContext, inst: InstanceState, scope: ExecutionRow, reason: string, except?: (e: ExecutionRow) => boolean): Promise<void> {
  for (const child of inst.children(scope.id)) {
    if (except?.(child)) continue;
    await cancelExecution(ctx, inst, child, reason);
  }
}

/** ends a whole instance without completing it (deleted, or cancelled by its caller) */
export async function cancelInstance(
  ctx: CommandContext,
  inst: InstanceState,
  reason: string,
  state: 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED',
): Promise<void> {
  if (inst.ended) return;
  await cancelExecution(ctx, inst, inst.root(), reason, state);
  instanceEnded(ctx, inst, state, null, reason);
  inst.removeAll();
  ctx.emit({ type: 'process-instance.cancelled', processInstanceId: inst.id, reason });
}
