import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluateCondition } from '../context/variables.ts';
import { subscribe, subscribable } from './subscribe.ts';
import { eventTriggered } from './trigger.ts';

/**
 * A scope (process, sub-process, event sub-process) became active: the start events of its
 * event sub-processes start listening — messages, signals, timers, conditions. Error,
 * escalation and compensation starts are found by search when thrown, not subscribed.
 * A conditional start whose condition already holds fires at once (Camunda 7.6+).
 */
export function activateScope(ctx: CommandContext, inst: InstanceState, scope: ExecutionRow): void {
  const scopeId = scope.kind === 'process' ? inst.model.id : scope.element_id!;
  const model = inst.model.scopes.get(scopeId);
  for (const espId of model?.eventSubprocesses ?? []) {
    for (const childId of inst.model.scopes.get(espId)!.children) {
      const start = inst.model.nodes.get(childId)!;
      if (start.type !== 'startEvent') continue;
      for (const def of start.events) {
        if (!subscribable(def)) continue;
        subscribe(ctx, inst, scope, start, def);
        if (def.kind === 'conditional' && evaluateCondition(inst, scope, def.condition, `condition of '${start.id}'`)) {
          ctx.agenda.push(() => {
            const sub = [...inst.subscriptions.values()].find((s) => s.execution_id === scope.id && s.element_id === start.id);
            if (sub) return eventTriggered(ctx, inst, scope.id, start.id, {});
          });
        }
      }
    }
  }
}
