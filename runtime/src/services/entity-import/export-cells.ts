import type { EntitySchema } from '../entities/types.ts';

/** a property's label: x-i18n for the locale (or its language), then x-label, then the name */
export function labelOf(schema: EntitySchema, property: string, locale: string | undefined): string {
  const i18n = schema['x-i18n'] ?? {};
  const lang = locale?.split('-')[0];
  const key = locale && i18n[locale] ? locale : Object.keys(i18n).find((k) => lang && k.split('-')[0] === lang);
  const fromLocale = key ? i18n[key]?.fields?.[property] : undefined;
  const plain = schema.properties[property]?.['x-label'];
  return fromLocale ?? (typeof plain === 'string' ? plain : property);
}

/** a value as export text: lists joined with ';', objects as JSON, absent as empty */
export function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join(';');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
