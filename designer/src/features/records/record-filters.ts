import type { EntitySchema, Filter } from '../../api/entities.ts';
import { enumValues, filterKind, typeOfProp, type FilterKind } from './schema-fields.ts';

/** what the filter panel holds per field: one value (text, enum index, yes/no) or a range */
export interface FieldFilterState {
  value: string;
  from: string;
  to: string;
}

export interface FilterField {
  name: string;
  kind: Exclude<FilterKind, 'none'>;
  options: unknown[];
}

export function filterFields(schema: EntitySchema, names: string[]): FilterField[] {
  const out: FilterField[] = [];
  for (const name of names) {
    const p = schema.properties[name];
    const kind = filterKind(p);
    if (kind !== 'none') out.push({ name, kind, options: kind === 'enum' ? enumValues(p) : [] });
  }
  return out;
}

export const emptyState = (): FieldFilterState => ({ value: '', from: '', to: '' });

/**
 * The query's filters (services/entities/query-builder.ts): text → contains, enum → eq (a list
 * field → contains), numbers and dates → gte/lte, yes/no → eq, a reference → eq on the id; the
 * search box → full text over the record.
 */
export function buildFilters(schema: EntitySchema, fields: FilterField[], state: Record<string, FieldFilterState>, search: string): Filter[] {
  const out: Filter[] = [];
  const q = search.trim();
  if (q) out.push({ field: '*', op: 'search', value: q.slice(0, 200) });
  for (const f of fields) {
    const s = state[f.name];
    if (!s) continue;
    const v = String(s.value ?? '').trim();
    switch (f.kind) {
      case 'text':
        if (v) out.push({ field: f.name, op: 'contains', value: v.slice(0, 200) });
        break;
      case 'ref':
        if (v) out.push({ field: f.name, op: 'eq', value: v });
        break;
      case 'enum':
        if (v !== '') {
          const value = f.options[Number(v)];
          const list = typeOfProp(schema.properties[f.name]) === 'array';
          out.push({ field: f.name, op: list ? 'contains' : 'eq', value });
        }
        break;
      case 'boolean':
        if (v === 'true' || v === 'false') out.push({ field: f.name, op: 'eq', value: v === 'true' });
        break;
      case 'range-number': {
        // v-model on a number input hands back a number, or '' when empty
        const num = (x: unknown) => (String(x ?? '').trim() === '' ? NaN : Number(x));
        const from = num(s.from);
        const to = num(s.to);
        if (Number.isFinite(from)) out.push({ field: f.name, op: 'gte', value: from });
        if (Number.isFinite(to)) out.push({ field: f.name, op: 'lte', value: to });
        break;
      }
      case 'range-date': {
        const dateTime = schema.properties[f.name]?.format === 'date-time';
        if (s.from) out.push({ field: f.name, op: 'gte', value: s.from });
        // stored values are ISO text compared as text: "2024-05-31T10:00Z" must be ≤ the end of
        // 31 May, so the bound is the day followed by a character above every time digit
        if (s.to) out.push({ field: f.name, op: 'lte', value: dateTime ? `${s.to}T~` : s.to });
        break;
      }
    }
  }
  return out;
}
