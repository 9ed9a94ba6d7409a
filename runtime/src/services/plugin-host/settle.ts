import { fromStored, isLzError, type Engine, type LockedExternalTask } from '@liuzhuan/engine';
import { inputFromVariables, invokeTask, type HostServices, type TaskLogger, type TaskOutcome } from '@liuzhuan/plugin-sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { TopicEntry } from './registry.ts';

export const DEFAULT_RETRIES = 3;
const DEFAULT_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10 * 60_000;

/** ctx.log of a task: lines go into the runtime's pino log with the task's bindings */
export function taskLogger(log: FastifyBaseLogger): TaskLogger {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => log[level](fields ?? {}, message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** how the model binds the activity: by input / output mappings, or by variable names */
export interface Binding {
  mapsInput: boolean;
  mapsOutput: boolean;
}

export async function bindingOf(engine: Engine, t: LockedExternalTask): Promise<Binding> {
  const node = (await engine.getDefinitionModel(t.processDefinitionId)).nodes.get(t.activityId);
  return { mapsInput: (node?.inputs.length ?? 0) > 0, mapsOutput: (node?.outputs.length ?? 0) > 0 };
}

/**
 * Where the input comes from: when the model declares input mappings on the activity, exactly
 * the variables they made (the activity's local variables); otherwise the variables visible
 * at the task (simple models that set process variables of the same names).
 */
async function inputSource(engine: Engine, t: LockedExternalTask, binding: Binding): Promise<Readonly<Record<string, unknown>>> {
  if (!binding.mapsInput) return t.variables;
  const rows = await engine.getTypedVariables(t.processInstanceId, t.executionId);
  return Object.fromEntries(rows.filter((r) => r.scopeId === t.executionId).map((r) => [r.name, fromStored(r.type, r.value)]));
}

/** one attempt of the task's run, never throwing */
export async function attempt(
  engine: Engine,
  t: LockedExternalTask,
  entry: TopicEntry,
  binding: Binding,
  signal: AbortSignal,
  log: FastifyBaseLogger,
  services?: HostServices,
): Promise<TaskOutcome> {
  try {
    const source = await inputSource(engine, t, binding);
    return await invokeTask(entry.task, inputFromVariables(entry.task.input, source), {
      config: entry.plugin.config,
      variables: t.variables,
      log: taskLogger(log),
      signal,
      ...(services ? { services } : {}),
      task: {
        id: t.id,
        topicName: t.topicName,
        processInstanceId: t.processInstanceId,
        processDefinitionKey: t.processDefinitionKey,
        activityId: t.activityId,
        businessKey: t.businessKey,
        retries: t.retries,
      },
    });
  } catch (e) {
    return { kind: 'failed', message: `${t.topicName}: ${(e as Error).message}`, retryable: true };
  }
}

/** retries left after a failure, and how long to wait before the next attempt */
export function nextRetry(entry: TopicEntry, t: LockedExternalTask, retryable: boolean, retryAfterMs?: number): { retries: number; retryTimeout: number } {
  const declared = entry.task.retries ?? DEFAULT_RETRIES;
  const retries = retryable ? Math.max(0, (t.retries ?? declared) - 1) : 0;
  if (retries === 0) return { retries, retryTimeout: 0 };
  const n = Math.max(1, declared - retries);
  const backoff = Math.min((entry.task.retryBackoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (n - 1), MAX_BACKOFF_MS);
  return { retries, retryTimeout: Math.round(Math.max(backoff, Math.min(retryAfterMs ?? 0, MAX_BACKOFF_MS))) };
}

/**
 * Reports the outcome through the same commands a remote worker's REST calls use. Returns the
 * retry timeout when the task will come back (so the worker can wake for it), else null.
 */
export async function settle(engine: Engine, workerId: string, t: LockedExternalTask, entry: TopicEntry, binding: Binding, outcome: TaskOutcome, log: FastifyBaseLogger): Promise<number | null> {
  switch (outcome.kind) {
    case 'completed':
      try {
        // with output mappings the output stays local to the activity and the mappings pick
        // from it (Camunda's localVariables); without, it becomes process variables
        if (binding.mapsOutput) await engine.completeExternalTask(t.id, workerId, undefined, outcome.variables);
        else await engine.completeExternalTask(t.id, workerId, outcome.variables);
        log.debug('external task completed');
      } catch (e) {
        // output the engine cannot store (too large, not a variable value): retrying will not help
        if (!isLzError(e) || e.kind !== 'invalid') throw e;
        await engine.handleExternalTaskFailure(t.id, workerId, { errorMessage: `${t.topicName}: the output cannot be stored: ${e.message}`, retries: 0 });
      }
      return null;
    case 'bpmn-error':
      await engine.handleExternalTaskBpmnError(t.id, workerId, outcome.code, outcome.message, outcome.variables);
      log.info({ errorCode: outcome.code }, 'external task threw a BPMN error');
      return null;
    case 'failed': {
      const next = nextRetry(entry, t, outcome.retryable, outcome.retryAfterMs);
      await engine.handleExternalTaskFailure(t.id, workerId, { errorMessage: outcome.message, errorDetails: outcome.details ?? null, retries: next.retries, retryTimeout: next.retryTimeout });
      log.warn({ retries: next.retries, retryTimeout: next.retryTimeout }, `external task failed: ${outcome.message}`);
      return next.retries > 0 ? next.retryTimeout : null;
    }
    case 'aborted':
      return null;
  }
}
