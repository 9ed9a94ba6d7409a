import type { CommandContext } from '../context/command-context.ts';
import { activityPatched, activityStarted } from '../context/history.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluate, evaluateCondition, readVariable, setVariable, setVariableLocal } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import type { EventDefinition, MultiInstanceModel, NodeModel, StandardLoopModel } from '../model/types.ts';
import { cancelExecution } from '../operations/cancel.ts';
import { newExecution, setData, setState } from '../operations/executions.ts';
import { leaveActivity } from '../operations/leave-activity.ts';
import { startActivity } from '../operations/start-activity.ts';
import { fireBoundary } from '../operations/trigger.ts';
import { policyCollection } from './task-policy.ts';

/**
 * Multi-instance and standard loops (BPMN 2.0 §10.2.7/§10.2.8). The activity's execution
 * becomes the body: it holds the counters (`nrOfInstances`, `nrOfActiveInstances`,
 * `nrOfCompletedInstances` as its local variables, as in Camunda) and the boundary events;
 * each inner instance is a child execution with its own `loopCounter` and element variable.
 */
export async function startLoop(ctx: CommandContext, inst: InstanceState, body: ExecutionRow, node: NodeModel): Promise<void> {
  body.kind = 'mi-body';
  setState(inst, body, 'scope');
  // history tells the body from its inner instances, in Camunda's naming
  activityPatched(ctx, body.id, { element_id: `${node.id}#multiInstanceBody`, element_type: 'multiInstanceBody' });
  const loop = node.loop!;
  if (loop.kind === 'loop') return startStandardLoop(ctx, inst, body, node, loop);
  let collection: unknown[] | null = null;
  let total: number;
  if (loop.collection) {
    const value = evaluate(inst, body, loop.collection, 'multi-instance collection');
    if (!Array.isArray(value)) throw new LzError('LZ_ERR_EXPRESSION_EVAL', `the multi-instance collection of '${node.id}' is not a list`, { elementId: node.id });
    collection = policyCollection(ctx, inst, body, node, value);
    total = collection.length;
  } else {
    const n = Number(evaluate(inst, body, loop.cardinality!, 'loopCardinality'));
    if (!Number.isInteger(n) || n < 0) throw new LzError('LZ_ERR_EXPRESSION_EVAL', `loopCardinality of '${node.id}' must be a whole number ≥ 0, got ${String(n)}`, { elementId: node.id });
    total = n;
  }
  setData(inst, body, { mi: { total, completed: 0, active: 0, next: 0, collection } });
  setVariableLocal(ctx, inst, body.id, 'nrOfInstances', total);
  setVariableLocal(ctx, inst, body.id, 'nrOfCompletedInstances', 0);
  setVariableLocal(ctx, inst, body.id, 'nrOfActiveInstances', 0);
  if (loop.outputCollection) setVariableLocal(ctx, inst, body.id, loop.outputCollection, new Array(total).fill(null));
  if (total === 0) return completeBody(ctx, inst, body, node, loop);
  const first = loop.sequential ? 1 : total;
  for (let i = 0; i < first; i++) spawnInner(ctx, inst, body, node, loop);
}

export function spawnInner(ctx: CommandContext, inst: InstanceState, body: ExecutionRow, node: NodeModel, loop: MultiInstanceModel): void {
  const mi = body.data.mi!;
  const index = mi.next;
  const inner = newExecution(ctx, inst, body.id, node.id, 'node', 'active', { loopCounter: index });
  activityStarted(ctx, inst, inner, node);
  setVariableLocal(ctx, inst, inner.id, 'loopCounter', index);
  if (loop.elementVariable) setVariableLocal(ctx, inst, inner.id, loop.elementVariable, mi.collection ? (mi.collection[index] ?? null) : null);
  setData(inst, body, { mi: { ...mi, next: index + 1, active: mi.active + 1 } });
  setVariableLocal(ctx, inst, body.id, 'nrOfActiveInstances', mi.active + 1);
  ctx.agenda.push(() => startActivity(ctx, inst, inner));
}

/** one inner instance completed */
export async function innerCompleted(ctx: CommandContext, inst: InstanceState, body: ExecutionRow, inner: ExecutionRow, node: NodeModel): Promise<void> {
  const loop = node.loop!;
  if (loop.kind === 'loop') return standardIterationDone(ctx, inst, body, inner, node, loop);
  const mi = body.data.mi!;
  const index = inner.data.loopCounter ?? 0;
  if (loop.outputCollection && loop.outputElement) {
    const value = evaluate(inst, inner, loop.outputElement, 'outputElement');
    const current = readVariable(inst, body.id, loop.outputCollection).value;
    const list = Array.isArray(current) ? [...current] : [];
    list[index] = value;
    setVariableLocal(ctx, inst, body.id, loop.outputCollection, list);
  }
  const completed = mi.completed + 1;
  const active = mi.active - 1;
  setVariableLocal(ctx, inst, body.id, 'nrOfCompletedInstances', completed);
  setVariableLocal(ctx, inst, body.id, 'nrOfActiveInstances', active);
  setData(inst, body, { mi: { ...mi, completed, active } });
  // the completion condition sees the instance that just finished (its loopCounter, its variables)
  const conditionMet = loop.completionCondition ? evaluateCondition(inst, inner, loop.completionCondition, 'completionCondition') : false;
  inst.removeExecution(inner.id);
  const complexDone = await throwBehaviorEvents(ctx, inst, body, node, loop, completed);
  if (!inst.executions.has(body.id)) return; // an interrupting boundary took over
  if (conditionMet || complexDone || completed >= mi.total) return completeBody(ctx, inst, body, node, loop);
  if (loop.sequential) spawnInner(ctx, inst, body, node, loop);
}

