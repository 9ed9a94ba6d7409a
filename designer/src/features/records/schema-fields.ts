import type { EntitySchema, Prop } from '../../api/entities.ts';

/**
 * Reading an entity type's JSON Schema for the record pages: labels (x-i18n → x-label → title →
 * name, as services/forms/entity-form.ts labels the generated form), columns, filters, the kanban
 * stage and the summed amount.
 */

export type FilterKind = 'text' | 'enum' | 'range-number' | 'range-date' | 'boolean' | 'ref' | 'none';

export function typeOfProp(p: Prop | undefined): string | undefined {
  const t = p?.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  return typeof t === 'string' ? t : undefined;
}

/** the x-i18n entry for a locale: exact tag, then the same language (zh-CN → zh) */
function i18nEntry(schema: EntitySchema, locale: string): { title?: string; fields?: Record<string, string> } | undefined {
  const all = schema['x-i18n'];
  if (!all) return undefined;
  if (all[locale]) return all[locale];
  const lang = locale.split('-')[0]!.toLowerCase();
  const key = Object.keys(all).find((k) => k.split('-')[0]!.toLowerCase() === lang);
  return key ? all[key] : undefined;
}

export function typeTitle(schema: EntitySchema, locale: string): string {
  return i18nEntry(schema, locale)?.title ?? (typeof schema.title === 'string' ? schema.title : schema['x-entity']);
}

export function fieldLabel(schema: EntitySchema, name: string, locale: string): string {
  const tr = i18nEntry(schema, locale)?.fields?.[name];
  if (tr) return tr;
  const p = schema.properties[name];
  if (typeof p?.['x-label'] === 'string') return p['x-label'];
  if (typeof p?.title === 'string') return p.title;
  return name;
}

/** top-level properties in declaration order, the title field first */
export function columnNames(schema: EntitySchema): string[] {
  const names = Object.keys(schema.properties);
  const title = schema['x-title-field'];
  return title && names.includes(title) ? [title, ...names.filter((n) => n !== title)] : names;
}

export function isScalar(p: Prop | undefined): boolean {
  const t = typeOfProp(p);
  return t !== 'array' && t !== 'object';
}

export function isNumeric(p: Prop | undefined): boolean {
  const t = typeOfProp(p);
  return t === 'number' || t === 'integer';
}

export function filterKind(p: Prop | undefined): FilterKind {
  if (!p) return 'none';
  const t = typeOfProp(p);
  if (typeof p['x-ref'] === 'string') return 'ref';
  if (Array.isArray(p.enum)) return 'enum';
  if (t === 'array') return Array.isArray((p.items as Prop | undefined)?.enum) ? 'enum' : 'none';
  if (t === 'number' || t === 'integer') return 'range-number';
  if (t === 'boolean') return 'boolean';
  if (t === 'string') return p.format === 'date' || p.format === 'date-time' ? 'range-date' : 'text';
  return 'none';
}

export function enumValues(p: Prop | undefined): unknown[] {
  if (!p) return [];
  const list = Array.isArray(p.enum) ? p.enum : Array.isArray((p.items as Prop | undefined)?.enum) ? ((p.items as Prop).enum as unknown[]) : [];
  return list.filter((v) => v !== null);
}

/** the kanban's columns: the stage field's enum values in order; null when the type has no stage */
export function stageOf(schema: EntitySchema): { field: string; values: unknown[] } | null {
  const field = schema['x-stage-field'];
  if (!field || !schema.properties[field]) return null;
  const values = enumValues(schema.properties[field]);
  return values.length ? { field, values } : null;
}

/** the amount summed on a kanban: the first numeric index field, else the first numeric field */
export function sumFieldOf(schema: EntitySchema): string | null {
  const numeric = Object.keys(schema.properties).filter((n) => isNumeric(schema.properties[n]));
  return numeric.find((n) => schema['x-index']?.includes(n)) ?? numeric[0] ?? null;
}

export function titleOf(schema: EntitySchema, data: Record<string, unknown>, fallback: string): string {
  const f = schema['x-title-field'];
  const v = f ? data[f] : undefined;
  return v === undefined || v === null || v === '' ? fallback : String(v);
}

const numberFormat = new Map<string, Intl.NumberFormat>();
export function formatNumber(n: number, locale: string): string {
  if (!numberFormat.has(locale)) numberFormat.set(locale, new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }));
  return numberFormat.get(locale)!.format(n);
}

/** a cell's text: lists joined, objects as JSON, dates as stored */
export function formatValue(v: unknown, p: Prop | undefined, locale: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' && isNumeric(p)) return formatNumber(v, locale);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string' && p?.format === 'date-time' && !Number.isNaN(Date.parse(v))) return new Date(v).toLocaleString(locale);
  return String(v);
}
