import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** `/headers/a` → `headers.a`, `/to/1` → `to[1]` */
function fieldName(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}

/** the part of a schema a `#/properties/a/anyOf/1` path names */
function schemaAt(schema: unknown, pointer: string): unknown {
  let at = schema;
  for (const raw of pointer.replace(/^#/, '').split('/').slice(1)) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return at;
}

function join(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

function quoted(path: string, root: string): string {
  return path === '' ? root : `'${path}'`;
}

/**
 * Readable messages for what is wrong with `value`, each naming the field (TypeBox reports at
 * most its `maxErrors`, 8 by default):
 * `'url' is required`, `'method' must be one of GET, POST`, `'to[1]' must match format "email"`.
 */
export function describeErrors(schema: TSchema, value: unknown, root = 'the value'): string[] {
  const errors = Value.Errors(schema, value);
  const extra = new Set(errors.filter((e) => e.keyword === 'additionalProperties').flatMap((e) => (e.params as { additionalProperties: string[] }).additionalProperties.map((p) => `${e.instancePath}/${p}`)));
  // the alternatives of a union that fail on their own are summed up in one message
  type Union = { path: string; instancePath: string; alternatives: Record<string, unknown>[] };
  const unions = new Map<string, Union>();
  const out: (string | Union)[] = [];
  const union = (instancePath: string, schemaPath: string) => {
    const key = `${instancePath}|${schemaPath}`;
    if (unions.has(key)) return;
    const at = schemaAt(schema, schemaPath) as { anyOf?: unknown; oneOf?: unknown } | undefined;
    const alternatives = (Array.isArray(at?.anyOf) ? at.anyOf : Array.isArray(at?.oneOf) ? at.oneOf : []) as Record<string, unknown>[];
    const u = { path: fieldName(instancePath), instancePath, alternatives };
    unions.set(key, u);
    out.push(u);
  };
  for (const e of errors) {
    const path = fieldName(e.instancePath);
    const alt = /^(.*)\/(anyOf|oneOf)\/\d+$/.exec(e.schemaPath);
    if (alt) {
      union(e.instancePath, alt[1]!);
      continue;
    }
    switch (e.keyword) {
      case 'anyOf':
      case 'oneOf':
        union(e.instancePath, e.schemaPath);
        break;
      case 'required':
        for (const p of (e.params as { requiredProperties: string[] }).requiredProperties) out.push(`'${join(path, p)}' is required`);
        break;
      case 'additionalProperties':
        for (const p of (e.params as { additionalProperties: string[] }).additionalProperties) out.push(`'${join(path, p)}' is not a known field`);
        break;
      case 'boolean':
        if (!extra.has(e.instancePath)) out.push(`${quoted(path, root)} is not allowed`);
        break;
      case 'enum':
        out.push(`${quoted(path, root)} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`);
        break;
      default:
        out.push(`${quoted(path, root)} ${e.message}`);
    }
  }
  const messages = out.flatMap((m) => {
    if (typeof m === 'string') return [m];
    // an error deeper inside one alternative says more than "matches none"
    if (errors.some((d) => d.instancePath.startsWith(`${m.instancePath}/`))) return [];
    const alts = m.alternatives;
    if (alts.length > 0 && alts.every((a) => 'const' in a)) return [`${quoted(m.path, root)} must be one of ${alts.map((a) => String(a.const)).join(', ')}`];
    if (alts.length > 0 && alts.every((a) => typeof a.type === 'string' && !('const' in a))) return [`${quoted(m.path, root)} must be ${[...new Set(alts.map((a) => String(a.type)))].join(' or ')}`];
    return [`${quoted(m.path, root)} does not match any of the allowed forms`];
  });
  return [...new Set(messages)];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** A copy of `value` with the schema's defaults filled in, checked against the schema. */
export function validate<T = unknown>(schema: TSchema, value: unknown, root = 'the value'): Checked<T> {
  const copy = Value.Default(schema, Value.Clone(value));
  if (Value.Check(schema, copy)) return { ok: true, value: copy as T };
  return { ok: false, errors: describeErrors(schema, copy, root) };
}

/**
 * A task's input from the external task's variables: the properties the input schema declares,
 * by name. A null variable counts as absent unless the property accepts null (Camunda input
 * mappings that evaluate to nothing give null).
 */
export function inputFromVariables(schema: TSchema, variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const props = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(props)) {
    if (!Object.hasOwn(variables, name)) continue;
    const v = variables[name];
    if (v === undefined || (v === null && !Value.Check(prop, null))) continue;
    out[name] = v;
  }
  return out;
}
