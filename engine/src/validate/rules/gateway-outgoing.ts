import type { Rule } from '../rule.ts';
import { nodesOf } from '../rule.ts';

/** A gateway must lead somewhere: a token that reaches it would otherwise have no way on. */
export const gatewayOutgoing: Rule = {
  id: 'gateway-outgoing',
  check: (model) =>
    nodesOf(model)
      .filter((n) => n.type.endsWith('Gateway') && n.outgoing.length === 0)
      .map((n) => ({ elementId: n.id, message: `${n.type} has no outgoing sequence flow` })),
};
