import type { Behavior } from './behavior.ts';
import { evaluateCondition } from '../context/variables.ts';
import { setState } from '../operations/executions.ts';
import { leaveActivity } from '../operations/leave-activity.ts';
import { removeEventRows } from '../operations/owned-rows.ts';
import { subscribe, subscribable } from '../operations/subscribe.ts';

/**
 * Intermediate catch events and receive tasks wait for their message, signal, timer or
 * condition. Entered already triggered (after an event-based gateway) they pass straight on;
 * a link catch is only a target and passes too. A condition that already holds does not wait.
 */
export const intermediateCatch: Behavior = {
  async execute(ctx, inst, exec, node) {
    if (exec.data.fired || node.events.some((e) => e.kind === 'link')) return leaveActivity(ctx, inst, exec);
    setState(inst, exec, 'waiting');
    for (const def of node.events) if (subscribable(def)) subscribe(ctx, inst, exec, node, def);
    const conditions = node.events.filter((e) => e.kind === 'conditional');
    if (conditions.length > 0 && !node.parallelMultiple) {
      for (const c of conditions) {
        if (c.kind === 'conditional' && evaluateCondition(inst, exec, c.condition, `condition of '${node.id}'`)) {
          removeEventRows(inst, exec.id);
          return leaveActivity(ctx, inst, exec);
        }
      }
    }
  },
};
