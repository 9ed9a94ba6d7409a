import type { Static, TObject, TSchema } from 'typebox';
import type { HostServices } from './entity-access.ts';
import type { TaskFailureOptions } from './errors.ts';

/** Structured log lines; the runtime writes them into its own (pino) log. */
export interface TaskLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The external task being worked (what a remote worker would get from fetchAndLock). */
export interface TaskInfo {
  id: string;
  topicName: string;
  processInstanceId: string;
  processDefinitionKey: string;
  activityId: string;
  businessKey: string | null;
  /** retries left before this attempt (null on the first one) */
  retries: number | null;
}

/** The second argument of `run`. */
export interface TaskContext<Config = unknown> {
  /** every variable visible at the task, read-only (the input is already picked from them) */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly task: Readonly<TaskInfo>;
  readonly log: TaskLogger;
  /** aborted when the lock is lost or the runtime stops: stop working and throw */
  readonly signal: AbortSignal;
  /** the plugin's configuration, checked against its schema at startup */
  readonly config: Config;
  /**
   * services of the runtime the task runs in (the entity store); undefined in a remote worker,
   * so a task that needs one must fail clearly without it
   */
  readonly services?: Readonly<HostServices>;
  /** throws a BPMN error (caught by an error boundary event in the model) */
  bpmnError(code: string, message?: string, variables?: Record<string, unknown>): never;
  /** throws a failure: retried with backoff unless `retryable: false` */
  fail(message: string, opts?: TaskFailureOptions): never;
}

export interface TaskDefinition<Input extends TObject = TObject, Output extends TObject = TObject, Config extends TSchema = TSchema> {
  /** `<plugin>.<action>`, e.g. `mail.send`; models bind with camunda:topic / zeebe:taskDefinition type */
  topic: string;
  /** the task type's version: change behaviour by a new version, not by an edit */
  version: number;
  label: string;
  description?: string;
  /** the input, picked by name from the external task's variables (camunda:inputOutput makes them) */
  input: Input;
  /** the output, set as variables when the task completes (or mapped by camunda:outputParameter) */
  output: Output;
  /** the plugin's config schema, only to type `ctx.config` */
  config?: Config;
  /** attempts before an incident (default 3) */
  retries?: number;
  /** wait before the first retry, doubled for each further one (default 1 s, at most 10 min) */
  retryBackoffMs?: number;
  /** how long a fetched task stays locked; the host extends it while `run` works (default 60 s) */
  lockDurationMs?: number;
  run(input: Static<Input>, ctx: TaskContext<Static<Config>>): Promise<Static<Output>> | Static<Output>;
}

/** Any task definition, whatever its schemas (what a plugin's `tasks` list holds). */
export type AnyTaskDefinition = TaskDefinition<any, any, any>;

export interface PluginConfigDefinition<Config extends TObject = TObject> {
  schema: Config;
  /** reads the settings from the environment (MAIL_SMTP_URL …); defaults come from the schema */
  fromEnv?(env: Readonly<Record<string, string | undefined>>): Partial<Static<Config>> | Record<string, unknown>;
}

export interface PluginDefinition<Config extends TObject = TObject> {
  /** lower-case name; every topic starts with `<name>.` */
  name: string;
  version: string;
  /** plugins that must be loaded too */
  dependsOn?: string[];
  config?: PluginConfigDefinition<Config>;
  tasks: AnyTaskDefinition[];
}
