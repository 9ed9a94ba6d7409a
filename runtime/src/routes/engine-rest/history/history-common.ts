import type { FastifyRequest } from 'fastify';
import type { HistoryViewer } from '@liuzhuan/engine';
import { principalOf } from '../../../infra/auth.ts';
import { badRequest } from '../../../infra/errors.ts';
import { parseCamundaDate } from '../common/dates.ts';

/** whose history a caller sees: admins everything, others what they started or took part in */
export function viewerOf(req: FastifyRequest): HistoryViewer | undefined {
  const p = principalOf(req);
  return p.isAdmin ? undefined : { userId: p.id, groups: p.groups };
}

/** a query date; a '+' of the offset arrives as a space when the client did not encode it */
export function date(name: string, v: string | undefined): Date | undefined {
  return v === undefined ? undefined : parseCamundaDate(name, v.replace(/ (\d{2}:?\d{2})$/, '+$1'));
}

export interface SortParams {
  sortBy?: string;
  sortOrder?: 'asc' | 'desc';
  sorting?: { sortBy: string; sortOrder?: 'asc' | 'desc' }[];
}

/**
 * Camunda's sortBy/sortOrder (both or neither) or a POST body's `sorting`, as the engine's sort
 * keys; keys without a counterpart here (tenantId …) order nothing.
 */
export function sortOf<K extends string>(q: SortParams, keys: Partial<Record<string, K>>): { by: K; order: 'asc' | 'desc' }[] {
  if ((q.sortBy === undefined) !== (q.sortOrder === undefined)) throw badRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
  const list = q.sorting ?? (q.sortBy ? [{ sortBy: q.sortBy, sortOrder: q.sortOrder }] : []);
  const out: { by: K; order: 'asc' | 'desc' }[] = [];
  for (const s of list) {
    const by = keys[s.sortBy];
    if (by) out.push({ by, order: s.sortOrder ?? 'asc' });
  }
  return out;
}

/** finished/unfinished (and the like) as one optional boolean; both true at once is a contradiction */
export function either(name: string, yes: boolean | undefined, no: boolean | undefined, other: string): boolean | undefined {
  if (yes && no) throw badRequest(`${name} and ${other} exclude each other`);
  return yes ? true : no ? false : undefined;
}
