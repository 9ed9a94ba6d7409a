import type { TObject, TSchema } from 'typebox';
import type { PluginDefinition, TaskDefinition } from './types.ts';

const PLUGIN = Symbol.for('liuzhuan.plugin-sdk.plugin');

/** Declares one task type (one topic). Types `run`'s input and output from the schemas. */
export function defineTask<Input extends TObject, Output extends TObject, Config extends TSchema = TSchema>(
  def: TaskDefinition<Input, Output, Config>,
): TaskDefinition<Input, Output, Config> {
  return Object.freeze({ ...def });
}

/** Declares a plugin; its entry module default-exports the result. */
export function definePlugin<Config extends TObject = TObject>(def: PluginDefinition<Config>): PluginDefinition<Config> {
  return Object.freeze({ ...def, tasks: Object.freeze([...def.tasks]) as PluginDefinition<Config>['tasks'], [PLUGIN]: true });
}

/** true for what `definePlugin` returned */
export function isPluginDefinition(v: unknown): v is PluginDefinition {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[PLUGIN] === true;
}
