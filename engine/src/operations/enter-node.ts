import type { CommandContext } from '../context/command-context.ts';
import { activityStarted } from '../context/history.ts';
import type { ExecutionData, ExecutionRow, InstanceState } from '../context/instance-state.ts';
import type { NodeModel } from '../model/types.ts';
import { arriveAtJoin, needsJoin } from '../behaviors/joins.ts';
import { newExecution, setState } from './executions.ts';
import { createJob } from './jobs.ts';
import { startActivity } from './start-activity.ts';

/**
 * A token arrives at a node inside `scope`: an execution is made for it, then it waits at
 * a join, parks behind an async-before job, or is started on the agenda.
 */
export function enterNode(
  ctx: CommandContext,
  inst: InstanceState,
  scope: ExecutionRow,
  nodeId: string,
  viaFlow: string | null,
  data: ExecutionData = {},
): ExecutionRow {
  const node = inst.model.nodes.get(nodeId);
  if (!node) throw new Error(`node ${nodeId} not in ${inst.model.id}`);
  const exec = newExecution(ctx, inst, scope.id, nodeId, 'node', 'active', viaFlow ? { ...data, flow: viaFlow } : data);
  activityStarted(ctx, inst, exec, node);
  if (needsJoin(node)) {
    setState(inst, exec, 'joining');
    ctx.agenda.push(() => arriveAtJoin(ctx, inst, exec, node));
    return exec;
  }
  proceed(ctx, inst, exec, node);
  return exec;
}

/** past any join: park behind async-before, or start */
export function proceed(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): void {
  if (node.asyncBefore) {
    setState(inst, exec, 'async-before');
    createJob(ctx, inst, exec, node, 'async-before', ctx.now, {});
    return;
  }
  if (broadcasts(node)) ctx.agenda.pushLast(() => startActivity(ctx, inst, exec));
  else ctx.agenda.push(() => startActivity(ctx, inst, exec));
}

/** throw events whose result reaches other tokens: signals, and messages published inside the engine */
function broadcasts(node: NodeModel): boolean {
  if (node.type !== 'intermediateThrowEvent' && node.type !== 'endEvent') return false;
  return node.events.some((e) => e.kind === 'signal' || (e.kind === 'message' && node.work?.kind !== 'external'));
}
