import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionData, ExecutionKind, ExecutionRow, ExecutionState, InstanceState } from '../context/instance-state.ts';

export function newExecution(
  ctx: CommandContext,
  inst: InstanceState,
  parentId: string,
  elementId: string,
  kind: ExecutionKind,
  state: ExecutionState,
  data: ExecutionData = {},
): ExecutionRow {
  return inst.addExecution({
    id: ctx.newId(),
    instance_id: inst.id,
    parent_id: parentId,
    element_id: elementId,
    kind,
    state,
    data,
    created_at: ctx.now,
  });
}

export function setState(inst: InstanceState, exec: ExecutionRow, state: ExecutionState): void {
  exec.state = state;
  inst.touchExecution(exec);
}

export function setData(inst: InstanceState, exec: ExecutionRow, patch: Partial<ExecutionData>): void {
  exec.data = { ...exec.data, ...patch };
  inst.touchExecution(exec);
}

/** the scope execution a node's execution lives in (its parent) */
export function parentOf(inst: InstanceState, exec: ExecutionRow): ExecutionRow {
  const p = exec.parent_id ? inst.executions.get(exec.parent_id) : undefined;
  if (!p) throw new Error(`execution ${exec.id} has no parent`);
  return p;
}

/** executions that keep a scope alive (compensation snapshots do not) */
export function liveChildren(inst: InstanceState, scopeId: string): ExecutionRow[] {
  return inst.children(scopeId).filter((c) => c.kind !== 'event-scope');
}
