import { deploy, validateResources, type DeployOptions, type DeployResource, type DeploymentResult } from './commands/deploy.ts';
import {
  completeExternalTask,
  extendExternalTaskLock,
  fetchAndLock,
  handleExternalTaskBpmnError,
  handleExternalTaskFailure,
  setExternalTaskRetries,
  unlockExternalTask,
  type FetchOptions,
  type FetchTopic,
  type LockedExternalTask,
} from './commands/external-tasks.ts';
import { cancelActivityInstance, deleteProcessInstance, removeInstanceVariable, setInstanceVariables, triggerExecution, updateInstanceVariables } from './commands/instances.ts';
import { acquireJobs, executeJob, setJobDueDate, setJobRetries, unlockJobs } from './commands/jobs.ts';
import * as jobQuery from './persistence/repos/jobs-query.repo.ts';
import * as incidentQuery from './persistence/repos/incidents-query.repo.ts';
import * as externalTaskQuery from './persistence/repos/external-tasks-query.repo.ts';
import { startProcess, type StartedInstance, type StartProcessOptions } from './commands/start-process.ts';
import { addComment, listComments, type CommentInfo } from './commands/comments.ts';
import { deleteDefinition, deleteDeployment } from './commands/deployments.ts';
import { generatePlan, migrateInstances, reportPlan, validatePlan, type MigrationPlan, type MigrationPlanReport } from './commands/migration.ts';
import { addLoopInstance, removeLoopInstance } from './commands/loop-instances.ts';
import { modifyProcessInstance, type ModificationInstruction } from './commands/modification.ts';
import { assignTask, changeTaskCandidate, completeTask, delegateTask, resolveTask, updateTask } from './commands/tasks.ts';
import { countDeployments, listDeployments, listResources, readResource, type DeploymentInfo, type ResourceInfo } from './persistence/repos/deployments.repo.ts';
import { GroupCommitter } from './context/group-commit.ts';
import { newId } from './context/ids.ts';
import { runCommand } from './context/run-command.ts';
import type { TaskCompletionFn, UserTaskPolicy } from './context/task-policy.ts';
import type { DelegateHandler, EngineConfig, EngineEvent, EngineServices, ScriptEngine, TaskAssignmentHook } from './context/services.ts';
import { registerFunctions, type ExpressionFunction, type ExpressionFunctions } from './expressions/index.ts';
import { fromStored } from './context/variable-values.ts';
import { LzError, type ModelProblem } from './errors.ts';
import { DefinitionStore } from './model/definition-store.ts';
import { correlateMessage, type CorrelationOptions, type CorrelationResult } from './operations/messages.ts';
import { broadcastSignal } from './operations/signals.ts';
import { openDb, type Db, type DbOptions } from './persistence/db.ts';
import { migrate } from './persistence/migrate.ts';
import { loadActivityTree, type ActivityInstance } from './persistence/repos/activity-tree.repo.ts';
import { countDefinitions, getResource, listDefinitions, type DefinitionInfo, type DefinitionQuery } from './persistence/repos/definitions.repo.ts';
import * as history from './persistence/repos/history.repo.ts';
import { countInstances, getInstance, listInstances, type InstanceInfo, type InstanceQuery } from './persistence/repos/instances.repo.ts';
import * as runtime from './persistence/repos/runtime.repo.ts';
import * as executionQuery from './persistence/repos/executions-query.repo.ts';
import * as statistics from './persistence/repos/statistics.repo.ts';
import { countTasks, getTask, listTasks, type TaskInfo, type TaskQuery } from './persistence/repos/tasks.repo.ts';
import { createScriptSandbox, type ScriptLimits, type ScriptSandbox } from './scripts/index.ts';
import { systemClock, type Clock } from './timers/clock.ts';

