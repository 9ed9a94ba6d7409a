import type { Db } from '@liuzhuan/engine';
import type { FieldError } from '../entities/types.ts';

export type ImportStatus = 'running' | 'done' | 'failed';
export type OnDuplicate = 'skip' | 'update' | 'create';
export type ImportFormat = 'csv' | 'xlsx';

/** a heartbeat older than this marks a run whose process died (several processes share the db) */
export const HEARTBEAT_STALE_SECONDS = 60;

export interface Counters {
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  refused: number;
}

export interface ImportRun extends Counters {
  id: string;
  type: string;
  status: ImportStatus;
  fileName: string;
  format: ImportFormat;
  onDuplicate: OnDuplicate;
  mapping: Record<string, string>;
  bytesTotal: number;
  bytesRead: number;
  startedBy: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface RefusedRow {
  row: number;
  errors: FieldError[];
}

interface RunRow {
  id: string;
  type: string;
  status: ImportStatus;
  file_name: string;
  format: ImportFormat;
  on_duplicate: OnDuplicate;
  mapping: Record<string, string> | string;
  bytes_total: number;
  bytes_read: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  refused: number;
  started_by: string;
  started_at: Date | string;
  updated_at: Date | string;
  finished_at: Date | string | null;
  error: string | null;
  stale: boolean;
}

const iso = (d: Date | string): string => new Date(d).toISOString();
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

// bigint columns come back as text from pg; float8 is exact for any file size we accept
const COLUMNS = `id, type, status, file_name, format, on_duplicate, mapping, bytes_total::float8 AS bytes_total, bytes_read::float8 AS bytes_read,
  processed, created, updated, skipped, refused, started_by, started_at, updated_at, finished_at, error,
  (status = 'running' AND updated_at < now() - interval '${HEARTBEAT_STALE_SECONDS} seconds') AS stale`;

function toRun(r: RunRow): ImportRun {
  // a run whose heartbeat stopped is reported failed: its process crashed or was killed
  const interrupted = r.stale;
  return {
    id: r.id,
    type: r.type,
    status: interrupted ? 'failed' : r.status,
    fileName: r.file_name,
    format: r.format,
    onDuplicate: r.on_duplicate,
    mapping: json(r.mapping),
    bytesTotal: Number(r.bytes_total),
    bytesRead: Number(r.bytes_read),
    processed: r.processed,
    created: r.created,
    updated: r.updated,
    skipped: r.skipped,
    refused: r.refused,
    startedBy: r.started_by,
    startedAt: iso(r.started_at),
    updatedAt: iso(r.updated_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    error: interrupted ? `interrupted: no heartbeat for more than ${HEARTBEAT_STALE_SECONDS} s (the process running it stopped); rows of finished batches are stored` : r.error,
  };
}

/** SQL of the import runs and their refused rows; timestamps from the database clock (shared by every process) */
export class ImportsRepo {
  constructor(private readonly db: Db) {}

  async insert(run: { id: string; type: string; fileName: string; format: ImportFormat; onDuplicate: OnDuplicate; mapping: Record<string, string>; bytesTotal: number; startedBy: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO entity_imports (id, type, status, file_name, format, on_duplicate, mapping, bytes_total, started_by, started_at, updated_at)
       VALUES ($1, $2, 'running', $3, $4, $5, $6::jsonb, $7, $8, now(), now())`,
      [run.id, run.type, run.fileName, run.format, run.onDuplicate, JSON.stringify(run.mapping), run.bytesTotal, run.startedBy],
    );
  }

  async get(id: string): Promise<ImportRun | null> {
    const [r] = await this.db.query<RunRow>(`SELECT ${COLUMNS} FROM entity_imports WHERE id = $1`, [id]);
    return r ? toRun(r) : null;
  }

  /** one batch's outcome: its refused rows and the counters, in one transaction */
  async progress(id: string, c: Counters, bytesRead: number, refused: RefusedRow[]): Promise<void> {
    await this.db.transaction(async (q) => {
      if (refused.length > 0) {
        await q(
          `INSERT INTO entity_import_rows (import_id, row_number, errors)
           SELECT $1, (e->>'row')::int, e->'errors' FROM jsonb_array_elements($2::jsonb) AS e
           ON CONFLICT (import_id, row_number) DO NOTHING`,
          [id, JSON.stringify(refused)],
        );
      }
      await q(
        `UPDATE entity_imports SET processed = $2, created = $3, updated = $4, skipped = $5, refused = $6, bytes_read = $7, updated_at = now() WHERE id = $1`,
        [id, c.processed, c.created, c.updated, c.skipped, c.refused, bytesRead],
      );
    });
  }

  async heartbeat(id: string): Promise<void> {
    await this.db.query(`UPDATE entity_imports SET updated_at = now() WHERE id = $1 AND status = 'running'`, [id]);
  }

  async finish(id: string, status: 'done' | 'failed', error: string | null): Promise<void> {
    await this.db.query(`UPDATE entity_imports SET status = $2, error = $3, finished_at = now(), updated_at = now() WHERE id = $1`, [id, status, error]);
  }

  /** refused rows in row order, a page at a time (a run may refuse every one of 100,000 rows) */
  async refused(id: string, after: number, limit: number): Promise<RefusedRow[]> {
    const rows = await this.db.query<{ row_number: number; errors: FieldError[] | string }>(
      `SELECT row_number, errors FROM entity_import_rows WHERE import_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
      [id, after, limit],
    );
    return rows.map((r) => ({ row: r.row_number, errors: json(r.errors) }));
  }
}
