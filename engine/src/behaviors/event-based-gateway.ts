import type { Behavior } from './behavior.ts';
import { evaluateCondition } from '../context/variables.ts';
import { setState } from '../operations/executions.ts';
import { subscribe, subscribable } from '../operations/subscribe.ts';
import { eventTriggered } from '../operations/trigger.ts';

/**
 * Event-based gateway (BPMN 2.0 §13.3.5): the gateway's execution waits for the events of all
 * the catch events after it; the first to arrive wins (operations/trigger.ts drops the rest).
 */
export const eventBasedGateway: Behavior = {
  async execute(ctx, inst, exec, node) {
    setState(inst, exec, 'waiting');
    for (const fid of node.outgoing) {
      const target = inst.model.nodes.get(inst.model.flows.get(fid)!.target)!;
      for (const def of target.events) if (subscribable(def)) subscribe(ctx, inst, exec, target, def);
    }
    for (const fid of node.outgoing) {
      const target = inst.model.nodes.get(inst.model.flows.get(fid)!.target)!;
      const cond = target.events.find((e) => e.kind === 'conditional');
      if (cond && cond.kind === 'conditional' && evaluateCondition(inst, exec, cond.condition, `condition of '${target.id}'`)) {
        return eventTriggered(ctx, inst, exec.id, target.id, {}, cond.id);
      }
    }
  },
};
