import { newId } from '../context/ids.ts';
import type { EngineServices } from '../context/services.ts';
import { LzError } from '../errors.ts';

export interface CommentInfo {
  id: string;
  taskId: string | null;
  processInstanceId: string | null;
  userId: string | null;
  time: Date;
  message: string;
}

const MAX_COMMENT = 20_000;

/** a comment on a task (kept after the task is done, like Camunda's task comments) */
export async function addComment(services: EngineServices, taskId: string, userId: string | null, message: string): Promise<CommentInfo> {
  if (typeof message !== 'string' || message.trim() === '') throw new LzError('LZ_ERR_BAD_REQUEST', 'a comment needs a message');
  if (message.length > MAX_COMMENT) throw new LzError('LZ_ERR_BAD_REQUEST', `a comment is at most ${MAX_COMMENT} characters`);
  if (message.includes('\u0000')) throw new LzError('LZ_ERR_BAD_REQUEST', 'a comment must not contain NUL characters');
  const [task] = await services.db.query<{ instance_id: string }>(`SELECT instance_id FROM tasks WHERE id = $1`, [taskId]);
  const [hist] = task ? [] : await services.db.query<{ instance_id: string }>(`SELECT instance_id FROM hist_tasks WHERE id = $1`, [taskId]);
  const instanceId = task?.instance_id ?? hist?.instance_id;
  if (!instanceId) throw new LzError('LZ_ERR_TASK_NOT_FOUND', taskId);
  const c: CommentInfo = { id: newId(), taskId, processInstanceId: instanceId, userId, time: services.clock.now(), message };
  await services.db.query(`INSERT INTO comments (id, task_id, instance_id, user_id, time, message) VALUES ($1, $2, $3, $4, $5, $6)`, [
    c.id,
    c.taskId,
    c.processInstanceId,
    c.userId,
    c.time,
    c.message,
  ]);
  return c;
}

export async function listComments(services: EngineServices, q: { taskId?: string; processInstanceId?: string }): Promise<CommentInfo[]> {
  const rows = await services.db.query<Record<string, unknown>>(
    `SELECT * FROM comments WHERE ($1::text IS NULL OR task_id = $1) AND ($2::text IS NULL OR instance_id = $2) ORDER BY time, id`,
    [q.taskId ?? null, q.processInstanceId ?? null],
  );
  return rows.map((r) => ({
    id: r.id as string,
    taskId: r.task_id as string | null,
    processInstanceId: r.instance_id as string | null,
    userId: r.user_id as string | null,
    time: r.time as Date,
    message: r.message as string,
  }));
}
