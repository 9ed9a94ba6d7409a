import type { ExpressionFunctions } from '../expressions/functions.ts';
import type { DefinitionStore } from '../model/definition-store.ts';
import type { Db } from '../persistence/db.ts';
import type { ScriptHost, ScriptOutcome, ScriptSandbox } from '../scripts/index.ts';
import type { Clock } from '../timers/clock.ts';
import type { UserTaskPolicy } from './task-policy.ts';
import type { WriteBatch } from './write-batch.ts';

export interface EngineConfig {
  /** write history rows (activity instances, variable updates, tasks) */
  history: boolean;
  /** operations one command may run before it is stopped as a runaway loop */
  maxSteps: number;
  /** retries of a job or script task when the model sets no camunda:failedJobRetryTimeCycle */
  defaultRetries: number;
  /** how long the job executor holds a job it works on */
  jobLockMs: number;
  /** this engine's name as a lock owner */
  workerId: string;
  /** how often a command that lost an optimistic-lock race is run again */
  conflictRetries: number;
  /** PostgreSQL: group-commit transactions on their way at once */
  commitGroupsInFlight: number;
}

/** What a `camunda:class` / `camunda:delegateExpression` handler can see and do. */
export interface DelegateExecution {
  readonly id: string;
  readonly processInstanceId: string;
  readonly processDefinitionId: string;
  readonly processBusinessKey: string | null;
  readonly activityId: string;
  readonly fields: Readonly<Record<string, unknown>>;
  getVariable(name: string): unknown;
  setVariable(name: string, value: unknown): void;
  setVariableLocal(name: string, value: unknown): void;
}

export type DelegateHandler = (execution: DelegateExecution) => void;

/** A script language the embedder adds (the conformance runner adds the one Groovy line Camunda's tests use). */
export type ScriptEngine = (source: string, host: ScriptHost) => ScriptOutcome;

/** What `EngineOptions.taskAssignment` is asked when a user task is created with an assignee. */
export interface TaskAssignmentInput {
  assignee: string;
  taskDefinitionKey: string;
  processDefinitionKey: string;
  processInstanceId: string;
  /** the command's time (the engine clock) */
  at: Date;
}

/** The task goes to `assignee` instead; `reason` is kept on the task and in its comments. */
export interface TaskAssignmentRedirect {
  assignee: string;
  reason: string;
}

/** Synchronous: it runs inside the command that creates the task, before the row is written. */
export type TaskAssignmentHook = (input: TaskAssignmentInput) => TaskAssignmentRedirect | null;

export interface EngineEvent {
  type: string;
  [key: string]: unknown;
}

export interface EngineServices {
  readonly db: Db;
  readonly clock: Clock;
  readonly definitions: DefinitionStore;
  readonly scripts: ScriptSandbox;
  readonly delegates: ReadonlyMap<string, DelegateHandler>;
  readonly scriptEngines: ReadonlyMap<string, ScriptEngine>;
  /** functions every expression may call by name (EngineOptions.expressionFunctions) */
  readonly functions: ExpressionFunctions;
  /** redirects the assignee of a user task as it is created (EngineOptions.taskAssignment) */
  readonly taskAssignment: TaskAssignmentHook | null;
  /** rules on user tasks' collection and creation phases (EngineOptions.userTaskPolicy) */
  readonly userTaskPolicy: UserTaskPolicy | null;
  readonly config: EngineConfig;
  /** what deployed models may use: registered handlers, script languages and functions */
  compileOptions(): { delegates: ReadonlySet<string>; scriptFormats: ReadonlySet<string>; functions: ReadonlySet<string> };
  /** delivered after the command's transaction committed */
  emit(events: EngineEvent[]): void;
  /** writes a command's batch, possibly together with other commands' batches (group commit) */
  commit(batch: WriteBatch): Promise<void>;
}
