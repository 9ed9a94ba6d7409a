import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { EntitySchema, FieldError } from './types.ts';

/** the type name rule of types.ts: also what makes a type name safe as an SQL literal */
export const TYPE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
/**
 * Property names of an entity type. Stricter than JSON Schema (which allows any string) because
 * declared property names are spliced into index and query expressions (`data->>'name'`): only
 * names of this shape ever reach SQL text.
 */
export const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** our keywords, declared so ajv (strict off) knows them as annotations */
export const X_KEYWORDS = [
  'x-entity', 'x-title-field', 'x-index', 'x-owner-field', 'x-team-field', 'x-stage-field', 'x-match',
  'x-permissions', 'x-i18n', 'x-migration', 'x-record-read', 'x-ref', 'x-label',
] as const;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: true });
  addFormats(ajv);
  for (const k of X_KEYWORDS) ajv.addKeyword({ keyword: k });
  return ajv;
}

const ajv = newAjv();

const pointer = (...parts: (string | number)[]) => parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** the JSON type a property declares (first non-null of a type list), or null */
export function propertyType(prop: Record<string, unknown> | undefined): string | null {
  if (!prop) return null;
  const t = prop.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') as string | undefined) ?? null;
  if (Array.isArray(prop.enum) && prop.enum.length > 0) return typeof prop.enum[0] === 'number' ? 'number' : typeof prop.enum[0] === 'string' ? 'string' : null;
  return null;
}

/** the entity types that a property points at (x-ref on it, or on its array items) */
export function refsOf(schema: EntitySchema): { field: string; type: string; many: boolean }[] {
  const out: { field: string; type: string; many: boolean }[] = [];
  for (const [field, p] of Object.entries(schema.properties ?? {})) {
    if (typeof p['x-ref'] === 'string') out.push({ field, type: p['x-ref'], many: false });
    else if (isObj(p.items) && typeof p.items['x-ref'] === 'string') out.push({ field, type: p.items['x-ref'], many: true });
  }
  return out;
}

/**
 * Checks an entity type: the JSON Schema meta-schema (ajv gives the instancePath into the schema),
 * then our rules. `knownTypes` are the types an x-ref may name (stored ones plus those of the same
 * deployment); the type itself may always be named (a parent customer, a manager).
 */
export function checkSchema(schema: unknown, knownTypes: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObj(schema)) return [{ path: '', message: 'an entity type is a JSON object (a JSON Schema)' }];
  if (!ajv.validateSchema(schema)) {
    for (const e of ajv.errors ?? []) errors.push({ path: e.instancePath, message: `${e.message ?? 'invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}` });
  }
  const name = schema['x-entity'];
  if (typeof name !== 'string' || !TYPE_NAME.test(name)) errors.push({ path: '/x-entity', message: `x-entity is the type's name and must match ${TYPE_NAME}` });
  // `types` is the path segment of /api/entities/types: a type so named could not be reached
  else if (name === 'types') errors.push({ path: '/x-entity', message: "'types' is reserved" });
  if (schema.type !== 'object') errors.push({ path: '/type', message: 'an entity type is "type": "object"' });
  const props = schema.properties;
  if (!isObj(props)) {
    errors.push({ path: '/properties', message: 'an entity type declares its fields in "properties"' });
    return errors;
  }
  for (const [p, def] of Object.entries(props)) {
    if (!PROPERTY_NAME.test(p)) errors.push({ path: pointer('properties', p), message: `a property name must match ${PROPERTY_NAME}` });
    if (!isObj(def)) continue;
    const ref = def['x-ref'] ?? (isObj(def.items) ? def.items['x-ref'] : undefined);
    const refPath = def['x-ref'] !== undefined ? pointer('properties', p, 'x-ref') : pointer('properties', p, 'items', 'x-ref');
    if (ref !== undefined) {
      if (typeof ref !== 'string' || !TYPE_NAME.test(ref)) errors.push({ path: refPath, message: 'x-ref names an entity type' });
      else if (ref !== name && !knownTypes.has(ref)) errors.push({ path: refPath, message: `x-ref names the entity type '${ref}', which does not exist` });
    }
    if (def['x-label'] !== undefined && typeof def['x-label'] !== 'string') errors.push({ path: pointer('properties', p, 'x-label'), message: 'x-label is a string' });
  }
  const has = (f: unknown) => typeof f === 'string' && Object.hasOwn(props, f);
  for (const k of ['x-title-field', 'x-owner-field', 'x-team-field', 'x-stage-field'] as const) {
    if (schema[k] !== undefined && !has(schema[k])) errors.push({ path: `/${k}`, message: `${k} must name a property of the type` });
  }
  for (const k of ['x-index', 'x-match'] as const) {
    const v = schema[k];
    if (v === undefined) continue;
    if (!Array.isArray(v)) errors.push({ path: `/${k}`, message: `${k} is a list of property names` });
    else v.forEach((f, i) => !has(f) && errors.push({ path: pointer(k, i), message: `${k} must name properties of the type` }));
  }
  if (Array.isArray(schema.required)) schema.required.forEach((f, i) => !has(f) && errors.push({ path: pointer('required', i), message: 'a required field must be a property of the type' }));
  checkPermissions(schema['x-permissions'], errors);
  checkI18n(schema['x-i18n'], props, errors);
  checkMigration(schema['x-migration'], errors);
  if (schema['x-record-read'] !== undefined && schema['x-record-read'] !== 'owner') errors.push({ path: '/x-record-read', message: 'x-record-read is "owner" (or absent)' });
  if (schema['x-record-read'] === 'owner' && schema['x-owner-field'] === undefined) errors.push({ path: '/x-record-read', message: 'x-record-read "owner" needs an x-owner-field' });
  if (errors.length === 0) {
    try {
      ajv.compile(recordSchema(schema as EntitySchema, false));
    } catch (e) {
      errors.push({ path: '', message: (e as Error).message });
    }
  }
  return errors;
}

