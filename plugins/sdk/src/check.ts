import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { isPluginDefinition } from './define.ts';
import type { PluginDefinition } from './types.ts';
import { validate, type Checked } from './validate.ts';

const NAME = /^[a-z][a-z0-9-]{0,62}$/;
const ACTION = /^[a-z][a-zA-Z0-9-]{0,62}$/;

function schemaProblems(schema: unknown, what: string): string[] {
  if (typeof schema !== 'object' || schema === null || (schema as { type?: unknown }).type !== 'object') return [`${what} must be an object schema (Type.Object)`];
  try {
    Value.Check(schema as TSchema, {});
  } catch (e) {
    return [`${what} is not a usable schema: ${(e as Error).message}`];
  }
  const out: string[] = [];
  for (const [name, prop] of Object.entries((schema as { properties?: Record<string, TSchema & { default?: unknown }> }).properties ?? {})) {
    if (prop && 'default' in prop && !Value.Check(prop, prop.default)) out.push(`${what}: the default of '${name}' does not match its own schema`);
  }
  return out;
}

/** What is wrong with one plugin declaration, on its own (the host adds cross-plugin checks). */
export function checkPlugin(plugin: unknown): string[] {
  if (!isPluginDefinition(plugin)) return ['the entry must default-export definePlugin({ … })'];
  const p: PluginDefinition = plugin;
  const out: string[] = [];
  if (typeof p.name !== 'string' || !NAME.test(p.name)) out.push(`name '${String(p.name)}' must be lower-case letters, digits and dashes`);
  if (typeof p.version !== 'string' || p.version.trim() === '') out.push('version must be a non-empty string');
  if (p.dependsOn !== undefined && (!Array.isArray(p.dependsOn) || p.dependsOn.some((d) => typeof d !== 'string' || d === p.name))) {
    out.push('dependsOn must list the names of other plugins');
  }
  if (p.config !== undefined) {
    out.push(...schemaProblems(p.config.schema, 'config.schema'));
    if (p.config.fromEnv !== undefined && typeof p.config.fromEnv !== 'function') out.push('config.fromEnv must be a function');
  }
  if (!Array.isArray(p.tasks) || p.tasks.length === 0) return [...out, 'tasks must list at least one defineTask(…)'];
  const seen = new Set<string>();
  for (const [i, t] of p.tasks.entries()) {
    const label = typeof t?.topic === 'string' ? `task '${t.topic}'` : `tasks[${i}]`;
    const problem = (m: string) => out.push(`${label}: ${m}`);
    if (typeof t !== 'object' || t === null) {
      problem('is not a task definition');
      continue;
    }
    const [prefix, action, ...rest] = typeof t.topic === 'string' ? t.topic.split('.') : [];
    if (prefix !== p.name || !action || !ACTION.test(action) || rest.length > 0) problem(`the topic must be '${p.name}.<action>'`);
    if (seen.has(t.topic)) problem('is declared twice');
    seen.add(t.topic);
    if (!Number.isInteger(t.version) || t.version < 1) problem('version must be a whole number ≥ 1');
    if (typeof t.label !== 'string' || t.label.trim() === '') problem('label is required');
    if (typeof t.run !== 'function') problem('run must be a function');
    for (const m of schemaProblems(t.input, 'input')) problem(m);
    for (const m of schemaProblems(t.output, 'output')) problem(m);
    if (t.config !== undefined && t.config !== p.config?.schema) problem("config must be the plugin's config schema");
    if (t.retries !== undefined && (!Number.isInteger(t.retries) || t.retries < 0 || t.retries > 100)) problem('retries must be a whole number from 0 to 100');
    if (t.retryBackoffMs !== undefined && (!Number.isFinite(t.retryBackoffMs) || t.retryBackoffMs < 0)) problem('retryBackoffMs must be ≥ 0');
    if (t.lockDurationMs !== undefined && (!Number.isInteger(t.lockDurationMs) || t.lockDurationMs < 1000)) problem('lockDurationMs must be a whole number ≥ 1000');
  }
  return out;
}

/** The plugin's settings: what `config.fromEnv` reads, with the schema's defaults, checked. */
export function resolveConfig(plugin: PluginDefinition, env: Readonly<Record<string, string | undefined>>): Checked<unknown> {
  if (!plugin.config) return { ok: true, value: {} };
  const raw = plugin.config.fromEnv ? plugin.config.fromEnv(env) : {};
  const given = Object.fromEntries(Object.entries(raw ?? {}).filter(([, v]) => v !== undefined));
  return validate(plugin.config.schema, given, 'config');
}
