import type { CommandContext } from '../context/command-context.ts';
import type { InstanceState } from '../context/instance-state.ts';
import { evaluateCondition } from '../context/variables.ts';
import { eventTriggered } from './trigger.ts';

/**
 * Conditional events (BPMN 2.0 §10.5.1 ConditionalEventDefinition): after variables changed,
 * every waiting condition of the instance is evaluated again and those that hold fire. Only
 * conditions not evaluated since the last change are looked at, so nothing fires twice for
 * one change. Returns whether anything fired.
 */
export async function evaluateConditionals(ctx: CommandContext, inst: InstanceState): Promise<boolean> {
  if (inst.ended || !inst.variablesChanged) return false;
  inst.variablesChanged = false;
  let fired = false;
  for (const sub of [...inst.subscriptions.values()]) {
    if (sub.type !== 'conditional' || !inst.subscriptions.has(sub.id)) continue;
    const seen = ctx.conditionSeen.get(sub.id) ?? -1;
    if (seen >= inst.varVersion) continue;
    ctx.conditionSeen.set(sub.id, inst.varVersion);
    const owner = inst.executions.get(sub.execution_id!);
    const node = inst.model.nodes.get(sub.element_id!);
    const eventId = (sub.config as { eventId?: string } | null)?.eventId;
    const def = node?.events.find((e) => e.id === eventId && e.kind === 'conditional');
    if (!owner || !node || !def || def.kind !== 'conditional') continue;
    // camunda:variableName: only a change of that variable makes the condition be looked at
    if (def.variableName && (inst.changedAt.get(def.variableName) ?? -1) <= seen) continue;
    if (!evaluateCondition(inst, owner, def.condition, `condition of '${node.id}'`)) continue;
    await eventTriggered(ctx, inst, owner.id, node.id, {}, def.id);
    fired = true;
  }
  return fired;
}
