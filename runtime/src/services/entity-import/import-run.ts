import { matchKeys } from '../entities/match-keys.ts';
import type { Actor, EntityStore, EntityTypeInfo, FieldError } from '../entities/types.ts';
import { blankRow, convertRow, type Column } from './convert.ts';
import type { Counters, ImportsRepo, OnDuplicate, RefusedRow } from './imports.repo.ts';
import { resolveColumns } from './mapping.ts';
import { isProblem, type RowSource } from './row-source.ts';

interface Pending {
  row: number;
  data: Record<string, unknown>;
  /** normalised x-match keys, the store's own (match-keys.ts) */
  keys: string[];
  /** the stored record this row updates (onDuplicate 'update') */
  updateId?: string;
}

export interface RunInput {
  id: string;
  actor: Actor;
  info: EntityTypeInfo;
  mapping: Record<string, string>;
  onDuplicate: OnDuplicate;
  source: RowSource;
  batchSize: number;
  /** set when the server stops: the run ends after the batch in flight */
  stopped: () => boolean;
}

/** a problem that ends the run (the rows of finished batches stay stored) */
export class RunFailed extends Error {}

/**
 * One import run: rows are read, converted and written in batches; while a batch is written the
 * reader is not pulled, so memory holds one batch whatever the file's size. Each batch is one
 * EntityStore.writeMany call (one transaction), followed by the run's counters and refused rows.
 *
 * Duplicates (x-match, normalised as the store does): stored records via findDuplicates — that
 * includes the rows earlier batches of this file stored, since those are committed — and, inside
 * a batch, earlier rows of the same batch. A batch is written in segments cut where a row
 * shares a key with a row not yet written, so the later row sees whether its twin was stored.
 */
export async function runImport(repo: ImportsRepo, store: EntityStore, input: RunInput): Promise<Counters> {
  const { info, source } = input;
  const c: Counters = { processed: 0, created: 0, updated: 0, skipped: 0, refused: 0 };
  const checkDuplicates = input.onDuplicate !== 'create' && (info.schema['x-match'] ?? []).length > 0;
  let columns: Column[] | null = null;
  let width = 0;
  let batch: Pending[] = [];
  let refused: RefusedRow[] = [];

  const refuse = (row: number, errors: FieldError[]) => {
    c.refused += 1;
    refused.push({ row, errors });
  };

  const write = async (segment: Pending[], stored: Map<string, string>) => {
    if (segment.length === 0) return;
    const results = await store.writeMany(input.actor, info.name, segment.map((p) => ({ data: p.data, updateId: p.updateId })));
    results.forEach((r, i) => {
      const p = segment[i]!;
      if (!r.ok) return refuse(p.row, r.errors);
      if (p.updateId) c.updated += 1;
      else c.created += 1;
      for (const k of p.keys) stored.set(k, r.record.id);
    });
  };

  const flush = async () => {
    const rows = batch;
    batch = [];
    if (rows.length > 0) {
      const found = checkDuplicates ? await store.findDuplicates(info.name, rows.map((r) => r.data)) : rows.map(() => null);
      // keys stored by this batch so far → record id (a twin earlier in the batch)
      const stored = new Map<string, string>();
      let segment: Pending[] = [];
      let segmentKeys = new Set<string>();
      let targets = new Set<string>();
      for (let i = 0; i < rows.length; i += 1) {
        const r = rows[i]!;
        if (checkDuplicates && r.keys.some((k) => segmentKeys.has(k))) {
          await write(segment, stored);
          segment = [];
          segmentKeys = new Set();
          targets = new Set();
        }
        const twin = checkDuplicates ? r.keys.map((k) => stored.get(k)).find((x) => x !== undefined) : undefined;
        const target = twin ?? found[i] ?? null;
        if (target !== null && input.onDuplicate === 'skip') {
          c.skipped += 1;
          continue;
        }
        if (target !== null && input.onDuplicate === 'update') {
          // two rows of one segment must not update one record (one UPDATE per record and version)
          if (targets.has(target)) {
            await write(segment, stored);
            segment = [];
            segmentKeys = new Set();
            targets = new Set();
          }
          targets.add(target);
          segment.push({ ...r, updateId: target });
        } else segment.push(r);
        for (const k of r.keys) segmentKeys.add(k);
      }
      await write(segment, stored);
    }
    const done = refused;
    refused = [];
    await repo.progress(input.id, c, source.bytesRead(), done);
  };

  for await (const item of source.rows()) {
    if (isProblem(item)) {
      if (item.fatal || columns === null) throw new RunFailed(`row ${item.row}: ${item.problem}`);
      c.processed += 1;
      refuse(item.row, [{ path: '', message: item.problem }]);
    } else if (columns === null) {
      // the first row is the header
      const resolved = resolveColumns(info.schema, input.mapping, item.cells);
      if (typeof resolved === 'string') throw new RunFailed(resolved);
      columns = resolved;
      width = item.cells.length;
      continue;
    } else if (blankRow(item.cells)) {
      continue;
    } else {
      c.processed += 1;
      if (item.strictWidth && item.cells.length !== width) {
        refuse(item.row, [{ path: '', message: `the row has ${item.cells.length} cells, the header row ${width}` }]);
      } else if (!item.strictWidth && item.cells.slice(width).some((x) => x !== undefined && x !== null && x !== '')) {
        refuse(item.row, [{ path: '', message: `the row has cells right of the header row's last column (${width})` }]);
      } else {
        const { data, errors } = convertRow(columns, item.cells);
        if (errors.length > 0) refuse(item.row, errors);
        else batch.push({ row: item.row, data, keys: checkDuplicates ? matchKeys(info.schema, data) : [] });
      }
    }
    if (batch.length + refused.length >= input.batchSize) {
      await flush();
      if (input.stopped()) throw new RunFailed('stopped: the server shut down during the import; rows of finished batches are stored');
    }
  }
  if (columns === null) throw new RunFailed('the file is empty: the first row must be the header');
  await flush();
  return c;
}
