/**
 * What a task's `run` throws instead of returning output. The host recognises them by a
 * brand, not by `instanceof`, so a plugin that bundles its own copy of the sdk still works.
 */
const BPMN_ERROR = Symbol.for('liuzhuan.plugin-sdk.bpmn-error');
const TASK_FAILURE = Symbol.for('liuzhuan.plugin-sdk.task-failure');

/** A business error: thrown as a BPMN error at the task (caught by an error boundary event). */
export class BpmnError extends Error {
  readonly [BPMN_ERROR] = true;
  override readonly name = 'BpmnError';

  constructor(
    readonly code: string,
    message?: string,
    /** variables handed to the engine together with the error */
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message ?? code);
    if (!code || typeof code !== 'string') throw new TypeError('a BPMN error needs an error code');
  }
}

export interface TaskFailureOptions {
  /** false: retrying cannot help (bad configuration, rejected input) → an incident at once */
  retryable?: boolean;
  /** longer text for the incident (a stack, a response body) */
  details?: string;
  /** wait at least this long before the next attempt (instead of the task's backoff) */
  retryAfterMs?: number;
}

/** A technical failure: the task is retried with backoff, and becomes an incident when none are left. */
export class TaskFailure extends Error {
  readonly [TASK_FAILURE] = true;
  override readonly name = 'TaskFailure';
  readonly retryable: boolean;
  readonly details: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, opts: TaskFailureOptions = {}) {
    super(message);
    this.retryable = opts.retryable ?? true;
    this.details = opts.details;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

export function isBpmnError(e: unknown): e is BpmnError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BPMN_ERROR] === true;
}

export function isTaskFailure(e: unknown): e is TaskFailure {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[TASK_FAILURE] === true;
}
