import type { Harness } from '../harness.ts';
import { ScenarioFailure } from '../expect.ts';

/**
 * Helpers shared by the bpmn-engine scenarios.
 *
 * bpmn-engine models carry engine-specific JavaScript (`this.variables.x`, `next(…)` callbacks,
 * `environment.services`). Like betsy's adapters, a scenario deploys an adapted copy of the
 * corpus file: `swap` rewrites one exact piece of text and fails loudly if the piece is not
 * there, so every adaptation stays visible and minimal in the scenario that makes it.
 */
export function swap(xml: string, from: string, to: string): string {
  if (!xml.includes(from)) throw new ScenarioFailure(`adapter: '${from.slice(0, 80)}' not found in the model`);
  return xml.split(from).join(to);
}

/** like swap, for a piece of text matched by a regular expression (e.g. a whole script) */
export function swapMatch(xml: string, from: RegExp, to: string): string {
  if (!from.test(xml)) throw new ScenarioFailure(`adapter: ${String(from).slice(0, 80)} not found in the model`);
  return xml.replace(from, () => to);
}

/** tokens waiting at joins (executions in state 'joining'), by activity id, sorted */
export async function joinTokens(h: Harness, instanceId: string): Promise<string[]> {
  return (await h.engine.getExecutions(instanceId))
    .filter((e) => e.state === 'joining')
    .map((e) => e.activityId)
    .sort();
}

/** activity ids of the process instance's child activity instances, sorted */
export async function topActivities(h: Harness, instanceId: string): Promise<string[]> {
  const tree = await h.engine.getActivityTree(instanceId);
  return (tree?.childActivityInstances ?? []).map((c) => c.activityId).sort();
}

/** how many times an activity was entered in an instance (history) */
export async function timesEntered(h: Harness, instanceId: string, activityId: string): Promise<number> {
  return (await h.engine.getHistoricActivities({ processInstanceId: instanceId, activityId })).length;
}

/** open task keys of one instance, sorted */
export async function openTasks(h: Harness, instanceId: string): Promise<string[]> {
  return (await h.tasks({ processInstanceId: instanceId })).map((t) => t.taskDefinitionKey).sort();
}
