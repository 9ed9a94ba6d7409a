import type { CommandContext } from '../context/command-context.ts';
import { instanceEnded } from '../context/history.ts';
import type { InstanceState } from '../context/instance-state.ts';
import { visibleVariables } from '../context/variables.ts';
import { returnToCaller } from '../behaviors/call-activity.ts';

/**
 * The process instance completed: history records the end, every runtime row goes, and an
 * instance started by a call activity hands its variables back to its caller.
 */
export async function endInstance(ctx: CommandContext, inst: InstanceState, state: 'COMPLETED' | 'INTERNALLY_TERMINATED', endActivityId: string | null): Promise<void> {
  if (inst.ended) return;
  const superExecution = inst.row.super_execution_id;
  const childVariables = superExecution ? visibleVariables(inst, inst.id) : null;
  instanceEnded(ctx, inst, state, endActivityId ?? inst.lastEndEvent, null);
  inst.removeAll();
  ctx.emit({ type: 'process-instance.completed', processInstanceId: inst.id, processDefinitionKey: inst.model.id });
  if (superExecution && inst.row.super_instance_id) {
    const superInstanceId = inst.row.super_instance_id;
    ctx.agenda.push(() => returnToCaller(ctx, superInstanceId, superExecution, childVariables!));
  }
}
