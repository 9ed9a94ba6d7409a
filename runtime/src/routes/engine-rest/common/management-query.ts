import { badRequest } from '../../../infra/errors.ts';
import { parseCamundaDate } from './dates.ts';

/** What the job, incident and external-task queries share: sorting, dates, comma lists. */

export interface SortingParams {
  sortBy?: string;
  sortOrder?: 'asc' | 'desc';
  /** POST bodies: several keys */
  sorting?: { sortBy: string; sortOrder?: 'asc' | 'desc' }[];
}

/** Camunda's sortBy + sortOrder (both or neither) or a body's `sorting`, as engine sort keys */
export function sortingOf<K extends string>(q: SortingParams, keys: Partial<Record<string, K>>): { by: K; order: 'asc' | 'desc' }[] {
  if ((q.sortBy === undefined) !== (q.sortOrder === undefined)) throw badRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
  const list = q.sorting ?? (q.sortBy ? [{ sortBy: q.sortBy, sortOrder: q.sortOrder }] : []);
  const out: { by: K; order: 'asc' | 'desc' }[] = [];
  for (const s of list) {
    const by = keys[s.sortBy];
    // tenantId and the like are accepted by the schema but order nothing here
    if (by) out.push({ by, order: s.sortOrder ?? 'asc' });
  }
  return out;
}

/** a date parameter; a '+' of the offset arrives as a space when the client did not encode it */
export function dateParam(name: string, v: string | undefined | null): Date | undefined {
  if (v === undefined || v === null) return undefined;
  return parseCamundaDate(name, v.replace(/ (\d{2}:?\d{2})$/, '+$1'));
}

/** a list parameter: comma-separated in a query string, an array in a body */
export function listParam(v: string | string[] | undefined | null): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  return (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean);
}

/**
 * Camunda's condition lists (`dueDates=gt_2026-01-05T09:00:00.000+0000,lt_…` in a query
 * string, `[{operator:'gt', value}]` in a body) as lower and upper bounds.
 */
export function dateConditions(name: string, v: string | { operator: string; value: string }[] | undefined | null): { after?: Date; before?: Date } {
  if (v === undefined || v === null) return {};
  const list =
    typeof v === 'string'
      ? v.split(',').map((part) => {
          const m = /^([a-z]+)_(.+)$/.exec(part.trim());
          if (!m) throw badRequest(`Invalid ${name} condition '${part.slice(0, 60)}': use operator_value, e.g. gt_2026-01-05T09:00:00.000+0000`);
          return { operator: m[1]!, value: m[2]! };
        })
      : v;
  const out: { after?: Date; before?: Date } = {};
  for (const c of list) {
    const d = dateParam(name, c.value);
    if (c.operator === 'gt') out.after = d;
    else if (c.operator === 'lt') out.before = d;
    else throw badRequest(`Invalid ${name} comparator specified: ${c.operator}`);
  }
  return out;
}

/** a pair of flags that exclude each other (timers/messages …) */
export function exclusive(a: string, va: boolean | undefined, b: string, vb: boolean | undefined): void {
  if (va && vb) throw badRequest(`Parameter ${a} cannot be used together with parameter ${b}.`);
}
