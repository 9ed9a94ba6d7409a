import type { CommandContext } from '../context/command-context.ts';
import { activityStarted } from '../context/history.ts';
import type { ExecutionRow, InstanceState, SubscriptionRow } from '../context/instance-state.ts';
import { localVariables, setVariableLocal } from '../context/variables.ts';
import type { NodeModel, ProcessModel } from '../model/types.ts';
import { isScopeNode } from '../model/types.ts';
import { resumeThrower } from '../behaviors/compensation-resume.ts';
import { enterNode } from './enter-node.ts';
import { newExecution, parentOf, setData, setState } from './executions.ts';

/**
 * Compensation (BPMN 2.0 §10.7): when an activity that can be compensated completes, a
 * 'compensate' subscription is left in the scope around it; a completed sub-process leaves
 * an event-scope execution holding a snapshot of its variables and its own subscriptions, so
 * that it can be compensated after it ended (Camunda's event-scope executions).
 */
export function registerCompensation(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): void {
  const handler = compensationHandlerOf(inst.model, node);
  let snapshot: ExecutionRow | null = null;
  let scopeExec = parentOf(inst, exec);
  if (scopeExec.kind === 'mi-body') scopeExec = parentOf(inst, scopeExec);
  if (isScopeNode(node) && !node.triggeredByEvent) {
    const subs = compensateSubscriptions(inst, exec.id);
    const nested = inst.children(exec.id).filter((c) => c.kind === 'event-scope');
    if (subs.length > 0 || nested.length > 0 || compensationSubprocessOf(inst.model, node.id)) {
      snapshot = newExecution(ctx, inst, scopeExec.id, node.id, 'event-scope', 'event-scope', { scopeOf: node.id });
      for (const s of subs) {
        s.execution_id = snapshot.id;
        inst.touchSubscription(s);
      }
      for (const c of nested) {
        c.parent_id = snapshot.id;
        inst.touchExecution(c);
      }
      for (const [name, value] of Object.entries(localVariables(inst, exec.id))) setVariableLocal(ctx, inst, snapshot.id, name, value);
    }
  }
  if (!handler && !snapshot) return;
  inst.addSubscription({
    id: ctx.newId(),
    type: 'compensate',
    event_name: null,
    instance_id: inst.id,
    execution_id: scopeExec.id,
    element_id: node.id,
    definition_id: inst.row.definition_id,
    config: { handler, eventScope: snapshot?.id ?? null, seq: ctx.seq() },
    created_at: ctx.now,
  });
}

function compensationHandlerOf(model: ProcessModel, node: NodeModel): string | null {
  for (const b of node.boundaryEvents) {
    const h = model.nodes.get(b)?.compensationHandler;
    if (h) return h;
  }
  return null;
}

/** the event sub-process with a compensation start event inside a scope, if any */
function compensationSubprocessOf(model: ProcessModel, scopeId: string): NodeModel | null {
  const scope = model.scopes.get(scopeId);
  for (const espId of scope?.eventSubprocesses ?? []) {
    const start = model.scopes.get(espId)?.children.map((c) => model.nodes.get(c)!).find((n) => n.type === 'startEvent' && n.events.some((e) => e.kind === 'compensate'));
    if (start) return start;
  }
  return null;
}

function compensateSubscriptions(inst: InstanceState, ownerId: string, activityRef?: string | null): SubscriptionRow[] {
  return [...inst.subscriptions.values()]
    .filter((s) => s.type === 'compensate' && s.execution_id === ownerId && (!activityRef || s.element_id === activityRef))
    .sort((a, b) => Number((b.config as { seq: number }).seq) - Number((a.config as { seq: number }).seq));
}

/**
 * Throws compensation in `scope` (all completed activities, newest first, or just
 * `activityRef`). Returns the number of handlers started; the thrower waits for them when
 * waitForCompletion is set (the default).
 */
export function throwCompensation(ctx: CommandContext, inst: InstanceState, thrower: ExecutionRow, scope: ExecutionRow, activityRef: string | null): number {
  let started = 0;
  for (const sub of compensateSubscriptions(inst, scope.id, activityRef)) started += startCompensation(ctx, inst, sub, thrower.id);
  return started;
}

function startCompensation(ctx: CommandContext, inst: InstanceState, sub: SubscriptionRow, throwerId: string): number {
  inst.removeSubscription(sub.id);
  const cfg = sub.config as { handler: string | null; eventScope: string | null };
  const snapshot = cfg.eventScope ? inst.executions.get(cfg.eventScope) : undefined;
  if (cfg.handler) {
    const parent = inst.executions.get(sub.execution_id!);
    if (!parent) return 0;
    enterNode(ctx, inst, parent, cfg.handler, null, { compensationFor: throwerId });
    return 1;
  }
  if (!snapshot) return 0;
  const espStart = compensationSubprocessOf(inst.model, snapshot.element_id!);
  if (espStart) {
    const esp = newExecution(ctx, inst, snapshot.id, espStart.scopeId, 'node', 'scope', { compensationFor: throwerId });
    activityStarted(ctx, inst, esp, inst.model.nodes.get(espStart.scopeId) ?? null);
    enterNode(ctx, inst, esp, espStart.id, null, { fired: true });
    return 1;
  }
  let n = 0;
  for (const inner of compensateSubscriptions(inst, snapshot.id)) n += startCompensation(ctx, inst, inner, throwerId);
  return n;
}

/**
 * The scope a compensation throw works on: the thrower's scope — but a throw inside an event
 * sub-process compensates the sub-process around it (BPMN 2.0 §10.7.3: a compensation event
 * sub-process compensates its parent activity).
 */
export function compensationScope(inst: InstanceState, thrower: ExecutionRow): ExecutionRow {
  const scope = parentOf(inst, thrower);
  const node = scope.kind === 'node' ? inst.model.nodes.get(scope.element_id!) : undefined;
  return node?.triggeredByEvent ? parentOf(inst, scope) : scope;
}

/** a completed sub-process whose compensation is all done is no longer kept */
function dropSpentSnapshots(inst: InstanceState, id: string): void {
  let current = inst.executions.get(id);
  while (current && current.kind === 'event-scope' && inst.children(current.id).length === 0 && compensateSubscriptions(inst, current.id).length === 0) {
    const parentId = current.parent_id;
    for (const s of [...inst.subscriptions.values()]) if (s.type === 'compensate' && (s.config as { eventScope?: string }).eventScope === current.id) inst.removeSubscription(s.id);
    inst.removeExecution(current.id);
    current = parentId ? inst.executions.get(parentId) : undefined;
  }
}

/** the thrower now waits for `count` handlers */
export function awaitHandlers(inst: InstanceState, thrower: ExecutionRow, count: number): void {
  setState(inst, thrower, 'waiting');
  setData(inst, thrower, { pendingHandlers: count });
}

/** a compensation handler finished: the thrower moves on once all of its handlers did */
export async function compensationHandlerDone(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow): Promise<void> {
  const throwerId = exec.data.compensationFor!;
  const parentId = exec.parent_id;
  inst.removeExecution(exec.id);
  if (parentId) dropSpentSnapshots(inst, parentId);
  const thrower = inst.executions.get(throwerId);
  if (!thrower) return;
  const left = (thrower.data.pendingHandlers ?? 1) - 1;
  setData(inst, thrower, { pendingHandlers: left });
  if (left > 0) return;
  await resumeThrower(ctx, inst, thrower);
}
