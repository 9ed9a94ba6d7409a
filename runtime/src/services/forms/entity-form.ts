import type { EntitySchema } from '../entities/types.ts';
import type { FormComponent, FormSchema, FormTranslations } from './form-types.ts';

/**
 * The default form-js form of an entity type (issue point 6): one field per property, a detail
 * table (dynamiclist, its columns on one layout row) for an array of objects with a computed
 * total per numeric column, a group for a nested object. Labels come from x-label, the
 * translations from the type's x-i18n; the form carries `x-entity`, so a submit is also checked
 * against the type.
 */

type Prop = Record<string, unknown>;

/** form-js ids are XML-id-like; ours are derived from the data path so they stay stable */
function idOf(prefix: string, path: readonly string[]): string {
  return `${prefix}_${path.join('_').replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function labelOf(name: string, p: Prop): string {
  return typeof p['x-label'] === 'string' ? p['x-label'] : typeof p.title === 'string' ? p.title : name;
}

function typeOf(p: Prop): string | undefined {
  const t = p.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  return typeof t === 'string' ? t : undefined;
}

function options(values: unknown[]): { label: string; value: unknown }[] {
  return values.filter((v) => v !== null).map((v) => ({ label: String(v), value: v }));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** one property as a form-js field; null when form-js has no field for it */
function field(name: string, p: Prop, path: readonly string[], required: boolean, ids: Set<string>): FormComponent | null {
  const t = typeOf(p);
  const base = { id: unique(idOf('Field', path), ids), key: name, label: labelOf(name, p) } as FormComponent;
  const validate: Record<string, unknown> = {};
  if (required) validate.required = true;
  if (typeof p.description === 'string') base.description = p.description;
  let c: FormComponent | null = null;
  if (typeof p['x-ref'] === 'string') {
    c = { ...base, type: 'textfield', description: base.description ?? `the id of a ${p['x-ref']} record` };
  } else if (Array.isArray(p.enum) && (t === 'string' || t === 'number' || t === 'integer' || t === undefined)) {
    c = { ...base, type: 'select', values: options(p.enum) };
  } else if (t === 'string') {
    if (p.format === 'date' || p.format === 'date-time' || p.format === 'time') {
      c = { ...base, type: 'datetime', subtype: p.format === 'date-time' ? 'datetime' : p.format, dateLabel: p.format === 'time' ? undefined : base.label, timeLabel: p.format === 'date' ? undefined : base.label };
      delete c.label;
    } else {
      c = { ...base, type: typeof p.maxLength === 'number' && p.maxLength > 200 ? 'textarea' : 'textfield' };
      if (p.format === 'email') validate.validationType = 'email';
      if (typeof p.minLength === 'number') validate.minLength = p.minLength;
      if (typeof p.maxLength === 'number') validate.maxLength = p.maxLength;
      if (typeof p.pattern === 'string') validate.pattern = p.pattern;
    }
  } else if (t === 'number' || t === 'integer') {
    c = { ...base, type: 'number', ...(t === 'integer' ? { decimalDigits: 0 } : {}) };
    if (typeof p.minimum === 'number') validate.min = p.minimum;
    if (typeof p.maximum === 'number') validate.max = p.maximum;
  } else if (t === 'boolean') {
    c = { ...base, type: 'checkbox' };
  } else if (t === 'array') {
    const items = (p.items ?? {}) as Prop;
    if (Array.isArray(items.enum)) c = { ...base, type: 'checklist', values: options(items.enum) };
  }
  if (!c) return null;
  if (p.default !== undefined) c.defaultValue = p.default;
  if (Object.keys(validate).length > 0) c.validate = validate as FormComponent['validate'];
  for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
  return c;
}

function unique(id: string, ids: Set<string>): string {
  let out = id;
  for (let i = 2; ids.has(out); i++) out = `${id}_${i}`;
  ids.add(out);
  return out;
}

function components(props: Record<string, Prop>, required: readonly string[], path: readonly string[], ids: Set<string>, keys: Set<string>): FormComponent[] {
  const out: FormComponent[] = [];
  for (const [name, p] of Object.entries(props)) {
    if (!p || typeof p !== 'object' || p.readOnly === true) continue;
    const here = [...path, name];
    const t = typeOf(p);
    const items = (p.items ?? {}) as Prop;
    if (t === 'array' && typeOf(items) === 'object' && items.properties && typeof items.properties === 'object') {
      // a detail table: one row per item, the columns side by side (one form-js layout row)
      const row = unique(idOf('Row', here), ids);
      const cols = components(items.properties as Record<string, Prop>, (items.required as string[] | undefined) ?? [], here, ids, new Set()).map((c) => ({ ...c, layout: { row, columns: null } }));
      out.push({ id: unique(idOf('List', here), ids), type: 'dynamiclist', label: labelOf(name, p), path: name, isRepeating: true, allowAddRemove: true, defaultRepetitions: 1, showOutline: true, components: cols });
      for (const col of cols) {
        if (col.type !== 'number') continue;
        const key = freeKey(`${name}Total${capitalise(col.key!)}`, keys, props);
        out.push({ id: unique(idOf('Total', [...here, col.key!]), ids), type: 'expression', key, label: `${labelOf(name, p)} · ${col.label ?? col.key} (total)`, expression: `=sum(${name}.${col.key})`, computeOn: 'change' });
      }
    } else if (t === 'object' && p.properties && typeof p.properties === 'object') {
      out.push({ id: unique(idOf('Group', here), ids), type: 'group', label: labelOf(name, p), path: name, showOutline: true, components: components(p.properties as Record<string, Prop>, (p.required as string[] | undefined) ?? [], here, ids, new Set()) });
    } else {
      const c = field(name, p, here, required.includes(name), ids);
      if (c) {
        out.push(c);
        keys.add(name);
      }
    }
  }
  return out;
}

function freeKey(key: string, keys: Set<string>, props: Record<string, unknown>): string {
  let out = key;
  for (let i = 2; keys.has(out) || Object.hasOwn(props, out); i++) out = `${key}${i}`;
  keys.add(out);
  return out;
}

/** the form's x-i18n from the type's: field labels by key, the title on the title text */
function translations(schema: EntitySchema, titleId: string): FormTranslations | undefined {
  const i18n = schema['x-i18n'];
  if (!i18n) return undefined;
  const out: FormTranslations = {};
  for (const [locale, entry] of Object.entries(i18n)) {
    const texts: FormTranslations[string] = { ...(entry.fields ?? {}) };
    if (entry.title) texts[titleId] = { text: `# ${entry.title}` };
    out[locale] = texts;
  }
  return out;
}

export function entityForm(schema: EntitySchema): FormSchema {
  const ids = new Set<string>();
  const name = schema['x-entity'];
  const titleId = unique(`Title_${name.replace(/[^A-Za-z0-9_-]/g, '_')}`, ids);
  const title = typeof schema.title === 'string' ? schema.title : name;
  const body = components(schema.properties, schema.required ?? [], [], ids, new Set());
  const i18n = translations(schema, titleId);
  return {
    id: `entity-${name}`,
    type: 'default',
    schemaVersion: 16,
    'x-entity': name,
    ...(i18n ? { 'x-i18n': i18n } : {}),
    components: [{ id: titleId, type: 'text', text: `# ${title}` }, ...body],
  };
}
