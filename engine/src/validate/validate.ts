import type { ModelProblem } from '../errors.ts';
import type { ProcessModel } from '../model/types.ts';
import { boundaryEvents } from './rules/boundary-events.ts';
import { callActivities } from './rules/call-activities.ts';
import { defaultFlowCondition } from './rules/default-flow-condition.ts';
import { eventGatewayTargets } from './rules/event-gateway-targets.ts';
import { eventsSupported } from './rules/events-supported.ts';
import { gatewayOutgoing } from './rules/gateway-outgoing.ts';
import { startEvents } from './rules/start-events.ts';
import { timerLiterals } from './rules/timer-literals.ts';
import { workDefined } from './rules/work-defined.ts';
import type { Rule } from './rule.ts';

export const RULES: readonly Rule[] = [
  gatewayOutgoing,
  defaultFlowCondition,
  timerLiterals,
  eventGatewayTargets,
  startEvents,
  boundaryEvents,
  eventsSupported,
  workDefined,
  callActivities,
];

export function validateModel(model: ProcessModel, resourceName: string): ModelProblem[] {
  return RULES.flatMap((rule) => rule.check(model).map((p) => ({ ...p, resource: resourceName })));
}
