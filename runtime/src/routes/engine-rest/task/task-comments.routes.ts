import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CommentInfo, Engine } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import { badRequest, notFound } from '../../../infra/errors.ts';
import { formatCamundaDate } from '../common/dates.ts';
import { selfLink } from '../common/links.ts';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody } from '../process-definition/process-definition.schema.ts';
import { taskRefOf } from './task-access.ts';
import { CommentBody, CommentDto, TaskCommentParams, TaskParams } from './task.schema.ts';

const tags = ['task'];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function toDto(c: CommentInfo, roots: Map<string, string>) {
  return {
    id: c.id,
    userId: c.userId,
    taskId: c.taskId,
    processInstanceId: c.processInstanceId,
    time: formatCamundaDate(c.time)!,
    message: c.message,
    removalTime: null,
    rootProcessInstanceId: c.processInstanceId ? (roots.get(c.processInstanceId) ?? c.processInstanceId) : null,
  };
}

/** the root instance of each comment's instance (a called instance's comments name its caller's root) */
async function rootsOf(engine: Engine, comments: readonly CommentInfo[]): Promise<Map<string, string>> {
  const ids = [...new Set(comments.map((c) => c.processInstanceId).filter((x): x is string => !!x))];
  if (ids.length === 0) return new Map();
  const hist = await engine.getHistoricInstances({ processInstanceIds: ids, max: ids.length });
  return new Map(hist.map((h) => [h.id, h.rootProcessInstanceId]));
}

/** the id of the task (open, or finished and in history) the request names */
const taskIdOf = (req: FastifyRequest): string => {
  const ref = taskRefOf(req);
  return (ref.task?.id ?? ref.historic?.id)!;
};

/** GET /task/{id}/comment, GET /task/{id}/comment/{commentId}, POST /task/{id}/comment/create */
export async function taskCommentRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  app.get('/task/:id/comment', { schema: { tags, params: TaskParams, response: { 200: Type.Array(CommentDto), ...errors } } }, async (req) => {
    const comments = await engine.getComments({ taskId: taskIdOf(req) });
    const roots = await rootsOf(engine, comments);
    return comments.map((c) => toDto(c, roots));
  });

  app.get('/task/:id/comment/:commentId', { schema: { tags, params: TaskCommentParams, response: { 200: CommentDto, ...errors } } }, async (req) => {
    const { commentId } = req.params as { commentId: string };
    const c = (await engine.getComments({ taskId: taskIdOf(req) })).find((x) => x.id === commentId);
    if (!c) throw notFound(`No comment found for task id ${taskIdOf(req)} and comment id ${commentId}`);
    return toDto(c, await rootsOf(engine, [c]));
  });

  app.post('/task/:id/comment/create', { schema: { tags, params: TaskParams, body: Type.Union([CommentBody, Type.Null()]), response: { 200: CommentDto, ...errors } } }, async (req) => {
    const body = (req.body ?? {}) as { message?: string; processInstanceId?: string | null };
    if (typeof body.message !== 'string' || body.message.trim() === '') throw badRequest('a comment needs a message');
    const ref = taskRefOf(req);
    const instanceId = ref.task?.processInstanceId ?? ref.historic?.processInstanceId;
    if (body.processInstanceId && body.processInstanceId !== instanceId) {
      throw badRequest(`task ${taskIdOf(req)} belongs to process instance ${instanceId}, not ${body.processInstanceId}`);
    }
    const c = await engine.addComment(taskIdOf(req), principalOf(req).id, body.message);
    return { ...toDto(c, await rootsOf(engine, [c])), links: selfLink(req, `/task/${c.taskId}/comment/${c.id}`) };
  });
}
