import type { CommandContext } from '../context/command-context.ts';
import type { ExternalTaskRow, InstanceState } from '../context/instance-state.ts';
import { runCommand } from '../context/run-command.ts';
import type { EngineServices } from '../context/services.ts';
import { setResults, setVariableLocal, visibleVariables } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import { createIncident, resolveIncidents } from '../operations/incidents.ts';
import { leaveActivity } from '../operations/leave-activity.ts';
import { throwError } from '../operations/propagate.ts';
import { consumeToken } from '../operations/consume.ts';
import { reviveRow } from '../persistence/tables.ts';

export interface FetchTopic {
  topicName: string;
  lockDuration: number;
  /** variable names to return (all when absent) */
  variables?: string[] | null;
}

export interface LockedExternalTask {
  id: string;
  topicName: string;
  workerId: string;
  lockExpirationTime: Date;
  processInstanceId: string;
  executionId: string;
  activityId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  businessKey: string | null;
  retries: number | null;
  errorMessage: string | null;
  priority: number;
  variables: Record<string, unknown>;
}

/**
 * Camunda's fetchAndLock: up to maxTasks open external tasks of the topics, locked for the
 * worker (FOR UPDATE SKIP LOCKED), highest priority and oldest first, with their variables.
 */
export async function fetchAndLock(services: EngineServices, workerId: string, maxTasks: number, topics: FetchTopic[]): Promise<LockedExternalTask[]> {
  if (!workerId) throw new LzError('LZ_ERR_BAD_REQUEST', 'workerId is required');
  if (topics.length === 0 || maxTasks <= 0) return [];
  const now = services.clock.now();
  const names = topics.map((t) => t.topicName);
  const durations = topics.map((t) => Math.max(0, Math.trunc(t.lockDuration)));
  const rows = await services.db.query<{ t: Record<string, unknown> }>(
    `WITH topics AS (SELECT * FROM unnest($2::text[], $3::int[]) AS x(name, lock_ms)),
     picked AS (
       SELECT e.id, x.lock_ms FROM external_tasks e JOIN topics x ON x.name = e.topic
       WHERE e.suspended = false AND (e.retries IS NULL OR e.retries > 0) AND (e.lock_expires_at IS NULL OR e.lock_expires_at < $4)
       ORDER BY e.priority DESC, e.id
       LIMIT $5
       FOR UPDATE OF e SKIP LOCKED)
     UPDATE external_tasks e SET worker_id = $1, lock_expires_at = $4::timestamptz + (picked.lock_ms || ' milliseconds')::interval
     FROM picked WHERE e.id = picked.id
     RETURNING row_to_json(e) AS t`,
    [workerId, names, durations, now, maxTasks],
  );
  if (rows.length === 0) return [];
  const tasks = rows.map((r) => reviveRow('external_tasks', r.t));
  const wanted = new Map(topics.map((t) => [t.topicName, t.variables ?? null]));
  const out: LockedExternalTask[] = [];
  // variables are read per instance in one query each
  const byInstance = new Map<string, ExternalTaskRow[]>();
  for (const t of tasks) byInstance.set(t.instance_id!, [...(byInstance.get(t.instance_id!) ?? []), t]);
  await runCommand(services, async (ctx) => {
    for (const [instanceId, list] of byInstance) {
      const inst = await ctx.tryInstance(instanceId);
      for (const t of list) {
        const all = inst && inst.executions.has(t.execution_id!) ? visibleVariables(inst, t.execution_id!) : {};
        const names2 = wanted.get(t.topic!);
        const variables = names2 ? Object.fromEntries(names2.filter((n) => n in all).map((n) => [n, all[n]])) : all;
        out.push({
          id: t.id,
          topicName: t.topic!,
          workerId,
          lockExpirationTime: t.lock_expires_at!,
          processInstanceId: t.instance_id!,
          executionId: t.execution_id!,
          activityId: t.element_id!,
          processDefinitionId: t.definition_id!,
          processDefinitionKey: t.definition_key!,
          businessKey: t.business_key,
          retries: t.retries,
          errorMessage: t.error_message,
          priority: t.priority ?? 0,
          variables,
        });
      }
    }
  });
  return out;
}

async function loadLocked(ctx: CommandContext, id: string, workerId: string | null): Promise<{ inst: InstanceState; task: ExternalTaskRow }> {
  const inst = await ctx.instanceOf('external_tasks', id);
  const task = inst?.externalTasks.get(id);
  if (!inst || !task) throw new LzError('LZ_ERR_EXTERNAL_TASK_NOT_FOUND', id);
  if (workerId !== null && task.worker_id !== workerId) {
    throw new LzError('LZ_ERR_EXTERNAL_TASK_LOCKED', `external task ${id} is locked by ${task.worker_id ?? 'no worker'}, not ${workerId}`);
  }
  return { inst, task };
}

