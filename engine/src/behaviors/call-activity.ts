import type { CommandContext } from '../context/command-context.ts';
import { activityPatched } from '../context/history.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluate, setVariable, visibleVariables } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import type { VariableContext } from '../expressions/index.ts';
import type { NodeModel } from '../model/types.ts';
import { setData, setState } from '../operations/executions.ts';
import { mappedValue } from '../operations/io-mappings.ts';
import { leaveActivity } from '../operations/leave-activity.ts';
import { startInstance } from '../operations/start-instance.ts';
import type { Behavior } from './behavior.ts';
import { behaviorFor } from './index.ts';

/**
 * Call activity (BPMN 2.0 §10.2.5): starts an instance of the called process in the same
 * transaction and waits for it; `camunda:in/out` (or zeebe propagation and mappings) copy
 * variables in and back; the business key may be passed. A called global task runs in place.
 */
export const callActivity: Behavior = {
  async execute(ctx, inst, exec, node) {
    const call = node.call!;
    if (call.globalTask) return behaviorFor(call.globalTask).execute(ctx, inst, exec, call.globalTask);
    const key = String(evaluate(inst, exec, call.calledElement, 'calledElement') ?? '').trim();
    const def = await resolveCalled(ctx, inst, exec, node, key);
    const variables: Record<string, unknown> = call.inAll ? visibleVariables(inst, exec.id) : {};
    for (const m of call.ins) variables[m.target] = mappedValue(inst, exec, m, `in mapping '${m.target}'`);
    const businessKey = call.businessKey ? evaluate(inst, exec, call.businessKey, 'businessKey') : null;
    const child = ctx.createInstance(def, { businessKey: businessKey === null || businessKey === undefined ? null : String(businessKey), superExecution: exec, superInstance: inst });
    setState(inst, exec, 'waiting');
    setData(inst, exec, { calledInstanceId: child.id });
    activityPatched(ctx, exec.id, { called_instance_id: child.id });
    startInstance(ctx, child, variables, def.model.noneStart);
  },
};

async function resolveCalled(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel, key: string) {
  const call = node.call!;
  const defs = ctx.services.definitions;
  let found;
  if (call.binding === 'deployment') {
    const own = await defs.byId(inst.row.definition_id!);
    found = await defs.find({ key, deploymentId: own.row.deployment_id });
  } else if (call.binding === 'version') {
    const v = Number(evaluate(inst, exec, call.version!, 'calledElementVersion'));
    found = await defs.find({ key, version: v });
  } else if (call.binding === 'versionTag') {
    found = await defs.find({ key, versionTag: String(evaluate(inst, exec, call.version!, 'calledElementVersionTag')) });
  } else {
    found = await defs.latestChecked(key);
  }
  if (!found) throw new LzError('LZ_ERR_CALLED_PROCESS_NOT_FOUND', `'${node.id}' calls '${key}' (${call.binding}), which is not deployed as an executable process`, { elementId: node.id });
  if (!found.model.noneStart && found.model.root.implicitStarts.length === 0) {
    throw new LzError('LZ_ERR_NO_START_EVENT', `'${key}' called by '${node.id}' has no none start event`);
  }
  return found;
}

/** the called instance completed: map its variables back and move the call activity on */
export async function returnToCaller(ctx: CommandContext, superInstanceId: string, superExecutionId: string, childVariables: Record<string, unknown>): Promise<void> {
  const inst = await ctx.tryInstance(superInstanceId);
  const exec = inst?.executions.get(superExecutionId);
  if (!inst || !exec) return;
  const node = inst.model.nodes.get(exec.element_id!)!;
  const call = node.call!;
  const childContext: VariableContext = { has: (n) => n in childVariables, get: (n) => childVariables[n], functions: inst.functions };
  const out: [string, unknown][] = [];
  if (call.outAll) for (const [k, v] of Object.entries(childVariables)) out.push([k, v]);
  for (const m of call.outs) {
    const value = m.sourceVariable !== null ? (childVariables[m.sourceVariable] ?? null) : m.source!.evaluate(childContext);
    out.push([m.target, value]);
  }
  for (const [k, v] of out) setVariable(ctx, inst, exec.id, k, v);
  setData(inst, exec, { calledInstanceId: undefined });
  await leaveActivity(ctx, inst, exec);
}
