import { randomUUID } from 'node:crypto';
import type { Db } from '@liuzhuan/engine';

export type ActionKind =
  | 'approve'
  | 'reject'
  | 'return'
  | 'transfer'
  | 'delegate'
  | 'resolve'
  | 'addSigner'
  | 'removeSigner'
  | 'cc'
  | 'resubmit'
  | 'withdraw'
  | 'urge'
  | 'remind'
  | 'escalate'
  | 'complete';

export interface ActionRow {
  id: string;
  processInstanceId: string;
  taskId: string | null;
  activityId: string | null;
  activityName: string | null;
  userId: string | null;
  action: ActionKind;
  target: string | null;
  comment: string | null;
  created: Date;
}

export interface AttachmentInput {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface AttachmentMeta {
  id: string;
  actionId: string;
  processInstanceId: string;
  name: string;
  contentType: string;
  size: number;
}

export interface SignerRow {
  id: string;
  processInstanceId: string;
  taskId: string;
  activityId: string;
  addedBy: string;
  userId: string;
  position: 'before' | 'after' | 'parallel';
  state: 'pending' | 'done' | 'removed';
  created: Date;
}

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

/** the approval tables (migrations/0001_approvals.ts) */
export class ApprovalsRepo {
  constructor(private readonly db: Db) {}

  async record(a: Omit<ActionRow, 'id'>, attachments: AttachmentInput[] = []): Promise<ActionRow> {
    const id = randomUUID();
    await this.db.transaction(async (q) => {
      await q(
        `INSERT INTO approval_actions (id, instance_id, task_id, activity_id, activity_name, user_id, action, target, comment, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, a.processInstanceId, a.taskId, a.activityId, a.activityName, a.userId, a.action, a.target, a.comment, a.created],
      );
      for (const f of attachments) {
        await q(`INSERT INTO approval_attachments (id, action_id, instance_id, name, content_type, size, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          randomUUID(),
          id,
          a.processInstanceId,
          f.name,
          f.contentType,
          f.data.length,
          f.data,
        ]);
      }
    });
    return { id, ...a };
  }

  async actions(instanceId: string): Promise<ActionRow[]> {
    const rows = await this.db.query<Record<string, unknown>>(`SELECT * FROM approval_actions WHERE instance_id = $1 ORDER BY created_at, seq`, [instanceId]);
    return rows.map((r) => ({
      id: String(r.id),
      processInstanceId: String(r.instance_id),
      taskId: (r.task_id as string | null) ?? null,
      activityId: (r.activity_id as string | null) ?? null,
      activityName: (r.activity_name as string | null) ?? null,
      userId: (r.user_id as string | null) ?? null,
      action: r.action as ActionKind,
      target: (r.target as string | null) ?? null,
      comment: (r.comment as string | null) ?? null,
      created: date(r.created_at as Date | string),
    }));
  }

  async attachmentsOf(instanceId: string): Promise<AttachmentMeta[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT id, action_id, instance_id, name, content_type, size FROM approval_attachments WHERE instance_id = $1 ORDER BY id`,
      [instanceId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      actionId: String(r.action_id),
      processInstanceId: String(r.instance_id),
      name: String(r.name),
      contentType: String(r.content_type),
      size: Number(r.size),
    }));
  }

  async attachment(id: string): Promise<(AttachmentMeta & { data: Buffer }) | null> {
    const [r] = await this.db.query<Record<string, unknown>>(`SELECT * FROM approval_attachments WHERE id = $1`, [id]);
    if (!r) return null;
    const data = r.data instanceof Uint8Array ? Buffer.from(r.data) : Buffer.from(String(r.data));
    return { id: String(r.id), actionId: String(r.action_id), processInstanceId: String(r.instance_id), name: String(r.name), contentType: String(r.content_type), size: Number(r.size), data };
  }

  async addSigner(s: Omit<SignerRow, 'id' | 'state'>): Promise<SignerRow> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO approval_signers (id, instance_id, task_id, activity_id, added_by, user_id, position, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)`,
      [id, s.processInstanceId, s.taskId, s.activityId, s.addedBy, s.userId, s.position, s.created],
    );
    return { id, state: 'pending', ...s };
  }

  async signers(where: { taskId?: string; instanceId?: string; activityId?: string }): Promise<SignerRow[]> {
    const conds: string[] = [];
    const params: unknown[] = [];
    if (where.taskId) conds.push(`task_id = $${params.push(where.taskId)}`);
    if (where.instanceId) conds.push(`instance_id = $${params.push(where.instanceId)}`);
    if (where.activityId) conds.push(`activity_id = $${params.push(where.activityId)}`);
    const rows = await this.db.query<Record<string, unknown>>(`SELECT * FROM approval_signers ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY created_at, id`, params);
    return rows.map((r) => ({
      id: String(r.id),
      processInstanceId: String(r.instance_id),
      taskId: String(r.task_id),
      activityId: String(r.activity_id),
      addedBy: String(r.added_by),
      userId: String(r.user_id),
      position: r.position as SignerRow['position'],
      state: r.state as SignerRow['state'],
      created: date(r.created_at as Date | string),
    }));
  }

  async setSignerState(id: string, state: SignerRow['state']): Promise<void> {
    await this.db.query(`UPDATE approval_signers SET state = $2 WHERE id = $1`, [id, state]);
  }

  /** true when the task may be urged now (and records it): at most once per `windowMs` */
  async tryUrge(taskId: string, now: Date, windowMs: number): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO approval_urges (task_id, last_at) VALUES ($1, $2)
       ON CONFLICT (task_id) DO UPDATE SET last_at = EXCLUDED.last_at WHERE approval_urges.last_at <= $3
       RETURNING task_id`,
      [taskId, now, new Date(now.getTime() - windowMs)],
    );
    return rows.length > 0;
  }

  async timeoutState(taskId: string): Promise<{ reminders: number; done: boolean }> {
    const [r] = await this.db.query<{ reminders: number; done: boolean }>(`SELECT reminders, done FROM approval_timeouts WHERE task_id = $1`, [taskId]);
    return r ? { reminders: Number(r.reminders), done: Boolean(r.done) } : { reminders: 0, done: false };
  }

  /** claims the next timeout step of a task (false when another process took it first) */
  async claimTimeout(taskId: string, expectedReminders: number, next: { reminders: number; done: boolean }): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO approval_timeouts (task_id, reminders, done) VALUES ($1, $3, $4)
       ON CONFLICT (task_id) DO UPDATE SET reminders = EXCLUDED.reminders, done = EXCLUDED.done
         WHERE approval_timeouts.reminders = $2 AND NOT approval_timeouts.done
       RETURNING task_id`,
      [taskId, expectedReminders, next.reminders, next.done],
    );
    return rows.length > 0;
  }
}
