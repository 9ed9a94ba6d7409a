import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluate, readVariable, setVariable, setVariableLocal } from '../context/variables.ts';
import type { IoMapping, NodeModel } from '../model/types.ts';

/** the value a mapping gives, read in `from`'s variable scope */
export function mappedValue(inst: InstanceState, from: ExecutionRow | string, m: IoMapping, what: string): unknown {
  if (m.sourceVariable !== null) {
    const v = readVariable(inst, typeof from === 'string' ? from : from.id, m.sourceVariable);
    return v.found ? v.value : null;
  }
  return evaluate(inst, from, m.source!, what);
}

/** input mappings become local variables of the activity (camunda:inputParameter, zeebe:input) */
export function applyInputs(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel, inner: boolean): void {
  if (node.inputs.length === 0) return;
  // all sources are read before any target is written: inputs see the outer scope — for an
  // inner multi-instance instance that includes its own loopCounter and element variable
  const from = inner ? exec.id : exec.parent_id!;
  const values = node.inputs.map((m) => [m.target, mappedValue(inst, from, m, `input '${m.target}'`)] as const);
  for (const [target, value] of values) setVariableLocal(ctx, inst, exec.id, target, value);
}

/** output mappings are read inside the activity and written to the scope around it */
export function applyOutputs(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): void {
  if (node.outputs.length === 0) return;
  const values = node.outputs.map((m) => [m.target, mappedValue(inst, exec, m, `output '${m.target}'`)] as const);
  for (const [target, value] of values) setVariable(ctx, inst, exec.parent_id!, target, value);
}
