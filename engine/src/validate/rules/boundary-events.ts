import type { Rule, RuleProblem } from '../rule.ts';
import { nodesOf } from '../rule.ts';

const BOUNDARY_KINDS = new Set(['timer', 'message', 'signal', 'error', 'escalation', 'conditional', 'compensate', 'cancel']);

/** BPMN 2.0 §10.5.4: what a boundary event may catch, and that it has no incoming flow. */
export const boundaryEvents: Rule = {
  id: 'boundary-events',
  check(model) {
    const out: RuleProblem[] = [];
    for (const n of nodesOf(model).filter((x) => x.type === 'boundaryEvent')) {
      if (n.incoming.length > 0) out.push({ elementId: n.id, message: 'a boundary event cannot have incoming sequence flows' });
      if (n.events.length === 0) out.push({ elementId: n.id, message: 'a boundary event needs an event definition' });
      for (const e of n.events) if (!BOUNDARY_KINDS.has(e.kind)) out.push({ elementId: n.id, message: `a ${e.kind} boundary event is not allowed` });
      const host = n.attachedTo ? model.nodes.get(n.attachedTo) : undefined;
      if (n.events.some((e) => e.kind === 'cancel') && host?.type !== 'transaction') out.push({ elementId: n.id, message: 'a cancel boundary event must sit on a transaction' });
      if (n.events.some((e) => e.kind === 'error') && !n.cancelActivity) out.push({ elementId: n.id, message: 'an error boundary event is always interrupting' });
    }
    return out;
  },
};
