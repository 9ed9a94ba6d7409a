import { BpmnError, TaskFailure, isBpmnError, isTaskFailure } from './errors.ts';
import type { HostServices } from './entity-access.ts';
import type { AnyTaskDefinition, TaskContext, TaskInfo, TaskLogger } from './types.ts';
import { validate } from './validate.ts';

/** How one attempt of a task ended; the host turns it into complete / bpmnError / failure. */
export type TaskOutcome =
  | { kind: 'completed'; variables: Record<string, unknown> }
  | { kind: 'bpmn-error'; code: string; message: string; variables: Record<string, unknown> }
  | { kind: 'failed'; message: string; details?: string; retryable: boolean; retryAfterMs?: number }
  /** the signal was aborted (lock lost, runtime stopping) and run gave up */
  | { kind: 'aborted'; reason: string };

export interface InvokeOptions {
  config?: unknown;
  variables?: Readonly<Record<string, unknown>>;
  log?: TaskLogger;
  signal?: AbortSignal;
  task?: Partial<TaskInfo>;
  /** what the host lends the task (absent in a remote worker) */
  services?: HostServices;
}

const silent: TaskLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * One attempt: input checked (defaults filled in), `run`, output checked. Never throws for what
 * the task does; plugin tests call it directly, the runtime's host calls it for each fetched task.
 */
export async function invokeTask(task: AnyTaskDefinition, input: unknown, opts: InvokeOptions = {}): Promise<TaskOutcome> {
  const signal = opts.signal ?? new AbortController().signal;
  const checkedIn = validate<Record<string, unknown>>(task.input, input ?? {}, 'input');
  if (!checkedIn.ok) return { kind: 'failed', message: `invalid input for ${task.topic}: ${checkedIn.errors.join('; ')}`, retryable: false };
  const ctx: TaskContext<unknown> = {
    variables: Object.freeze({ ...(opts.variables ?? {}) }),
    task: Object.freeze({ id: 'local', topicName: task.topic, processInstanceId: '', processDefinitionKey: '', activityId: '', businessKey: null, retries: null, ...opts.task }),
    log: opts.log ?? silent,
    signal,
    config: opts.config ?? {},
    ...(opts.services ? { services: Object.freeze({ ...opts.services }) } : {}),
    bpmnError(code, message, variables) {
      throw new BpmnError(code, message, variables);
    },
    fail(message, o) {
      throw new TaskFailure(message, o);
    },
  };
  let output: unknown;
  try {
    output = await task.run(checkedIn.value, ctx);
  } catch (e) {
    if (isBpmnError(e)) return { kind: 'bpmn-error', code: e.code, message: e.message, variables: e.variables };
    if (signal.aborted) return { kind: 'aborted', reason: String((signal.reason as Error | undefined)?.message ?? signal.reason ?? 'aborted') };
    if (isTaskFailure(e)) {
      return { kind: 'failed', message: e.message, retryable: e.retryable, ...(e.details !== undefined ? { details: e.details } : {}), ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) };
    }
    const err = e instanceof Error ? e : new Error(String(e));
    return { kind: 'failed', message: `${task.topic}: ${err.message}`, retryable: true, ...(err.stack ? { details: err.stack } : {}) };
  }
  const checkedOut = validate<Record<string, unknown>>(task.output, output ?? {}, 'output');
  if (!checkedOut.ok) return { kind: 'failed', message: `${task.topic} returned invalid output: ${checkedOut.errors.join('; ')}`, retryable: false };
  const variables = Object.fromEntries(Object.entries(checkedOut.value).filter(([, v]) => v !== undefined));
  return { kind: 'completed', variables };
}
