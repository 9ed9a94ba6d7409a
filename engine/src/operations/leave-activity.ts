import type { CommandContext } from '../context/command-context.ts';
import { activityEnded } from '../context/history.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import type { NodeModel } from '../model/types.ts';
import { innerCompleted } from '../behaviors/multi-instance.ts';
import { compensationHandlerDone, registerCompensation } from './compensation.ts';
import { enterNode } from './enter-node.ts';
import { parentOf, setState } from './executions.ts';
import { applyOutputs } from './io-mappings.ts';
import { createJob } from './jobs.ts';
import { removeEventRows } from './owned-rows.ts';
import { tokenEnded } from './scope-completion.ts';
import { selectOutgoing } from './select-flows.ts';
import { isInnerInstance } from './start-activity.ts';

/**
 * The activity completed normally: outputs are mapped, boundary events stop listening,
 * compensation is registered, and the token moves on (or parks behind async-after).
 */
export async function leaveActivity(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow): Promise<void> {
  if (!inst.executions.has(exec.id) || inst.ended) return;
  const node = inst.model.nodes.get(exec.element_id!)!;
  if (exec.kind === 'mi-body') {
    removeEventRows(inst, exec.id);
    activityEnded(ctx, exec.id, 'completed');
    return continueFrom(ctx, inst, exec, node);
  }
  applyOutputs(ctx, inst, exec, node);
  removeEventRows(inst, exec.id);
  if (!exec.data.compensationFor) registerCompensation(ctx, inst, exec, node);
  activityEnded(ctx, exec.id, 'completed');
  if (isInnerInstance(inst, exec)) return innerCompleted(ctx, inst, parentOf(inst, exec), exec, node);
  if (exec.data.compensationFor) return compensationHandlerDone(ctx, inst, exec);
  if (node.asyncAfter) {
    setState(inst, exec, 'async-after');
    createJob(ctx, inst, exec, node, 'async-after', ctx.now, {});
    return;
  }
  return continueFrom(ctx, inst, exec, node);
}

/** take the outgoing flows (each completionQuantity times) and let the execution go */
export function continueFrom(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): void {
  const flows = selectOutgoing(inst, exec, node);
  const scope = parentOf(inst, exec);
  inst.removeExecution(exec.id);
  if (flows.length === 0) {
    if (node.type === 'endEvent' && scope.kind === 'process') inst.lastEndEvent = node.id;
    return tokenEnded(ctx, inst, scope);
  }
  for (const f of flows) {
    for (let i = 0; i < node.completionQuantity; i++) enterNode(ctx, inst, scope, f.target, f.id);
  }
}
