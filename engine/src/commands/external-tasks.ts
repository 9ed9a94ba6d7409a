import type { CommandContext } from '../context/command-context.ts';
import type { ExternalTaskRow, InstanceState } from '../context/instance-state.ts';
import { runCommand } from '../context/run-command.ts';
import type { EngineServices } from '../context/services.ts';
import { setResults, setVariableLocal, setVariables } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import { createIncident, resolveIncidents } from '../operations/incidents.ts';
import { leaveActivity } from '../operations/leave-activity.ts';
import { throwError } from '../operations/propagate.ts';
import { consumeToken } from '../operations/consume.ts';
import { reviveRow } from '../persistence/tables.ts';
import { fromStored } from '../context/variable-values.ts';

export interface FetchTopic {
  topicName: string;
  lockDuration: number;
  /** variable names to return (all when absent) */
  variables?: string[] | null;
  /** only the variables of the task's own execution (Camunda's localVariables) */
  localVariables?: boolean;
  businessKey?: string | null;
  processDefinitionId?: string | null;
  processDefinitionIdIn?: string[] | null;
  processDefinitionKey?: string | null;
  processDefinitionKeyIn?: string[] | null;
  processDefinitionVersionTag?: string | null;
  /** process instance variables that must have these (JSON-equal) values */
  processVariables?: Record<string, unknown> | null;
}

export interface FetchOptions {
  /** highest priority first (default true); otherwise by create time only */
  usePriority?: boolean;
  /** order by create time (after priority when usePriority) */
  createTimeOrder?: 'asc' | 'desc';
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
  errorDetails: string | null;
  priority: number;
  createTime: Date;
  variables: Record<string, unknown>;
  /** the same variables with their stored type (Camunda's typed values) */
  typedVariables: Record<string, { type: string; value: unknown }>;
}

/** the variables an external task's worker sees, nearest scope first, with their types */
function workerVariables(inst: InstanceState, executionId: string, local: boolean): Record<string, { type: string; value: unknown }> {
  const out: Record<string, { type: string; value: unknown }> = {};
  let id: string | null = executionId;
  for (let guard = 0; id && guard < 10_000; guard++) {
    for (const [name, v] of inst.variables.get(id) ?? []) if (!(name in out)) out[name] = { type: v.type!, value: v.value };
    if (local) break;
    id = inst.executions.get(id)?.parent_id ?? null;
  }
  return out;
}

/**
 * Camunda's fetchAndLock: up to maxTasks open external tasks of the topics (and each topic's
 * filters), locked for the worker (FOR UPDATE SKIP LOCKED), highest priority and oldest first,
 * with their variables.
 */
