import { resolveConfig, type AnyTaskDefinition, type PluginDefinition } from '@liuzhuan/plugin-sdk';
import { PluginLoadError, type FoundPlugin } from './discovery.ts';

export interface LoadedPlugin {
  definition: PluginDefinition;
  packageName: string;
  /** the checked settings handed to its tasks as ctx.config */
  config: unknown;
}

export interface TopicEntry {
  plugin: LoadedPlugin;
  task: AnyTaskDefinition;
}

/**
 * The plugins to work: those `selection` names (all found for 'all'), with their settings
 * read from `env`. Checks what one plugin cannot check alone: unknown names in the selection,
 * two plugins of one name, a topic declared twice, a dependency that is not loaded.
 */
export function selectPlugins(found: FoundPlugin[], selection: 'all' | string[], env: Readonly<Record<string, string | undefined>>): { plugins: LoadedPlugin[]; topics: Map<string, TopicEntry> } {
  const problems: string[] = [];
  const byName = new Map<string, FoundPlugin>();
  for (const f of found) {
    const other = byName.get(f.definition.name);
    if (other) problems.push(`two plugins are named '${f.definition.name}': ${other.dir} and ${f.dir}`);
    else byName.set(f.definition.name, f);
  }
  if (selection !== 'all') {
    for (const name of selection) {
      if (!byName.has(name)) problems.push(`PLUGINS names '${name}', but no such plugin was found (found: ${[...byName.keys()].join(', ') || 'none'})`);
    }
  }
  const chosen = [...byName.values()].filter((f) => selection === 'all' || selection.includes(f.definition.name));
  const names = new Set(chosen.map((f) => f.definition.name));
  const plugins: LoadedPlugin[] = [];
  const topics = new Map<string, TopicEntry>();
  for (const f of chosen) {
    const d = f.definition;
    for (const dep of d.dependsOn ?? []) {
      if (!names.has(dep)) problems.push(`plugin '${d.name}' depends on '${dep}', which is not ${byName.has(dep) ? 'enabled in PLUGINS' : 'installed'}`);
    }
    const config = resolveConfig(d, env);
    if (!config.ok) {
      problems.push(`plugin '${d.name}': bad settings: ${config.errors.join('; ')}`);
      continue;
    }
    const loaded: LoadedPlugin = { definition: d, packageName: f.packageName, config: config.value };
    plugins.push(loaded);
    for (const task of d.tasks) {
      const other = topics.get(task.topic);
      if (other) problems.push(`topic '${task.topic}' is declared by both '${other.plugin.definition.name}' and '${d.name}'`);
      else topics.set(task.topic, { plugin: loaded, task });
    }
  }
  if (problems.length > 0) throw new PluginLoadError(problems);
  return { plugins, topics };
}
