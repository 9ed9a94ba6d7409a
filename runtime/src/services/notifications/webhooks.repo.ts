import { randomUUID } from 'node:crypto';
import type { Db } from '@liuzhuan/engine';
import { date, type Query, type WebhookFlavor, type WebhookRow } from './types.ts';

interface Stored {
  id: string;
  owner_kind: 'user' | 'group';
  owner_id: string;
  url: string;
  flavor: WebhookFlavor;
  created_by: string;
  created: Date | string;
}

const toRow = (r: Stored): WebhookRow => ({ id: r.id, ownerKind: r.owner_kind, ownerId: r.owner_id, url: r.url, flavor: r.flavor, createdBy: r.created_by, created: date(r.created) });

/** the notification_webhooks table */
export class WebhooksRepo {
  constructor(private readonly db: Db) {}

  async create(w: Omit<WebhookRow, 'id'>): Promise<WebhookRow> {
    const row = { ...w, id: randomUUID() };
    await this.db.query(`INSERT INTO notification_webhooks (id, owner_kind, owner_id, url, flavor, created_by, created) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      row.id,
      row.ownerKind,
      row.ownerId,
      row.url,
      row.flavor,
      row.createdBy,
      row.created,
    ]);
    return row;
  }

  async get(id: string): Promise<WebhookRow | null> {
    const [r] = await this.db.query<Stored>(`SELECT * FROM notification_webhooks WHERE id = $1`, [id]);
    return r ? toRow(r) : null;
  }

  /** every webhook (null) or those of one owner */
  async list(owner: { kind: 'user' | 'group'; id: string } | null): Promise<WebhookRow[]> {
    const rows = owner
      ? await this.db.query<Stored>(`SELECT * FROM notification_webhooks WHERE owner_kind = $1 AND owner_id = $2 ORDER BY created, id`, [owner.kind, owner.id])
      : await this.db.query<Stored>(`SELECT * FROM notification_webhooks ORDER BY owner_kind, owner_id, created, id`);
    return rows.map(toRow);
  }

  /** every group's webhooks (few: admins set them) */
  async ofGroups(): Promise<WebhookRow[]> {
    return (await this.db.query<Stored>(`SELECT * FROM notification_webhooks WHERE owner_kind = 'group' ORDER BY created, id`)).map(toRow);
  }

  async countOf(kind: 'user' | 'group', ownerId: string): Promise<number> {
    const [c] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_webhooks WHERE owner_kind = $1 AND owner_id = $2`, [kind, ownerId]);
    return c?.n ?? 0;
  }

  /** the webhooks of these users */
  async ofUsers(userIds: readonly string[]): Promise<WebhookRow[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.query<Stored>(`SELECT * FROM notification_webhooks WHERE owner_kind = 'user' AND owner_id = ANY($1::text[]) ORDER BY created, id`, [[...userIds]]);
    return rows.map(toRow);
  }

  /** deletes the webhook (inside the caller's transaction); false when there was none */
  async delete(q: Query, id: string): Promise<boolean> {
    return (await q(`DELETE FROM notification_webhooks WHERE id = $1 RETURNING id`, [id])).length > 0;
  }
}