export interface EngineOptions {
  /** an open database; otherwise `database` says how to open one */
  db?: Db;
  database?: DbOptions;
  clock?: Clock;
  history?: boolean;
  /** handlers for `camunda:class` / `camunda:delegateExpression` names */
  delegates?: Record<string, DelegateHandler>;
  /** extra script languages (javascript and feel are built in) */
  scriptEngines?: Record<string, ScriptEngine>;
  scriptLimits?: Partial<ScriptLimits>;
  /**
   * Synchronous functions every FEEL and JUEL expression may call by bare name — FEEL
   * `manager(initiator, 2)`, JUEL `${usersWithRole('finance')}` — in conditions, assignees and
   * candidates, mappings, multi-instance collections. A throw fails the expression
   * (LZ_ERR_EXPRESSION_EVAL naming the function) and so rolls the command back.
   */
  expressionFunctions?: Record<string, ExpressionFunction>;
  /**
   * Asked when a user task is created with an assignee, before the task row is written; a
   * redirect gives the task to another assignee and keeps the original one and the reason.
   */
  taskAssignment?: TaskAssignmentHook;
  /**
   * Rules on user tasks (approval policies): may replace a multi-instance collection as it is
   * evaluated, and reassign or complete a task as it is created — inside the command.
   */
  userTaskPolicy?: UserTaskPolicy;
  defaultRetries?: number;
  maxSteps?: number;
  workerId?: string;
  jobLockMs?: number;
  conflictRetries?: number;
  /** PostgreSQL: how many group-commit transactions may be on their way at once (default 2) */
  commitGroupsInFlight?: number;
}

export type EngineListener = (event: EngineEvent) => void;

/**
 * The engine facade: every method is one command (one transaction) or one query. Built by
 * `Engine.create`, which opens the database and applies pending migrations.
 */
export class Engine {
  private readonly listeners = new Set<EngineListener>();
  private readonly committer: GroupCommitter;
  readonly services: EngineServices;

  private constructor(
    readonly db: Db,
    private readonly ownsDb: boolean,
    private readonly sandbox: ScriptSandbox,
    readonly clock: Clock,
    config: EngineConfig,
    delegates: Map<string, DelegateHandler>,
    scriptEngines: Map<string, ScriptEngine>,
    extensions: { functions: ExpressionFunctions; taskAssignment: TaskAssignmentHook | null; userTaskPolicy: UserTaskPolicy | null },
  ) {
    // PGlite has one connection; PostgreSQL gets a few groups in flight at once
    this.committer = new GroupCommitter(db, db.dialect === 'pglite' ? 1 : Math.max(1, config.commitGroupsInFlight));
    const formats = new Set(['javascript', 'feel', ...scriptEngines.keys()]);
    const functionNames = new Set(extensions.functions.keys());
    const compileOptions = () => ({ delegates: new Set(delegates.keys()), scriptFormats: formats, functions: functionNames });
    this.services = {
      db,
      clock,
      definitions: new DefinitionStore(db, compileOptions),
      scripts: sandbox,
      delegates,
      scriptEngines,
      functions: extensions.functions,
      taskAssignment: extensions.taskAssignment,
      userTaskPolicy: extensions.userTaskPolicy,
      config,
      compileOptions,
      emit: (events) => {
        for (const e of events) for (const l of this.listeners) l(e);
      },
      commit: (sql) => this.committer.submit(sql),
    };
  }

  private stopListening: (() => Promise<void>) | null = null;