export async function fetchAndLock(services: EngineServices, workerId: string, maxTasks: number, topics: FetchTopic[], opts: FetchOptions = {}): Promise<LockedExternalTask[]> {
  if (!workerId) throw new LzError('LZ_ERR_BAD_REQUEST', 'workerId is required');
  if (topics.length === 0 || maxTasks <= 0) return [];
  const now = services.clock.now();
  const ids = (one?: string | null, many?: string[] | null) => (one || many ? [...(one ? [one] : []), ...(many ?? [])] : null);
  const spec = topics.map((t, ord) => ({
    ord,
    name: t.topicName,
    lock_ms: Math.max(0, Math.trunc(t.lockDuration)),
    business_key: t.businessKey ?? null,
    def_ids: ids(t.processDefinitionId, t.processDefinitionIdIn),
    def_keys: ids(t.processDefinitionKey, t.processDefinitionKeyIn),
    version_tag: t.processDefinitionVersionTag ?? null,
    pvars: t.processVariables && Object.keys(t.processVariables).length > 0 ? t.processVariables : null,
  }));
  const order = [
    ...(opts.usePriority === false ? [] : ['e.priority DESC']),
    ...(opts.createTimeOrder ? [`e.created_at ${opts.createTimeOrder === 'desc' ? 'DESC' : 'ASC'}`] : []),
    'e.id',
  ].join(', ');
  const rows = await services.db.query<{ t: Record<string, unknown>; ord: number }>(
    `WITH topics AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb)
         AS x(ord int, name text, lock_ms bigint, business_key text, def_ids text[], def_keys text[], version_tag text, pvars jsonb)),
     picked AS (
       SELECT e.id, m.lock_ms, m.ord FROM external_tasks e
       CROSS JOIN LATERAL (
         SELECT x.lock_ms, x.ord FROM topics x
         WHERE x.name = e.topic
           AND (x.business_key IS NULL OR x.business_key = e.business_key)
           AND (x.def_ids IS NULL OR e.definition_id = ANY(x.def_ids))
           AND (x.def_keys IS NULL OR e.definition_key = ANY(x.def_keys))
           AND (x.version_tag IS NULL OR EXISTS (SELECT 1 FROM process_definitions d WHERE d.id = e.definition_id AND d.version_tag = x.version_tag))
           AND (x.pvars IS NULL OR NOT EXISTS (
             SELECT 1 FROM jsonb_each(x.pvars) p
             WHERE NOT EXISTS (SELECT 1 FROM variables v WHERE v.scope_id = e.instance_id AND v.name = p.key AND v.value = p.value)))
         ORDER BY x.ord LIMIT 1) m
       WHERE e.suspended = false AND (e.retries IS NULL OR e.retries > 0) AND (e.lock_expires_at IS NULL OR e.lock_expires_at < $3)
       ORDER BY ${order}
       LIMIT $4
       FOR UPDATE OF e SKIP LOCKED)
     UPDATE external_tasks e SET worker_id = $1, lock_expires_at = $3::timestamptz + (picked.lock_ms || ' milliseconds')::interval
     FROM picked WHERE e.id = picked.id
     RETURNING row_to_json(e) AS t, picked.ord AS ord`,
    [workerId, JSON.stringify(spec), now, maxTasks],
  );
  if (rows.length === 0) return [];
  const tasks = rows.map((r) => ({ row: reviveRow('external_tasks', r.t), topic: topics[r.ord]! }));
  // RETURNING gives no order: hand them out in the order they were picked
  const rank = (t: ExternalTaskRow) => [opts.usePriority === false ? 0 : -(t.priority ?? 0), opts.createTimeOrder ? (opts.createTimeOrder === 'desc' ? -1 : 1) * t.created_at!.getTime() : 0];
  tasks.sort((a, b) => {
    const ra = rank(a.row);
    const rb = rank(b.row);
    return ra[0]! - rb[0]! || ra[1]! - rb[1]! || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0);
  });
  const out: LockedExternalTask[] = [];
  await runCommand(services, async (ctx) => {
    const cache = new Map<string, InstanceState | null>();
    for (const { row: t, topic } of tasks) {
      if (!cache.has(t.instance_id!)) cache.set(t.instance_id!, await ctx.tryInstance(t.instance_id!));
      const inst = cache.get(t.instance_id!);
      const all = inst && inst.executions.has(t.execution_id!) ? workerVariables(inst, t.execution_id!, topic.localVariables === true) : {};
      const names = topic.variables ?? null;
      const typedVariables = names ? Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]!])) : all;
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
        errorDetails: t.error_details,
        priority: t.priority ?? 0,
        createTime: t.created_at!,
        variables: Object.fromEntries(Object.entries(typedVariables).map(([k, v]) => [k, fromStored(v.type, v.value)])),
        typedVariables,
      });
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
  f: {
    errorMessage?: string | null;
    errorDetails?: string | null;
    retries: number;
    retryTimeout?: number;
    /** set on the task's execution as Camunda's handleFailure does (variables like setVariable, local ones on the execution) */
    variables?: Record<string, unknown> | null;
    localVariables?: Record<string, unknown> | null;
  },
): Promise<void> {
  if (!Number.isInteger(f.retries) || f.retries < 0) throw new LzError('LZ_ERR_BAD_REQUEST', 'retries must be a whole number ≥ 0');
  return runCommand(services, async (ctx) => {
    const { inst, task } = await loadLocked(ctx, id, workerId);
    setVariables(ctx, inst, task.execution_id!, f.variables);
    for (const [k, v] of Object.entries(f.localVariables ?? {})) setVariableLocal(ctx, inst, task.execution_id!, k, v);
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
