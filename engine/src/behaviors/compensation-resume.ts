import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { cancelExecution } from '../operations/cancel.ts';
import { enterNode } from '../operations/enter-node.ts';
import { parentOf, setState } from '../operations/executions.ts';
import { leaveActivity } from '../operations/leave-activity.ts';
import { tokenEnded } from '../operations/scope-completion.ts';

/** every compensation handler of a throw event finished: the thrower goes on */
export async function resumeThrower(ctx: CommandContext, inst: InstanceState, thrower: ExecutionRow): Promise<void> {
  const node = inst.model.nodes.get(thrower.element_id!)!;
  setState(inst, thrower, 'active');
  if (node.events.some((e) => e.kind === 'cancel')) return finishCancel(ctx, inst, thrower);
  return leaveActivity(ctx, inst, thrower);
}

/** after a cancel end event's compensation: the transaction is cancelled and left through its cancel boundary event */
export async function finishCancel(ctx: CommandContext, inst: InstanceState, cancelEnd: ExecutionRow): Promise<void> {
  const transaction = parentOf(inst, cancelEnd);
  const host = transaction.kind === 'node' ? transaction : null;
  if (!host) return;
  const outer = parentOf(inst, host);
  const txNode = inst.model.nodes.get(host.element_id!)!;
  await cancelExecution(ctx, inst, host, 'transaction cancelled');
  const boundary = txNode.boundaryEvents.map((b) => inst.model.nodes.get(b)!).find((b) => b.events.some((e) => e.kind === 'cancel'));
  if (boundary) enterNode(ctx, inst, outer, boundary.id, null, { fired: true });
  else tokenEnded(ctx, inst, outer);
}
