import type { Readable } from 'node:stream';
import type { Actor, EntityPage, EntityRecord, EntityStore, Filter } from '../entities/types.ts';
import { labelOf } from './export-cells.ts';
import { csvStream } from './export-csv.ts';
import { xlsxStream } from './export-xlsx.ts';

export interface ExportRequest {
  format: 'csv' | 'xlsx';
  filters?: Filter[];
  sort?: string[];
  /** header = the type's labels for `locale` instead of property names */
  labels?: boolean;
  locale?: string;
}

export interface ExportStream {
  stream: Readable;
  fileName: string;
  contentType: string;
}

const PAGE = 1000;

/** every matching record, a keyset page at a time: never more than one page in memory */
async function* pages(store: EntityStore, actor: Actor, type: string, req: ExportRequest, first: EntityPage): AsyncGenerator<EntityRecord[]> {
  let page = first;
  for (;;) {
    yield page.items;
    if (!page.nextCursor) return;
    page = await store.query(actor, type, { filters: req.filters, sort: req.sort, limit: PAGE, cursor: page.nextCursor });
  }
}

/**
 * Export of a query. The first page is read before anything is sent, so a bad filter, an
 * unknown type or a missing read right is an ordinary 400/404/403 — not a broken download.
 */
export async function exportRecords(store: EntityStore, actor: Actor, type: string, req: ExportRequest): Promise<ExportStream> {
  const info = await store.getType(type);
  const first = await store.query(actor, type, { filters: req.filters, sort: req.sort, limit: PAGE });
  // the stored schema is JSONB, which does not keep key order: the title field leads, the rest follow as stored
  const title = info.schema['x-title-field'];
  const properties = Object.keys(info.schema.properties).sort((x, y) => Number(y === title) - Number(x === title));
  const header = req.labels ? properties.map((p) => labelOf(info.schema, p, req.locale)) : properties;
  const source = pages(store, actor, type, req, first);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  // type names are [a-z0-9-] (x-entity), so the name needs no quoting; the replace is a belt
  const base = `${info.name.replace(/[^a-z0-9-]/g, '_')}-${stamp}`;
  if (req.format === 'xlsx') {
    return { stream: xlsxStream(info.name, properties, header, source), fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }
  return { stream: csvStream(properties, header, source), fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8' };
}
