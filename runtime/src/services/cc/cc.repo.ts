import { randomUUID } from 'node:crypto';
import type { Db } from '@liuzhuan/engine';

/** one "copied to me" row */
export interface CcRow {
  id: string;
  processInstanceId: string;
  externalTaskId: string;
  activityId: string;
  activityName: string | null;
  userId: string;
  created: Date;
  readAt: Date | null;
}

interface Stored {
  id: string;
  instance_id: string;
  external_task_id: string;
  activity_id: string;
  activity_name: string | null;
  user_id: string;
  created_at: Date | string;
  read_at: Date | string | null;
}

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

function toRow(r: Stored): CcRow {
  return {
    id: r.id,
    processInstanceId: r.instance_id,
    externalTaskId: r.external_task_id,
    activityId: r.activity_id,
    activityName: r.activity_name,
    userId: r.user_id,
    created: date(r.created_at),
    readAt: r.read_at === null ? null : date(r.read_at),
  };
}

/** the request_cc table */
export class CcRepo {
  constructor(private readonly db: Db) {}

  /** one row per user; users the same cc task already recorded are left alone */
  async record(rows: { processInstanceId: string; externalTaskId: string; activityId: string; activityName: string | null; userId: string; created: Date }[]): Promise<void> {
    if (rows.length === 0) return;
    const params: unknown[] = [];
    const values = rows.map((r) => {
      const at = params.length;
      params.push(randomUUID(), r.processInstanceId, r.externalTaskId, r.activityId, r.activityName, r.userId, r.created);
      return `(${[1, 2, 3, 4, 5, 6, 7].map((i) => `$${at + i}`).join(', ')})`;
    });
    await this.db.query(
      `INSERT INTO request_cc (id, instance_id, external_task_id, activity_id, activity_name, user_id, created_at)
       VALUES ${values.join(', ')} ON CONFLICT (external_task_id, user_id) DO NOTHING`,
      params,
    );
  }

  /** a user's rows, newest first */
  async listFor(userId: string, page: { first: number; max: number }): Promise<{ rows: CcRow[]; total: number }> {
    const rows = await this.db.query<Stored>(`SELECT * FROM request_cc WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`, [userId, page.max, page.first]);
    const [n] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM request_cc WHERE user_id = $1`, [userId]);
    return { rows: rows.map(toRow), total: n?.n ?? 0 };
  }

  async forInstance(instanceId: string): Promise<CcRow[]> {
    return (await this.db.query<Stored>(`SELECT * FROM request_cc WHERE instance_id = $1 ORDER BY created_at, user_id, id`, [instanceId])).map(toRow);
  }

  async isCopied(instanceId: string, userId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM request_cc WHERE instance_id = $1 AND user_id = $2 LIMIT 1`, [instanceId, userId])).length > 0;
  }

  /** marks the user's row read (the first read time stays); false when the user has no such row */
  async markRead(userId: string, id: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(`UPDATE request_cc SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING id`, [id, userId, at]);
    return rows.length > 0;
  }
}