function stringList(v: unknown): boolean {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 200);
}

function checkPermissions(v: unknown, errors: FieldError[]): void {
  if (v === undefined) return;
  if (!isObj(v)) return void errors.push({ path: '/x-permissions', message: 'x-permissions is { read?: [...], write?: [...] }' });
  for (const k of Object.keys(v)) {
    if (k !== 'read' && k !== 'write') errors.push({ path: pointer('x-permissions', k), message: 'x-permissions has only read and write' });
    else if (!stringList(v[k])) errors.push({ path: pointer('x-permissions', k), message: 'a list of role names or group ids' });
  }
}

function checkI18n(v: unknown, props: Record<string, unknown>, errors: FieldError[]): void {
  if (v === undefined) return;
  if (!isObj(v)) return void errors.push({ path: '/x-i18n', message: 'x-i18n is { "<locale>": { title?, fields? } }' });
  for (const [locale, entry] of Object.entries(v)) {
    const at = pointer('x-i18n', locale);
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) errors.push({ path: at, message: 'a locale tag such as zh-CN or en' });
    if (!isObj(entry)) {
      errors.push({ path: at, message: 'an object with title and fields' });
      continue;
    }
    for (const k of Object.keys(entry)) if (k !== 'title' && k !== 'fields') errors.push({ path: pointer('x-i18n', locale, k), message: 'only title and fields' });
    if (entry.title !== undefined && typeof entry.title !== 'string') errors.push({ path: pointer('x-i18n', locale, 'title'), message: 'a string' });
    if (entry.fields === undefined) continue;
    if (!isObj(entry.fields)) {
      errors.push({ path: pointer('x-i18n', locale, 'fields'), message: 'an object of property → label' });
      continue;
    }
    for (const [f, label] of Object.entries(entry.fields)) {
      if (!Object.hasOwn(props, f)) errors.push({ path: pointer('x-i18n', locale, 'fields', f), message: 'not a property of the type' });
      else if (typeof label !== 'string') errors.push({ path: pointer('x-i18n', locale, 'fields', f), message: 'a label is a string' });
    }
  }
}

function checkMigration(v: unknown, errors: FieldError[]): void {
  if (v === undefined) return;
  if (!isObj(v)) return void errors.push({ path: '/x-migration', message: 'x-migration is { set?, rename?, drop? }' });
  for (const k of Object.keys(v)) if (!['set', 'rename', 'drop'].includes(k)) errors.push({ path: pointer('x-migration', k), message: 'x-migration has only set, rename and drop' });
  if (v.set !== undefined && !isObj(v.set)) errors.push({ path: '/x-migration/set', message: 'an object of field → value' });
  if (v.rename !== undefined && !(isObj(v.rename) && Object.values(v.rename).every((x) => typeof x === 'string' && PROPERTY_NAME.test(x)))) errors.push({ path: '/x-migration/rename', message: 'an object of old name → new name' });
  if (v.drop !== undefined && !stringList(v.drop)) errors.push({ path: '/x-migration/drop', message: 'a list of field names' });
}

/**
 * The schema records are validated against: the type, closed (`unevaluatedProperties: false`, so
 * an unknown field is refused), our x-migration left out; `partial` drops the top-level required.
 */
export function recordSchema(schema: EntitySchema, partial: boolean): Record<string, unknown> {
  const { 'x-migration': _m, $id: _id, ...rest } = schema;
  const out: Record<string, unknown> = { ...rest, unevaluatedProperties: false };
  if (partial) delete out.required;
  return out;
}

const compiled = new WeakMap<EntitySchema, { full: ValidateFunction; partial: ValidateFunction }>();

/** compiled validators per type version (schemas are kept as immutable objects, so a WeakMap caches them) */
export function validatorsOf(schema: EntitySchema): { full: ValidateFunction; partial: ValidateFunction } {
  let v = compiled.get(schema);
  if (!v) {
    v = { full: ajv.compile(recordSchema(schema, false)), partial: ajv.compile(recordSchema(schema, true)) };
    compiled.set(schema, v);
  }
  return v;
}

/** ajv's errors as FieldErrors: a JSON pointer into the record */
export function fieldErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    const p = e.params as Record<string, unknown>;
    const extra = e.keyword === 'required' ? p.missingProperty : e.keyword === 'unevaluatedProperties' ? p.unevaluatedProperty : e.keyword === 'additionalProperties' ? p.additionalProperty : undefined;
    const path = typeof extra === 'string' ? `${e.instancePath}${pointer(extra)}` : e.instancePath;
    const message = e.keyword === 'unevaluatedProperties' || e.keyword === 'additionalProperties' ? 'unknown field' : e.keyword === 'required' ? 'required' : (e.message ?? 'invalid');
    return { path, message };
  });
}
