import type { CommandContext } from '../context/command-context.ts';
import { activityEnded } from '../context/history.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluate } from '../context/variables.ts';
import type { NodeModel } from '../model/types.ts';
import { cancelChildren } from '../operations/cancel.ts';
import { awaitHandlers, compensationScope, throwCompensation } from '../operations/compensation.ts';
import { endInstance } from '../operations/end-instance.ts';
import { parentOf } from '../operations/executions.ts';
import { leaveActivity } from '../operations/leave-activity.ts';
import { publishMessage } from '../operations/messages.ts';
import { removeEventRows } from '../operations/owned-rows.ts';
import { throwError, throwEscalation } from '../operations/propagate.ts';
import { completeScope } from '../operations/scope-completion.ts';
import { broadcastSignal } from '../operations/signals.ts';
import type { Behavior } from './behavior.ts';
import { finishCancel } from './compensation-resume.ts';
import { createExternalTask } from './external-task.ts';

/**
 * End events. The token ends here (leaveActivity finds no outgoing flow and reports the
 * token gone); before that the event does its result: terminate, error, escalation, signal,
 * message, compensation or cancel (BPMN 2.0 §10.5.3).
 */
export const endEvent: Behavior = {
  async execute(ctx, inst, exec, node) {
    for (const def of node.events) {
      if (!inst.executions.has(exec.id)) return;
      switch (def.kind) {
        case 'terminate':
          return terminate(ctx, inst, exec, node);
        case 'error': {
          const caught = await throwError(ctx, inst, exec, def.errorCode, def.errorMessage);
          if (!caught && inst.executions.has(exec.id)) return leaveActivity(ctx, inst, exec);
          return;
        }
        case 'escalation':
          await throwEscalation(ctx, inst, exec, def.escalationCode);
          break;
        case 'signal':
          await broadcastSignal(ctx, String(evaluate(inst, exec, def.signalName, 'signal name') ?? ''));
          break;
        case 'message':
          if (node.work?.kind === 'external') return createExternalTask(ctx, inst, exec, node);
          await publishMessage(ctx, inst, exec, node);
          break;
        case 'compensate': {
          const started = throwCompensation(ctx, inst, exec, compensationScope(inst, exec), def.activityRef);
          if (started > 0 && def.waitForCompletion) return awaitHandlers(inst, exec, started);
          break;
        }
        case 'cancel': {
          // BPMN 2.0 §10.2.2: cancelling a transaction compensates what it did, then leaves by its cancel boundary event
          const started = throwCompensation(ctx, inst, exec, compensationScope(inst, exec), null);
          if (started > 0) return awaitHandlers(inst, exec, started);
          return finishCancel(ctx, inst, exec);
        }
        default:
          break;
      }
    }
    if (inst.executions.has(exec.id)) await leaveActivity(ctx, inst, exec);
  },
};

/**
 * Terminate end event (BPMN 2.0 §10.5.3): every other token of the scope is cancelled and the
 * scope completes — the process instance at the top level, only the sub-process inside one.
 */
async function terminate(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): Promise<void> {
  const scope = parentOf(inst, exec);
  await cancelChildren(ctx, inst, scope, `terminated by ${node.id}`, (c) => c.id === exec.id);
  activityEnded(ctx, exec.id, 'completed');
  inst.removeExecution(exec.id);
  removeEventRows(inst, scope.id);
  if (scope.kind === 'process') return endInstance(ctx, inst, 'COMPLETED', node.id);
  return completeScope(ctx, inst, scope);
}
