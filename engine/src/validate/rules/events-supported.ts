import type { Rule, RuleProblem } from '../rule.ts';
import { nodesOf } from '../rule.ts';

const CATCH = new Set(['message', 'timer', 'signal', 'conditional', 'link']);
const THROW = new Set(['message', 'signal', 'escalation', 'compensate', 'link']);
const END = new Set(['message', 'signal', 'escalation', 'compensate', 'error', 'terminate', 'cancel']);

/** Intermediate and end events: which event definitions they may carry (BPMN 2.0 §10.5.6). */
export const eventsSupported: Rule = {
  id: 'events-supported',
  check(model) {
    const out: RuleProblem[] = [];
    for (const n of nodesOf(model)) {
      const kinds = n.type === 'intermediateCatchEvent' ? CATCH : n.type === 'intermediateThrowEvent' ? THROW : n.type === 'endEvent' ? END : null;
      if (!kinds) continue;
      if (n.type === 'intermediateCatchEvent' && n.events.length === 0) out.push({ elementId: n.id, message: 'an intermediate catch event needs an event definition' });
      for (const e of n.events) if (!kinds.has(e.kind)) out.push({ elementId: n.id, message: `a ${e.kind} ${n.type} is not allowed` });
      for (const e of n.events) {
        if (e.kind === 'compensate' && e.activityRef && !model.nodes.has(e.activityRef)) out.push({ elementId: n.id, message: `compensation refers to '${e.activityRef}', which does not exist` });
        if (e.kind === 'cancel' && !insideTransaction(model, n.scopeId)) out.push({ elementId: n.id, message: 'a cancel end event must be inside a transaction' });
      }
    }
    return out;
  },
};

function insideTransaction(model: Parameters<Rule['check']>[0], scopeId: string): boolean {
  const scope = model.nodes.get(scopeId);
  return scope?.type === 'transaction';
}
