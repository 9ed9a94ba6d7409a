import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluateCondition } from '../context/variables.ts';
import type { NodeModel } from '../model/types.ts';
import { behaviorFor } from '../behaviors/index.ts';
import { startLoop } from '../behaviors/multi-instance.ts';
import { setState } from './executions.ts';
import { applyInputs } from './io-mappings.ts';
import { subscribe, subscribable } from './subscribe.ts';
import { fireBoundary } from './trigger.ts';

/** is this execution one instance inside a multi-instance / loop body? */
export function isInnerInstance(inst: InstanceState, exec: ExecutionRow): boolean {
  if (exec.kind !== 'node' || !exec.parent_id) return false;
  const parent = inst.executions.get(exec.parent_id);
  return parent?.kind === 'mi-body' && parent.element_id === exec.element_id;
}

/**
 * The activity starts: a loop/multi-instance activity becomes a body, boundary events start
 * listening, input mappings are made, then the element's behaviour runs.
 */
export async function startActivity(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow): Promise<void> {
  if (!inst.executions.has(exec.id) || inst.ended) return; // cancelled while queued
  const node = inst.model.nodes.get(exec.element_id!)!;
  setState(inst, exec, 'active');
  const inner = isInnerInstance(inst, exec);
  if (node.loop && !inner) {
    subscribeBoundaries(ctx, inst, exec, node);
    if (await conditionalBoundaryFired(ctx, inst, exec, node)) return;
    return startLoop(ctx, inst, exec, node);
  }
  applyInputs(ctx, inst, exec, node, inner);
  if (!inner) {
    subscribeBoundaries(ctx, inst, exec, node);
    if (await conditionalBoundaryFired(ctx, inst, exec, node)) return;
  }
  await behaviorFor(node).execute(ctx, inst, exec, node);
}

/** boundary events of the activity start listening; compensation and error are not subscribed */
export function subscribeBoundaries(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): void {
  for (const bId of node.boundaryEvents) {
    const b = inst.model.nodes.get(bId)!;
    for (const def of b.events) if (subscribable(def)) subscribe(ctx, inst, exec, b, def);
  }
}

/**
 * Conditional boundary events are evaluated when the activity starts (Camunda 7.6+
 * behaviour): a condition that already holds fires at once.
 */
async function conditionalBoundaryFired(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): Promise<boolean> {
  for (const bId of node.boundaryEvents) {
    const b = inst.model.nodes.get(bId)!;
    const cond = b.events.find((e) => e.kind === 'conditional');
    if (!cond || cond.kind !== 'conditional') continue;
    if (!evaluateCondition(inst, exec, cond.condition, `condition of '${b.id}'`)) continue;
    await fireBoundary(ctx, inst, exec, b, {});
    if (!inst.executions.has(exec.id)) return true;
  }
  return false;
}
