/**
 * @liuzhuan/plugin-sdk — how a plugin declares the topics it works. Imports nothing of the
 * engine or the runtime: a plugin written against it can also run in a remote worker.
 */
export { definePlugin, defineTask, isPluginDefinition } from './define.ts';
export { BpmnError, TaskFailure, isBpmnError, isTaskFailure, type TaskFailureOptions } from './errors.ts';
export {
  EntityAccessError,
  isEntityAccessError,
  type EntityAccess,
  type EntityAccessQuery,
  type EntityAccessReason,
  type EntityFilter,
  type EntityFilterOp,
  type EntityRecordData,
  type HostServices,
} from './entity-access.ts';
export type { AnyTaskDefinition, PluginConfigDefinition, PluginDefinition, TaskContext, TaskDefinition, TaskInfo, TaskLogger } from './types.ts';
export { describeErrors, inputFromVariables, validate, type Checked } from './validate.ts';
export { checkPlugin, resolveConfig } from './check.ts';
export { invokeTask, type InvokeOptions, type TaskOutcome } from './invoke.ts';
export { Type, type Static, type TObject, type TSchema } from 'typebox';