export async function completeBody(ctx: CommandContext, inst: InstanceState, body: ExecutionRow, node: NodeModel, loop: MultiInstanceModel): Promise<void> {
  for (const c of inst.children(body.id)) await cancelExecution(ctx, inst, c, 'multi-instance completed');
  if (loop.outputCollection) {
    const value = readVariable(inst, body.id, loop.outputCollection).value;
    setVariable(ctx, inst, body.parent_id!, loop.outputCollection, value);
  }
  setData(inst, body, { mi: { ...body.data.mi!, done: true } });
  await leaveActivity(ctx, inst, body);
}

/**
 * MI behaviour (BPMN 2.0 §10.2.8): None throws its event after every instance, One after the
 * first, Complex when a complexBehaviorDefinition condition holds. The implicit events are
 * caught by the activity's own boundary events, without interrupting it. A Complex event also
 * ends the activity early (betsy MultiInstance_ComplexBehavior). Returns whether it did.
 */
async function throwBehaviorEvents(ctx: CommandContext, inst: InstanceState, body: ExecutionRow, node: NodeModel, loop: MultiInstanceModel, completed: number): Promise<boolean> {
  const events: EventDefinition[] = [];
  let complexDone = false;
  if (loop.behavior === 'None' && loop.noneBehaviorEvent) events.push(loop.noneBehaviorEvent);
  if (loop.behavior === 'One' && loop.oneBehaviorEvent && completed === 1) events.push(loop.oneBehaviorEvent);
  if (loop.behavior === 'Complex') {
    for (const c of loop.complexBehavior) {
      if (!evaluateCondition(inst, body, c.condition, 'complexBehaviorDefinition condition')) continue;
      complexDone = true;
      if (c.event) events.push(c.event);
    }
  }
  for (const ev of events) {
    for (const bId of node.boundaryEvents) {
      const b = inst.model.nodes.get(bId)!;
      if (!b.events.some((d) => sameEvent(inst, body, d, ev))) continue;
      await fireBoundary(ctx, inst, body, { ...b, cancelActivity: false }, {});
    }
  }
  return complexDone;
}

function sameEvent(inst: InstanceState, exec: ExecutionRow, a: EventDefinition, b: EventDefinition): boolean {
  if (a.id === b.id) return true;
  if (a.kind === 'signal' && b.kind === 'signal') return evaluate(inst, exec, a.signalName, 'signal name') === evaluate(inst, exec, b.signalName, 'signal name');
  if (a.kind === 'message' && b.kind === 'message') return evaluate(inst, exec, a.messageName, 'message name') === evaluate(inst, exec, b.messageName, 'message name');
  return a.kind === b.kind && a.kind !== 'signal' && a.kind !== 'message';
}

// ---- standard loop: a do-while (testBefore=false, the default) or while loop around the activity

async function startStandardLoop(ctx: CommandContext, inst: InstanceState, body: ExecutionRow, node: NodeModel, loop: StandardLoopModel): Promise<void> {
  setData(inst, body, { loops: 0 });
  if (loop.testBefore && !loopContinues(inst, body, loop, 0)) return leaveActivity(ctx, inst, body);
  if (loop.maximum === 0) return leaveActivity(ctx, inst, body);
  spawnIteration(ctx, inst, body, node, 0);
}

function spawnIteration(ctx: CommandContext, inst: InstanceState, body: ExecutionRow, node: NodeModel, index: number): void {
  const inner = newExecution(ctx, inst, body.id, node.id, 'node', 'active', { loopCounter: index });
  activityStarted(ctx, inst, inner, node);
  setVariableLocal(ctx, inst, inner.id, 'loopCounter', index);
  ctx.agenda.push(() => startActivity(ctx, inst, inner));
}

function loopContinues(inst: InstanceState, body: ExecutionRow, loop: StandardLoopModel, done: number): boolean {
  if (loop.maximum !== null && done >= loop.maximum) return false;
  return loop.condition ? evaluateCondition(inst, body, loop.condition, 'loopCondition', { loopCounter: done }) : false;
}

async function standardIterationDone(ctx: CommandContext, inst: InstanceState, body: ExecutionRow, inner: ExecutionRow, node: NodeModel, loop: StandardLoopModel): Promise<void> {
  const done = (body.data.loops ?? 0) + 1;
  inst.removeExecution(inner.id);
  setData(inst, body, { loops: done });
  if (loopContinues(inst, body, loop, done)) return spawnIteration(ctx, inst, body, node, done);
  return leaveActivity(ctx, inst, body);
}
