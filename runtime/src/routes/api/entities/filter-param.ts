import { LzError } from '@liuzhuan/engine';
import type { Filter } from '../../../services/entities/types.ts';

/** the `filter` query parameter of GET /api/entities/:type and its export: a JSON array of {field, op, value} */
export function filtersOf(text: string | undefined): Filter[] | undefined {
  if (text === undefined || text === '') return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new LzError('LZ_ERR_ENTITY_FILTER_INVALID', 'filter is a JSON array of {field, op, value}');
  }
  if (!Array.isArray(v) || v.some((f) => !f || typeof f !== 'object' || Array.isArray(f) || typeof (f as Filter).op !== 'string')) {
    throw new LzError('LZ_ERR_ENTITY_FILTER_INVALID', 'filter is a JSON array of {field, op, value}');
  }
  return v.map((f: Filter) => ({ field: String(f.field ?? '*'), op: f.op, value: f.value }));
}
