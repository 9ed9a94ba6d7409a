export * from './errors.ts';
export { Engine, type EngineOptions, type EngineListener } from './engine.ts';
export type { DeployResource, DeployOptions, DeploymentResult, DeployedDefinition } from './commands/deploy.ts';
export type { StartProcessOptions, StartedInstance } from './commands/start-process.ts';
export type { FetchOptions, FetchTopic, LockedExternalTask } from './commands/external-tasks.ts';
export type { JobDetail, JobDetailQuery, JobSortKey } from './persistence/repos/jobs-query.repo.ts';
export type { IncidentDetail, IncidentDetailQuery, IncidentSortKey } from './persistence/repos/incidents-query.repo.ts';
export type { ExternalTaskDetail, ExternalTaskDetailQuery, ExternalTaskSortKey } from './persistence/repos/external-tasks-query.repo.ts';
export type { CorrelationOptions, CorrelationResult } from './operations/messages.ts';
export type {
  DelegateExecution,
  DelegateHandler,
  ScriptEngine,
  EngineEvent,
  TaskAssignmentHook,
  TaskAssignmentInput,
  TaskAssignmentRedirect,
} from './context/services.ts';
export type { CollectionAnswer, CollectionInput, TaskCompletion, TaskCompletionFn, TaskCreatedAnswer, TaskCreatedInput, TaskScopeView, UserTaskPolicy } from './context/task-policy.ts';
export type { ExpressionFunction } from './expressions/functions.ts';
export type { ScriptHost, ScriptOutcome } from './scripts/index.ts';
export { BpmnError } from './behaviors/bpmn-error.ts';
export { typedValue, VARIABLE_TYPES, type TypedValue, type VariableType } from './context/variable-values.ts';
export { makePgliteTemplate, openDb, type Db, type DbOptions } from './persistence/db.ts';
export { migrate, runMigrations, type Migration } from './persistence/migrate.ts';
export { ManualClock, systemClock, type Clock } from './timers/clock.ts';
export type { TaskInfo, TaskQuery, TaskSortKey } from './persistence/repos/tasks.repo.ts';
export type {
  HistoricActivity,
  HistoricActivityQuery,
  HistoricActivitySortKey,
  HistoricInstance,
  HistoricInstanceQuery,
  HistoricInstanceSortKey,
  HistoricTask,
  HistoricTaskQuery,
  HistoricTaskSortKey,
  HistoricVariableInstance,
  HistoricVariableInstanceQuery,
  HistoricVariableInstanceSortKey,
  HistoricVariableUpdate,
  HistoricVariableUpdateQuery,
  HistoricVariableUpdateSortKey,
  HistoryViewer,
} from './persistence/repos/history.repo.ts';
export type { InstanceInfo, InstanceQuery, InstanceSortKey } from './persistence/repos/instances.repo.ts';
export type { ExecutionDetail, ExecutionQuery, ExecutionSortKey } from './persistence/repos/executions-query.repo.ts';
export type { VariableFilter, VariableOperator } from './persistence/repos/variable-filter.ts';
export type { ActivityInstance, TransitionInstance } from './persistence/repos/activity-tree.repo.ts';
export type { DefinitionInfo, DefinitionQuery } from './persistence/repos/definitions.repo.ts';
export type { ActivityStatistics, DefinitionStatistics, DefinitionStatisticsQuery, HistoricActivityStatistics } from './persistence/repos/statistics.repo.ts';
export type { CommentInfo } from './commands/comments.ts';
export type { MigrationPlan, MigrationInstruction, MigrationPlanReport } from './commands/migration.ts';
export type { ModificationInstruction } from './commands/modification.ts';
export type { DeploymentInfo, DeploymentQuery, ResourceInfo } from './persistence/repos/deployments.repo.ts';
export type { ProcessModel, NodeModel, FormFieldModel } from './model/types.ts';
export { fromStored, toStored } from './context/variable-values.ts';
export { compileFeel, type CompiledFeel } from './expressions/feel.ts';
