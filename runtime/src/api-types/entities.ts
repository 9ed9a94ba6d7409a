/**
 * The records API's shapes (/api/entities/*) for the designer, type-only: the entity store's
 * own contract (services/entities/types.ts) is what the routes answer with.
 */
export type { AggregateRow, EntityPage, EntityRecord, EntitySchema, EntityTypeInfo, Filter, FilterOp, HistoryEntry } from '../services/entities/types.ts';
