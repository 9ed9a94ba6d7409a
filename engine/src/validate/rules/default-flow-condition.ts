import type { Rule } from '../rule.ts';
import { nodesOf } from '../rule.ts';

/** BPMN 2.0 §8.3.13: a default flow is taken when no condition holds, so it must not have one. */
export const defaultFlowCondition: Rule = {
  id: 'default-flow-condition',
  check: (model) =>
    nodesOf(model).flatMap((n) => {
      const flow = n.defaultFlow ? model.flows.get(n.defaultFlow) : undefined;
      return flow?.condition ? [{ elementId: flow.id, message: `the default flow of '${n.id}' must not have a condition` }] : [];
    }),
};
