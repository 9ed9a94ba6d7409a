import { expect } from 'vitest';
import type { Engine } from '../../../src/index.ts';

/** everything that still hangs off an instance at run time */
export async function runtimeRows(engine: Engine, processInstanceId: string) {
  return {
    executions: await engine.getExecutions(processInstanceId),
    tasks: await engine.getTasks({ processInstanceId }),
    subscriptions: await engine.getEventSubscriptions({ processInstanceId }),
    jobs: await engine.getJobs({ processInstanceId }),
    externalTasks: await engine.getExternalTasks({ processInstanceId }),
    incidents: await engine.getIncidents({ processInstanceId }),
  };
}

/** the instance is over and nothing of it is left at run time (history keeps the record) */
export async function expectGone(engine: Engine, processInstanceId: string): Promise<void> {
  expect(await engine.getProcessInstance(processInstanceId)).toBeNull();
  const rows = await runtimeRows(engine, processInstanceId);
  expect(rows).toEqual({ executions: [], tasks: [], subscriptions: [], jobs: [], externalTasks: [], incidents: [] });
  const [hist] = await engine.getHistoricInstances({ processInstanceId });
  expect(hist?.endTime).not.toBeNull();
}

/** the ids of the activities an instance went through, in order (history) */
export async function path(engine: Engine, processInstanceId: string): Promise<string[]> {
  return (await engine.getHistoricActivities({ processInstanceId })).map((a) => a.activityId);
}

/** the task definition keys open in an instance, sorted */
export async function openTasks(engine: Engine, processInstanceId: string): Promise<string[]> {
  return (await engine.getTasks({ processInstanceId })).map((x) => x.taskDefinitionKey).sort();
}

/** completes the one open task with this key */
export async function complete(engine: Engine, processInstanceId: string, key: string, vars?: Record<string, unknown>): Promise<void> {
  const tasks = await engine.getTasks({ processInstanceId, taskDefinitionKey: key });
  expect(tasks, `one open task '${key}'`).toHaveLength(1);
  await engine.completeTask(tasks[0]!.id, vars);
}

/** the subscriptions of an instance as "type:name@activity", sorted */
export async function subs(engine: Engine, processInstanceId: string): Promise<string[]> {
  return (await engine.getEventSubscriptions({ processInstanceId })).map((s) => `${s.eventType}:${s.eventName ?? ''}@${s.activityId}`).sort();
}
