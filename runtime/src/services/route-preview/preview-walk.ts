import { isLzError, type Engine, type HistoricActivity, type TaskInfo } from '@liuzhuan/engine';
import type { PreviewStep, RoutePreview } from '../../api-types/drafts.ts';

/** the contract: a preview stops after 200 steps (user tasks) */
export const MAX_STEPS = 200;
/** rounds of anything else (jobs, external tasks, timers), so a loop without user tasks ends too */
const MAX_ROUNDS = 1_000;
const WORKER = 'route-preview';

export interface WalkInput {
  variables: Record<string, unknown>;
  initiator: string;
}

export type PeopleOf = (task: Pick<TaskInfo, 'assignee' | 'candidateUsers' | 'candidateGroups'>) => Promise<{ id: string; name: string }[]>;

/**
 * Moves the one instance on a throw-away engine as far as it goes: each open user task is a
 * step, completed with the sample variables and `approved: true`; due jobs run; external tasks
 * (service tasks, CC nodes) are completed without variables; when nothing else moves, the next
 * timer fires at once. Ends when the instance ends, nothing can move it (a message, a signal),
 * an error stops it, or after MAX_STEPS steps.
 */
export async function walk(engine: Engine, definitionId: string, input: WalkInput, peopleOf: PeopleOf): Promise<RoutePreview> {
  const steps: PreviewStep[] = [];
  let message: string | null = null;
  let failed = false;
  let instanceId: string | null = null;
  try {
    instanceId = (await engine.startProcessById(definitionId, { variables: input.variables, startUserId: input.initiator })).id;
    for (let round = 0; ; round += 1) {
      if (round >= MAX_ROUNDS) {
        message = `stopped after ${MAX_ROUNDS} rounds without reaching an end`;
        break;
      }
      const [task] = await engine.getTasks({ max: 1 });
      if (task) {
        if (steps.length >= MAX_STEPS) {
          message = `stopped after ${MAX_STEPS} steps`;
          break;
        }
        steps.push(await step(task, peopleOf));
        await engine.completeTask(task.id, { ...input.variables, approved: true });
        continue;
      }
      if ((await engine.runDueJobs(100)) > 0) continue;
      if ((await workExternalTasks(engine)) > 0) continue;
      const timer = (await engine.getJobs({ type: 'timer', withRetriesLeft: true })).find((j) => j.processInstanceId !== null);
      if (!timer) break;
      await engine.setJobDueDate(timer.id, null);
    }
  } catch (e) {
    // a model that fails at run time (an expression, a script, no flow to take) is the preview's answer
    if (!isLzError(e)) throw e;
    failed = true;
    message = e.message;
  }
  const history = await engine.getHistoricActivities();
  const path = history.map((a) => ({ activityId: a.activityId, name: a.activityName, type: a.activityType }));
  const [incident] = await engine.getIncidents();
  if (incident && !failed) {
    failed = true;
    message = `${incident.activityId ?? ''}: ${incident.incidentMessage ?? incident.incidentType}`;
  }
  const [instance] = instanceId ? await engine.getHistoricInstances({ processInstanceId: instanceId }) : [];
  const outcome = failed ? 'error' : instance?.endTime ? 'completed' : 'waiting';
  return { path, steps, outcome, waitingAt: outcome === 'completed' ? [] : waitingAt(history), message };
}

async function step(task: TaskInfo, peopleOf: PeopleOf): Promise<PreviewStep> {
  return {
    activityId: task.taskDefinitionKey,
    name: task.name,
    assignee: task.assignee,
    candidateUsers: task.candidateUsers,
    candidateGroups: task.candidateGroups,
    people: await peopleOf(task),
  };
}

/** completes every open external task, whatever its topic; how many */
async function workExternalTasks(engine: Engine): Promise<number> {
  const topics = [...new Set((await engine.getExternalTasks()).map((t) => t.topicName))];
  if (topics.length === 0) return 0;
  const locked = await engine.fetchAndLock(WORKER, 50, topics.map((topicName) => ({ topicName, lockDuration: 60_000 })));
  for (const t of locked) await engine.completeExternalTask(t.id, WORKER);
  return locked.length;
}

/** the innermost activities still open: where the instance waits */
function waitingAt(history: HistoricActivity[]): string[] {
  const open = history.filter((a) => a.endTime === null);
  const parents = new Set(open.map((a) => a.parentActivityInstanceId));
  return [...new Set(open.filter((a) => !parents.has(a.id)).map((a) => a.activityId))];
}