/** the worker finished: its variables are set and the token moves on */
export function completeExternalTask(services: EngineServices, id: string, workerId: string, variables?: Record<string, unknown>, localVariables?: Record<string, unknown>): Promise<void> {
  return runCommand(services, async (ctx) => {
    const { inst, task } = await loadLocked(ctx, id, workerId);
    const exec = inst.executions.get(task.execution_id!)!;
    setResults(ctx, inst, exec, variables);
    for (const [k, v] of Object.entries(localVariables ?? {})) setVariableLocal(ctx, inst, exec.id, k, v);
    inst.removeExternalTask(task.id);
    resolveIncidents(ctx, inst, (i) => i.external_task_id === id);
    ctx.emit({ type: 'external-task.completed', externalTaskId: id, processInstanceId: inst.id });
    ctx.agenda.push(() => leaveActivity(ctx, inst, exec));
  });
}

/** the worker failed: retries and a wait before the next fetch; none left → incident */
export function handleExternalTaskFailure(
  services: EngineServices,
  id: string,
  workerId: string,
  f: { errorMessage?: string | null; errorDetails?: string | null; retries: number; retryTimeout?: number },
): Promise<void> {
  if (!Number.isInteger(f.retries) || f.retries < 0) throw new LzError('LZ_ERR_BAD_REQUEST', 'retries must be a whole number ≥ 0');
  return runCommand(services, async (ctx) => {
    const { inst, task } = await loadLocked(ctx, id, workerId);
    task.retries = f.retries;
    task.error_message = f.errorMessage?.slice(0, 4000) ?? null;
    task.error_details = f.errorDetails ?? null;
    task.worker_id = null;
    // a retry timeout keeps it away from fetchAndLock for that long; none frees it at once
    task.lock_expires_at = f.retryTimeout && f.retryTimeout > 0 ? new Date(ctx.now.getTime() + f.retryTimeout) : null;
    ctx.uow.table('external_tasks').changed(task);
    if (f.retries === 0) createIncident(ctx, inst, { type: 'failedExternalTask', message: task.error_message, executionId: task.execution_id, elementId: task.element_id, externalTaskId: id });
  });
}

/** the worker reports a business error: thrown as a BPMN error at the task */
export function handleExternalTaskBpmnError(services: EngineServices, id: string, workerId: string, errorCode: string, errorMessage?: string | null, variables?: Record<string, unknown>): Promise<void> {
  return runCommand(services, async (ctx) => {
    const { inst, task } = await loadLocked(ctx, id, workerId);
    const exec = inst.executions.get(task.execution_id!)!;
    inst.removeExternalTask(task.id);
    resolveIncidents(ctx, inst, (i) => i.external_task_id === id);
    const caught = await throwError(ctx, inst, exec, errorCode, errorMessage ?? null, variables ?? {});
    if (!caught) consumeToken(ctx, inst, exec);
  });
}

/** longer lock for a worker still busy */
export function extendExternalTaskLock(services: EngineServices, id: string, workerId: string, newDuration: number): Promise<void> {
  return runCommand(services, async (ctx) => {
    const { task } = await loadLocked(ctx, id, workerId);
    if (!task.lock_expires_at || task.lock_expires_at < ctx.now) throw new LzError('LZ_ERR_EXTERNAL_TASK_LOCKED', `the lock of ${id} has expired`);
    task.lock_expires_at = new Date(ctx.now.getTime() + Math.max(0, newDuration));
    ctx.uow.table('external_tasks').changed(task);
  });
}

export function unlockExternalTask(services: EngineServices, id: string): Promise<void> {
  return runCommand(services, async (ctx) => {
    const { task } = await loadLocked(ctx, id, null);
    task.worker_id = null;
    task.lock_expires_at = null;
    ctx.uow.table('external_tasks').changed(task);
  });
}

export function setExternalTaskRetries(services: EngineServices, id: string, retries: number): Promise<void> {
  if (!Number.isInteger(retries) || retries < 0) throw new LzError('LZ_ERR_BAD_REQUEST', 'retries must be a whole number ≥ 0');
  return runCommand(services, async (ctx) => {
    const { inst, task } = await loadLocked(ctx, id, null);
    task.retries = retries;
    ctx.uow.table('external_tasks').changed(task);
    if (retries > 0) resolveIncidents(ctx, inst, (i) => i.external_task_id === id);
  });
}
