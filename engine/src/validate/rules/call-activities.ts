import type { Rule } from '../rule.ts';
import { nodesOf } from '../rule.ts';

/** A call activity calls something: a process key (literal or expression) or a global task. */
export const callActivities: Rule = {
  id: 'call-activities',
  check: (model) =>
    nodesOf(model)
      .filter((n) => n.type === 'callActivity' && n.call && n.call.calledElement.isLiteral && n.call.calledElement.source.trim() === '')
      .map((n) => ({ elementId: n.id, message: 'call activity with an empty calledElement' })),
};