  static async create(opts: EngineOptions = {}): Promise<Engine> {
    // checked before anything is opened: a bad name is the embedder's mistake
    const functions = registerFunctions(opts.expressionFunctions);
    if (opts.taskAssignment !== undefined && typeof opts.taskAssignment !== 'function') {
      throw new LzError('LZ_ERR_BAD_REQUEST', 'taskAssignment must be a function');
    }
    const db = opts.db ?? (await openDb(opts.database ?? {}));
    await migrate(db);
    const sandbox = await createScriptSandbox(opts.scriptLimits);
    const config: EngineConfig = {
      history: opts.history ?? true,
      maxSteps: opts.maxSteps ?? 100_000,
      defaultRetries: opts.defaultRetries ?? 3,
      jobLockMs: opts.jobLockMs ?? 5 * 60_000,
      workerId: opts.workerId ?? `engine-${newId()}`,
      conflictRetries: opts.conflictRetries ?? 3,
      commitGroupsInFlight: opts.commitGroupsInFlight ?? 2,
    };
    const engine = new Engine(
      db,
      !opts.db,
      sandbox,
      opts.clock ?? systemClock,
      config,
      new Map(Object.entries(opts.delegates ?? {})),
      new Map(Object.entries(opts.scriptEngines ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      { functions, taskAssignment: opts.taskAssignment ?? null, userTaskPolicy: opts.userTaskPolicy ?? null },
    );
    const definitions = engine.services.definitions;
    engine.stopListening = await db.listen(
      'lz_definitions',
      (key) => definitions.forgetLatest(key),
      () => definitions.forgetLatest(),
    );
    return engine;
  }

  on(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.stopListening?.();
    this.sandbox.dispose();
    if (this.ownsDb) await this.db.close();
  }

  // ---- repository

  deploy(resources: DeployResource[], opts?: DeployOptions): Promise<DeploymentResult> {
    return deploy(this.services, resources, opts);
  }

  /** the problems deploy would refuse these resources for, nothing stored (empty: they would deploy) */
  validate(resources: DeployResource[]): Promise<ModelProblem[]> {
    return validateResources(this.services, resources);
  }

  getDefinitions(q?: DefinitionQuery): Promise<DefinitionInfo[]> {
    return listDefinitions(this.db, q);
  }

  countDefinitions(q?: DefinitionQuery): Promise<number> {
    return countDefinitions(this.db, q);
  }

  /** deletes one definition version; its resource stays in the deployment */
  deleteDefinition(definitionId: string, opts?: { cascade?: boolean }): Promise<void> {
    return deleteDefinition(this.services, definitionId, opts);
  }

  getDefinitionXml(definitionId: string): Promise<{ name: string; content: string } | null> {
    return getResource(this.db, definitionId);
  }

  /** the compiled model of a definition (start form, candidate starters, elements) */
  async getDefinitionModel(definitionId: string) {
    return (await this.services.definitions.byId(definitionId)).model;
  }

  getDeployments(q?: Parameters<typeof listDeployments>[1]): Promise<DeploymentInfo[]> {
    return listDeployments(this.db, q);
  }
  countDeployments(q?: Parameters<typeof countDeployments>[1]): Promise<number> {
    return countDeployments(this.db, q);
  }
  getDeploymentResources(deploymentId: string): Promise<ResourceInfo[]> {
    return listResources(this.db, deploymentId);
  }
  getDeploymentResource(deploymentId: string, resource: { id?: string; name?: string }) {
    return readResource(this.db, deploymentId, resource);
  }
  deleteDeployment(deploymentId: string, opts?: { cascade?: boolean }): Promise<void> {
    return deleteDeployment(this.services, deploymentId, opts);
  }

  // ---- runtime commands

  startProcess(key: string, opts?: StartProcessOptions): Promise<StartedInstance> {
    return startProcess(this.services, { key }, opts);
  }

  startProcessById(definitionId: string, opts?: StartProcessOptions): Promise<StartedInstance> {
    return startProcess(this.services, { definitionId }, opts);
  }

  /** `variables` may be computed inside the command from the task's current variables (TaskCompletionFn) */
  completeTask(taskId: string, variables?: Record<string, unknown> | TaskCompletionFn, opts?: { retries?: number }): Promise<void> {
    return completeTask(this.services, taskId, variables, opts);
  }

  /** another instance of the multi-instance activity `taskId` belongs to, for `element` (add signer) */
  addLoopInstance(taskId: string, element: unknown): Promise<void> {
    return addLoopInstance(this.services, taskId, element);
  }

  /** removes the open (or not yet started) instance for `element` of the activity `taskId` belongs to */
  removeLoopInstance(taskId: string, element: unknown): Promise<void> {
    return removeLoopInstance(this.services, taskId, element);
  }

  claimTask(taskId: string, userId: string): Promise<void> {
    return assignTask(this.services, taskId, userId);
  }

  unclaimTask(taskId: string): Promise<void> {
    return assignTask(this.services, taskId, null);
  }

  setAssignee(taskId: string, userId: string | null): Promise<void> {
    return assignTask(this.services, taskId, userId, { force: true });
  }

  delegateTask(taskId: string, userId: string): Promise<void> {
    return delegateTask(this.services, taskId, userId);
  }

  resolveTask(taskId: string, variables?: Record<string, unknown>): Promise<void> {
    return resolveTask(this.services, taskId, variables);
  }

  updateTask(taskId: string, patch: Parameters<typeof updateTask>[2]): Promise<void> {
    return updateTask(this.services, taskId, patch);
  }

  /** adds a candidate user or group to a task (exactly one of userId, groupId) */
  addTaskCandidate(taskId: string, candidate: { userId?: string | null; groupId?: string | null }): Promise<void> {
    return changeTaskCandidate(this.services, taskId, { op: 'add', ...candidate });
  }

  removeTaskCandidate(taskId: string, candidate: { userId?: string | null; groupId?: string | null }): Promise<void> {
    return changeTaskCandidate(this.services, taskId, { op: 'remove', ...candidate });
  }

  addComment(taskId: string, userId: string | null, message: string): Promise<CommentInfo> {
    return addComment(this.services, taskId, userId, message);
  }

  getComments(q: { taskId?: string; processInstanceId?: string }): Promise<CommentInfo[]> {
    return listComments(this.services, q);
  }

  modifyProcessInstance(processInstanceId: string, instructions: ModificationInstruction[], opts?: { annotation?: string }): Promise<void> {
    return modifyProcessInstance(this.services, processInstanceId, instructions, opts);
  }

  /** checks a migration plan; throws LZ_ERR_MIGRATION_INVALID naming every problem */
  async validateMigrationPlan(plan: MigrationPlan): Promise<void> {
    await validatePlan(this.services, plan);
  }

  /** the problems of each instruction of a plan (Camunda's migration validation report) */
  reportMigrationPlan(plan: MigrationPlan): Promise<MigrationPlanReport> {
    return reportPlan(this.services, plan);
  }

  /** a plan mapping the activities of equal id and type (Camunda's generated migration plan) */
  generateMigrationPlan(sourceDefinitionId: string, targetDefinitionId: string, opts?: { updateEventTriggers?: boolean }): Promise<MigrationPlan> {
    return generatePlan(this.services, sourceDefinitionId, targetDefinitionId, opts);
  }

  /** `variables`: set on each migrated instance, in the same transaction */
  migrateProcessInstances(plan: MigrationPlan, processInstanceIds: string[], opts?: { variables?: Record<string, unknown> }): Promise<void> {
    return migrateInstances(this.services, plan, processInstanceIds, opts);
  }

  setVariables(processInstanceId: string, variables: Record<string, unknown>, opts?: { executionId?: string; local?: boolean }): Promise<void> {
    return setInstanceVariables(this.services, processInstanceId, variables, opts);
  }

  /** sets `modifications` and removes `deletions` in one transaction (Camunda's PatchVariablesDto) */
  updateVariables(processInstanceId: string, modifications: Record<string, unknown>, deletions: readonly string[], opts?: { executionId?: string; local?: boolean }): Promise<void> {
    return updateInstanceVariables(this.services, processInstanceId, modifications, deletions, opts);
  }

  removeVariable(processInstanceId: string, name: string, executionId?: string): Promise<boolean> {
    return removeInstanceVariable(this.services, processInstanceId, name, executionId);
  }

  correlateMessage(name: string, opts?: CorrelationOptions): Promise<CorrelationResult[]> {
    return runCommand(this.services, (ctx) => correlateMessage(ctx, name, opts));
  }

  /**
   * Which of these message names anything listens for now: a message start event of a deployed
   * definition or a waiting execution (one indexed query; senders of many messages that usually
   * reach nobody, like entity events, ask first instead of failing one correlation each).
   */
  listenedMessages(names: readonly string[]): Promise<Set<string>> {
    return runtime.listenedMessageNames(this.db, names);
  }

  /** `executionId`: only that execution's subscription receives the signal */
  broadcastSignal(name: string, variables?: Record<string, unknown>, opts?: { executionId?: string }): Promise<number> {
    return runCommand(this.services, (ctx) => broadcastSignal(ctx, name, variables, opts));
  }

  trigger(executionId: string, variables?: Record<string, unknown>): Promise<void> {
    return triggerExecution(this.services, executionId, variables);
  }

  deleteProcessInstance(processInstanceId: string, reason?: string): Promise<void> {
    return deleteProcessInstance(this.services, processInstanceId, reason);
  }

  /** cancel one activity instance (an execution id from the activity tree) */
  cancelActivityInstance(processInstanceId: string, activityInstanceId: string, reason?: string): Promise<void> {
    return cancelActivityInstance(this.services, processInstanceId, activityInstanceId, reason);
  }

  // ---- jobs

  executeJob(jobId: string): Promise<boolean> {
    return executeJob(this.services, jobId);
  }

  setJobRetries(jobId: string, retries: number): Promise<void> {
    return setJobRetries(this.services, jobId, retries);
  }

  acquireJobs(max: number, lockMs = this.services.config.jobLockMs, owner = this.services.config.workerId): Promise<string[]> {
    return acquireJobs(this.services, owner, max, lockMs);
  }

  /** gives back acquired jobs that will not be run (their lock owner must still be `owner`) */
  unlockJobs(jobIds: readonly string[], owner = this.services.config.workerId): Promise<void> {
    return unlockJobs(this.services, jobIds, owner);
  }

  /** when the job becomes due (null: now) */
  setJobDueDate(jobId: string, due: Date | null): Promise<void> {
    return setJobDueDate(this.services, jobId, due);
  }

  /**
   * Acquires and runs due jobs until none is due (or `max` ran). Tests and the conformance
   * runner call this after moving the clock; the runtime's job executor does the same in a loop.
   */
  async runDueJobs(max = 10_000): Promise<number> {
    let ran = 0;
    while (ran < max) {
      const ids = await this.acquireJobs(Math.min(50, max - ran));
      if (ids.length === 0) break;
      for (const id of ids) {
        await executeJob(this.services, id).catch(() => false);
        ran += 1;
      }
    }
    return ran;
  }

  // ---- external tasks

  fetchAndLock(workerId: string, maxTasks: number, topics: FetchTopic[], opts?: FetchOptions): Promise<LockedExternalTask[]> {
    return fetchAndLock(this.services, workerId, maxTasks, topics, opts);
  }

  completeExternalTask(id: string, workerId: string, variables?: Record<string, unknown>, localVariables?: Record<string, unknown>): Promise<void> {
    return completeExternalTask(this.services, id, workerId, variables, localVariables);
  }

  handleExternalTaskFailure(id: string, workerId: string, f: Parameters<typeof handleExternalTaskFailure>[3]): Promise<void> {
    return handleExternalTaskFailure(this.services, id, workerId, f);
  }

  handleExternalTaskBpmnError(id: string, workerId: string, errorCode: string, errorMessage?: string | null, variables?: Record<string, unknown>): Promise<void> {
    return handleExternalTaskBpmnError(this.services, id, workerId, errorCode, errorMessage, variables);
  }

  extendExternalTaskLock(id: string, workerId: string, newDuration: number): Promise<void> {
    return extendExternalTaskLock(this.services, id, workerId, newDuration);
  }

  unlockExternalTask(id: string): Promise<void> {
    return unlockExternalTask(this.services, id);
  }

  setExternalTaskRetries(id: string, retries: number): Promise<void> {
    return setExternalTaskRetries(this.services, id, retries);
  }

  // ---- queries

  getTasks(q?: TaskQuery): Promise<TaskInfo[]> {
    return listTasks(this.db, q);
  }
  countTasks(q?: TaskQuery): Promise<number> {
    return countTasks(this.db, q);
  }
  getTask(id: string): Promise<TaskInfo | null> {
    return getTask(this.db, id);
  }
  getProcessInstances(q?: InstanceQuery): Promise<InstanceInfo[]> {
    return listInstances(this.db, q);
  }
  countProcessInstances(q?: InstanceQuery): Promise<number> {
    return countInstances(this.db, q);
  }
  getProcessInstance(id: string): Promise<InstanceInfo | null> {
    return getInstance(this.db, id);
  }
  getActivityTree(processInstanceId: string): Promise<ActivityInstance | null> {
    return loadActivityTree(this.db, processInstanceId, async (id) => (await this.services.definitions.byId(id)).model);
  }
  // Camunda's execution query (filters, sorting, paging)
  queryExecutions(q?: executionQuery.ExecutionQuery): Promise<executionQuery.ExecutionDetail[]> {
    return executionQuery.queryExecutions(this.db, q);
  }
  countExecutions(q?: executionQuery.ExecutionQuery): Promise<number> {
    return executionQuery.countExecutions(this.db, q);
  }
  getExecution(id: string): Promise<executionQuery.ExecutionDetail | null> {
    return executionQuery.getExecution(this.db, id);
  }
  getExecutions(processInstanceId: string) {
    return runtime.listExecutions(this.db, processInstanceId);
  }
  /** the variables of an instance (or one scope of it) as plain values */
  async getVariables(processInstanceId: string, scopeId?: string): Promise<Record<string, unknown>> {
    const rows = await runtime.listVariables(this.db, processInstanceId, scopeId ?? processInstanceId);
    return Object.fromEntries(rows.map((r) => [r.name, fromStored(r.type, r.value)]));
  }
  getTypedVariables(processInstanceId: string, scopeId?: string) {
    return runtime.listVariables(this.db, processInstanceId, scopeId);
  }
  getJobs(q?: Parameters<typeof runtime.listJobs>[1]) {
    return runtime.listJobs(this.db, q);
  }
  getEventSubscriptions(q?: Parameters<typeof runtime.listSubscriptions>[1]) {
    return runtime.listSubscriptions(this.db, q);
  }
  getIncidents(q?: Parameters<typeof runtime.listIncidents>[1]) {
    return runtime.listIncidents(this.db, q);
  }
  getExternalTasks(q?: Parameters<typeof runtime.listExternalTasks>[1]) {
    return runtime.listExternalTasks(this.db, q);
  }
  // Camunda's job, incident and external task queries (filters, sorting, paging)
  queryJobs(q?: jobQuery.JobDetailQuery): Promise<jobQuery.JobDetail[]> {
    return jobQuery.queryJobs(this.db, q);
  }
  countJobs(q?: jobQuery.JobDetailQuery): Promise<number> {
    return jobQuery.countJobs(this.db, q);
  }
  getJob(id: string): Promise<jobQuery.JobDetail | null> {
    return jobQuery.getJob(this.db, id);
  }
  /** undefined: no such job; null: it has no stack trace */
  getJobStacktrace(id: string): Promise<string | null | undefined> {
    return jobQuery.getJobStacktrace(this.db, id);
  }
  queryIncidents(q?: incidentQuery.IncidentDetailQuery): Promise<incidentQuery.IncidentDetail[]> {
    return incidentQuery.queryIncidents(this.db, q);
  }
  countIncidents(q?: incidentQuery.IncidentDetailQuery): Promise<number> {
    return incidentQuery.countIncidents(this.db, q);
  }
  getIncident(id: string): Promise<incidentQuery.IncidentDetail | null> {
    return incidentQuery.getIncident(this.db, id);
  }
  queryExternalTasks(q?: externalTaskQuery.ExternalTaskDetailQuery): Promise<externalTaskQuery.ExternalTaskDetail[]> {
    return externalTaskQuery.queryExternalTasks(this.db, q);
  }
  countExternalTasks(q?: externalTaskQuery.ExternalTaskDetailQuery): Promise<number> {
    return externalTaskQuery.countExternalTasks(this.db, q);
  }
  getExternalTask(id: string): Promise<externalTaskQuery.ExternalTaskDetail | null> {
    return externalTaskQuery.getExternalTask(this.db, id);
  }
  /** undefined: no such external task; null: no error details */
  getExternalTaskErrorDetails(id: string): Promise<string | null | undefined> {
    return externalTaskQuery.getExternalTaskErrorDetails(this.db, id);
  }
  getHistoricInstances(q?: Parameters<typeof history.listHistoricInstances>[1]) {
    return history.listHistoricInstances(this.db, q);
  }
  getHistoricActivities(q?: Parameters<typeof history.listHistoricActivities>[1]) {
    return history.listHistoricActivities(this.db, q);
  }
  getHistoricVariableUpdates(q?: Parameters<typeof history.listHistoricVariableUpdates>[1]) {
    return history.listHistoricVariableUpdates(this.db, q);
  }
  getHistoricTasks(q?: Parameters<typeof history.listHistoricTasks>[1]) {
    return history.listHistoricTasks(this.db, q);
  }
  getHistoricVariableInstances(q?: Parameters<typeof history.listHistoricVariableInstances>[1]) {
    return history.listHistoricVariableInstances(this.db, q);
  }
  countHistoricInstances(q?: history.HistoricInstanceQuery): Promise<number> {
    return history.countHistoricInstances(this.db, q);
  }
  countHistoricActivities(q?: history.HistoricActivityQuery): Promise<number> {
    return history.countHistoricActivities(this.db, q);
  }
  countHistoricVariableUpdates(q?: history.HistoricVariableUpdateQuery): Promise<number> {
    return history.countHistoricVariableUpdates(this.db, q);
  }
  countHistoricTasks(q?: history.HistoricTaskQuery): Promise<number> {
    return history.countHistoricTasks(this.db, q);
  }
  countHistoricVariableInstances(q?: history.HistoricVariableInstanceQuery): Promise<number> {
    return history.countHistoricVariableInstances(this.db, q);
  }
  // ---- statistics (one aggregate each: version lists, migration proposals, heatmaps)
  /** versions with their running instances and open incidents, newest version first per key */
  getDefinitionStatistics(q?: statistics.DefinitionStatisticsQuery): Promise<statistics.DefinitionStatistics[]> {
    return statistics.definitionStatistics(this.db, q);
  }
  /** the activities of a definition running instances stand at now */
  getActivityStatistics(definitionId: string): Promise<statistics.ActivityStatistics[]> {
    return statistics.activityStatistics(this.db, definitionId);
  }
  /** per activity of a definition from history: finished count, mean and longest duration, still active */
  getHistoricActivityStatistics(definitionId: string): Promise<statistics.HistoricActivityStatistics[]> {
    return statistics.historicActivityStatistics(this.db, definitionId);
  }
}
