import type { Rule } from '../rule.ts';
import { nodesOf } from '../rule.ts';

const CATCHABLE = new Set(['message', 'timer', 'signal', 'conditional']);

/** BPMN 2.0 §10.6.6: an event-based gateway leads only to catch events or receive tasks. */
export const eventGatewayTargets: Rule = {
  id: 'event-gateway-targets',
  check: (model) =>
    nodesOf(model)
      .filter((n) => n.type === 'eventBasedGateway')
      .flatMap((g) =>
        g.outgoing.flatMap((fid) => {
          const flow = model.flows.get(fid)!;
          const t = model.nodes.get(flow.target);
          if (flow.condition) return [{ elementId: flow.id, message: `a flow leaving event-based gateway '${g.id}' must not have a condition` }];
          const ok = t && (t.type === 'receiveTask' || (t.type === 'intermediateCatchEvent' && t.events.length > 0 && t.events.every((e) => CATCHABLE.has(e.kind))));
          return ok ? [] : [{ elementId: g.id, message: `event-based gateway leads to '${flow.target}', which is not a message/timer/signal/conditional catch event or receive task` }];
        }),
      ),
};
