import { randomUUID } from 'node:crypto';
import { LzError, runMigrations, type Db } from '@liuzhuan/engine';
import type { Draft, DraftKind, DraftMode, DraftSummary } from '../../api-types/drafts.ts';
import * as m0001 from './migrations/0001_drafts.ts';

interface DraftRow {
  id: string;
  kind: DraftKind;
  key: string;
  name: string;
  mode: DraftMode;
  simple: Record<string, unknown> | string | null;
  content: string;
  revision: number;
  updated_by: string;
  updated_at: Date | string;
}

export interface NewDraft {
  kind: DraftKind;
  key: string;
  name: string;
  content: string;
  mode: DraftMode;
  simple: Record<string, unknown> | null;
}

export interface DraftPatch {
  name?: string;
  content?: string;
  mode?: DraftMode;
  simple?: Record<string, unknown> | null;
}

const SUMMARY_COLUMNS = 'id, kind, key, name, mode, revision, updated_by, updated_at';

function summary(r: DraftRow): DraftSummary {
  return { id: r.id, kind: r.kind, key: r.key, name: r.name, mode: r.mode, revision: r.revision, updatedBy: r.updated_by, updatedAt: new Date(r.updated_at).toISOString() };
}

function full(r: DraftRow): Draft {
  // PGlite and pg both parse jsonb; a driver that hands back text is parsed here
  const simple = typeof r.simple === 'string' ? (JSON.parse(r.simple) as Record<string, unknown>) : r.simple;
  return { ...summary(r), simple: simple ?? null, content: r.content };
}

/** The drafts table: plain reads and writes; a save names the revision it was made on. */
export class DraftsRepo {
  constructor(private readonly db: Db) {}

  async migrate(): Promise<void> {
    await runMigrations(this.db, [m0001], 'lz_drafts_migrations');
  }

  async list(kind?: DraftKind): Promise<DraftSummary[]> {
    const rows = await this.db.query<DraftRow>(`SELECT ${SUMMARY_COLUMNS} FROM drafts WHERE ($1::text IS NULL OR kind = $1) ORDER BY touched DESC`, [kind ?? null]);
    return rows.map(summary);
  }

  async get(id: string): Promise<Draft | null> {
    const [r] = await this.db.query<DraftRow>(`SELECT * FROM drafts WHERE id = $1`, [id]);
    return r ? full(r) : null;
  }

  async byKey(kind: DraftKind, key: string): Promise<Draft | null> {
    const [r] = await this.db.query<DraftRow>(`SELECT * FROM drafts WHERE kind = $1 AND key = $2`, [kind, key]);
    return r ? full(r) : null;
  }

  async insert(d: NewDraft, actor: string): Promise<Draft> {
    try {
      const [r] = await this.db.query<DraftRow>(
        `INSERT INTO drafts (id, kind, key, name, mode, simple, content, revision, created_by, created_at, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, 1, $8, now(), $8, now()) RETURNING *`,
        [randomUUID(), d.kind, d.key, d.name, d.mode, d.simple === null ? null : JSON.stringify(d.simple), d.content, actor],
      );
      return full(r!);
    } catch (e) {
      // the unique (kind, key): one draft per process or form id
      if ((e as { code?: string }).code === '23505') throw new LzError('LZ_ERR_DRAFT_KEY_TAKEN', `a ${d.kind} draft with key '${d.key}' exists`);
      throw e;
    }
  }

  /** the saved draft, or null when `revision` is no longer the stored one (nothing written) */
  async update(id: string, patch: DraftPatch, revision: number, actor: string): Promise<Draft | null> {
    const [r] = await this.db.query<DraftRow>(
      `UPDATE drafts SET
         name = COALESCE($3, name),
         content = COALESCE($4, content),
         mode = COALESCE($5, mode),
         simple = CASE WHEN $6::boolean THEN $7::jsonb ELSE simple END,
         revision = revision + 1, updated_by = $8, updated_at = now(), touched = nextval('drafts_touched_seq')
       WHERE id = $1 AND revision = $2 RETURNING *`,
      [
        id,
        revision,
        patch.name ?? null,
        patch.content ?? null,
        patch.mode ?? null,
        patch.simple !== undefined,
        patch.simple === undefined || patch.simple === null ? null : JSON.stringify(patch.simple),
        actor,
      ],
    );
    return r ? full(r) : null;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(`DELETE FROM drafts WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }
}
