import { randomUUID } from 'node:crypto';
import type { Db } from '@liuzhuan/engine';
import { date, dateOrNull, type NotificationInput, type NotificationRow, type Query } from './types.ts';

interface Stored {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  process_instance_id: string | null;
  task_id: string | null;
  created: Date | string;
  read_at: Date | string | null;
}

const toRow = (r: Stored): NotificationRow => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  processInstanceId: r.process_instance_id,
  taskId: r.task_id,
  created: date(r.created),
  readAt: dateOrNull(r.read_at),
});

const COLUMNS = 'id, user_id, kind, title, body, link, process_instance_id, task_id, created, read_at';

/** rows per INSERT (10 parameters each, far below PostgreSQL's 65,535) */
const CHUNK = 500;

/** the notifications table: one in-app row per user */
export class NotificationsRepo {
  constructor(private readonly db: Db) {}

  /** one row per user, inside the caller's transaction; the rows written */
  async insert(q: Query, userIds: readonly string[], n: NotificationInput, created: Date): Promise<NotificationRow[]> {
    const rows: NotificationRow[] = userIds.map((userId) => ({
      id: randomUUID(),
      userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? null,
      link: n.link ?? null,
      processInstanceId: n.processInstanceId ?? null,
      taskId: n.taskId ?? null,
      created,
      readAt: null,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      const params: unknown[] = [];
      const values = rows.slice(i, i + CHUNK).map((r) => {
        const at = params.length;
        params.push(r.id, r.userId, r.kind, r.title, r.body, r.link, r.processInstanceId, r.taskId, r.created);
        return `(${[1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => `$${at + k}`).join(', ')})`;
      });
      await q(`INSERT INTO notifications (id, user_id, kind, title, body, link, process_instance_id, task_id, created) VALUES ${values.join(', ')}`, params);
    }
    return rows;
  }

  /** a user's notifications, newest first; `total` counts all that match, `unread` all unread */
  async listFor(userId: string, o: { unread: boolean; first: number; max: number }): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
    const filter = o.unread ? ' AND read_at IS NULL' : '';
    const rows = await this.db.query<Stored>(`SELECT ${COLUMNS} FROM notifications WHERE user_id = $1${filter} ORDER BY created DESC, seq DESC LIMIT $2 OFFSET $3`, [userId, o.max, o.first]);
    const [c] = await this.db.query<{ total: number; unread: number }>(
      `SELECT count(*)::int AS total, (count(*) FILTER (WHERE read_at IS NULL))::int AS unread FROM notifications WHERE user_id = $1`,
      [userId],
    );
    const unread = c?.unread ?? 0;
    return { rows: rows.map(toRow), total: o.unread ? unread : (c?.total ?? 0), unread };
  }

  async unreadCount(userId: string): Promise<number> {
    const [c] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return c?.n ?? 0;
  }

  /** marks the user's row read (the first read time stays); null when the user has no such row */
  async markRead(userId: string, id: string, at: Date): Promise<NotificationRow | null> {
    const [r] = await this.db.query<Stored>(`UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`, [id, userId, at]);
    return r ? toRow(r) : null;
  }

  /** marks every unread row of the user read; how many */
  async markAllRead(userId: string, at: Date): Promise<number> {
    const rows = await this.db.query(`UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id`, [userId, at]);
    return rows.length;
  }
}
