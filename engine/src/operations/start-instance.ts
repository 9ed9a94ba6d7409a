import type { CommandContext } from '../context/command-context.ts';
import { instanceStarted } from '../context/history.ts';
import type { InstanceState } from '../context/instance-state.ts';
import { setVariableLocal } from '../context/variables.ts';
import { activateScope } from './activate-scope.ts';
import { enterNode } from './enter-node.ts';

/**
 * A new instance starts: its variables are set, its event sub-processes start listening and
 * a token is placed on the start event — or, in a process without start events, on every
 * node without incoming flow (BPMN 2.0 §10.5.2).
 */
export function startInstance(ctx: CommandContext, inst: InstanceState, variables: Record<string, unknown> | null | undefined, startEventId: string | null, fired = false): void {
  const root = inst.root();
  for (const [name, value] of Object.entries(variables ?? {})) setVariableLocal(ctx, inst, root.id, name, value);
  instanceStarted(ctx, inst, startEventId);
  ctx.emit({ type: 'process-instance.started', processInstanceId: inst.id, processDefinitionKey: inst.model.id });
  activateScope(ctx, inst, root);
  if (startEventId) {
    enterNode(ctx, inst, root, startEventId, null, fired ? { fired: true } : {});
    return;
  }
  for (const id of inst.model.root.implicitStarts) enterNode(ctx, inst, root, id, null);
}
