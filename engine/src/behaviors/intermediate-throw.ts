import type { Behavior } from './behavior.ts';
import { evaluate } from '../context/variables.ts';
import { awaitHandlers, compensationScope, throwCompensation } from '../operations/compensation.ts';
import { enterNode } from '../operations/enter-node.ts';
import { parentOf } from '../operations/executions.ts';
import { activityEnded } from '../context/history.ts';
import { leaveActivity } from '../operations/leave-activity.ts';
import { throwEscalation } from '../operations/propagate.ts';
import { broadcastSignal } from '../operations/signals.ts';
import { createExternalTask } from './external-task.ts';
import { publishMessage } from '../operations/messages.ts';

/**
 * Intermediate throw events: none passes; link jumps to its catch; signal is broadcast;
 * escalation is thrown (the token goes on unless an interrupting handler took it);
 * message is published or handed to an external task; compensation runs the handlers and,
 * by default, waits for them. Several definitions are all thrown (BPMN 2.0 §10.5.6 multiple).
 */
export const intermediateThrow: Behavior = {
  async execute(ctx, inst, exec, node) {
    if (node.linkTarget) {
      const scope = parentOf(inst, exec);
      activityEnded(ctx, exec.id, 'completed');
      inst.removeExecution(exec.id);
      enterNode(ctx, inst, scope, node.linkTarget, null);
      return;
    }
    for (const def of node.events) {
      if (!inst.executions.has(exec.id)) return;
      if (def.kind === 'signal') await broadcastSignal(ctx, String(evaluate(inst, exec, def.signalName, 'signal name') ?? ''));
      else if (def.kind === 'escalation') await throwEscalation(ctx, inst, exec, def.escalationCode);
      else if (def.kind === 'message') {
        if (node.work?.kind === 'external') return createExternalTask(ctx, inst, exec, node);
        await publishMessage(ctx, inst, exec, node);
      } else if (def.kind === 'compensate') {
        const started = throwCompensation(ctx, inst, exec, compensationScope(inst, exec), def.activityRef);
        if (started > 0 && def.waitForCompletion) return awaitHandlers(inst, exec, started);
      }
    }
    if (inst.executions.has(exec.id)) await leaveActivity(ctx, inst, exec);
  },
};
