import type { Rule } from '../rule.ts';
import { nodesOf } from '../rule.ts';

const NEEDS_WORK = new Set(['serviceTask', 'businessRuleTask', 'sendTask', 'scriptTask']);

/** A service-like task must say how its work gets done; there is no silent no-op. */
export const workDefined: Rule = {
  id: 'work-defined',
  check: (model) =>
    nodesOf(model)
      .filter((n) => NEEDS_WORK.has(n.type) && !n.work)
      .map((n) => ({
        elementId: n.id,
        message:
          n.type === 'scriptTask'
            ? 'script task without a runnable script'
            : `${n.type} needs an implementation: camunda:type="external" with camunda:topic, zeebe:taskDefinition, or camunda:expression`,
      })),
};
