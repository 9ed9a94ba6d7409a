import type { FormView } from './forms.ts';
import { download, http, request } from './http.ts';

import type { AggregateRow, EntityPage, EntityRecord, EntitySchema, EntityTypeInfo, Filter, FilterOp, HistoryEntry } from '../../../runtime/src/api-types/entities.ts';

/** Records of entity types (/api/entities/*); the shapes are the entity store's own (runtime api-types). */
export type { AggregateRow, EntityPage, EntityRecord, EntitySchema, EntityTypeInfo, Filter, FilterOp, HistoryEntry };

/** one property of an entity type's schema */
export type Prop = Record<string, unknown>;

export interface ListOptions {
  filters?: Filter[];
  /** field names, `-name` descending */
  sort?: string[];
  cursor?: string | null;
  limit?: number;
  count?: boolean;
  deleted?: boolean;
}

export interface ExportOptions {
  format: 'csv' | 'xlsx';
  filters?: Filter[];
  sort?: string[];
  labels?: boolean;
  locale?: string;
}

export type { FormView };

const base = (type: string) => `/api/entities/${encodeURIComponent(type)}`;
const one = (type: string, id: string) => `${base(type)}/${encodeURIComponent(id)}`;
/** If-Match carries the version we read (routes/api/entities/if-match.ts) */
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const filterParam = (filters?: Filter[]) => (filters && filters.length ? JSON.stringify(filters) : undefined);

export const entitiesApi = {
  types: () => http.get<EntityTypeInfo[]>('/api/entities/types'),
  type: (name: string) => http.get<EntityTypeInfo>(`/api/entities/types/${encodeURIComponent(name)}`),

  list: (type: string, o: ListOptions = {}) =>
    http.get<EntityPage>(base(type), {
      filter: filterParam(o.filters),
      sort: o.sort?.join(','),
      cursor: o.cursor ?? undefined,
      limit: o.limit,
      count: o.count || undefined,
      deleted: o.deleted || undefined,
    }),
  get: (type: string, id: string, deleted = false) => http.get<EntityRecord>(one(type, id), deleted ? { deleted: true } : undefined),
  create: (type: string, data: Record<string, unknown>) => http.post<EntityRecord>(base(type), data),
  patch: (type: string, id: string, patch: Record<string, unknown>, version: number) => http.patch<EntityRecord>(one(type, id), patch, ifMatch(version)),
  remove: (type: string, id: string, version: number) => request<EntityRecord>(one(type, id), { method: 'DELETE', headers: ifMatch(version) }),
  restore: (type: string, id: string) => http.post<EntityRecord>(`${one(type, id)}/restore`),
  history: (type: string, id: string) => http.get<HistoryEntry[]>(`${one(type, id)}/history`),
  aggregate: (type: string, groupBy: string, sum: string[], filters?: Filter[]) =>
    http.post<AggregateRow[]>(`${base(type)}/aggregate`, { groupBy, sum, ...(filters && filters.length ? { filters } : {}) }),
  exportFile: (type: string, o: ExportOptions) =>
    download(`${base(type)}/export`, { format: o.format, filter: filterParam(o.filters), sort: o.sort?.join(','), labels: o.labels || undefined, locale: o.locale }),

  form: (type: string, locale: string) => http.get<FormView>(`/api/forms/entity/${encodeURIComponent(type)}`, { locale }),
};
