import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import { toTaskDto, toTaskDtos } from './task.dto.ts';
import { fromQueryString, toEngineQuery } from './task-query.ts';
import { taskOf } from './task-access.ts';
import { PagingQuery, TaskCountQueryString, TaskDto, TaskParams, TaskQueryBody, TaskQueryString, type TaskFilters } from './task.schema.ts';

const tags = ['task'];
const listResponse = { 200: Type.Array(TaskDto), 400: ErrorBody };
const countResponse = { 200: CountDto, 400: ErrorBody };

/** GET/POST /task and /task/count (Camunda's task query), GET /task/{id} */
export async function taskQueryRoutes(app: FastifyInstance, { engine, identity }: RouteDeps): Promise<void> {
  const list = async (req: FastifyRequest, f: TaskFilters, paging: { firstResult?: number; maxResults?: number }) => {
    const q = await toEngineQuery(f, principalOf(req), identity);
    return toTaskDtos(engine, await engine.getTasks({ ...q, first: paging.firstResult, max: paging.maxResults ?? 10_000 }));
  };
  const count = async (req: FastifyRequest, f: TaskFilters) => ({ count: await engine.countTasks(await toEngineQuery(f, principalOf(req), identity)) });

  app.get('/task', { schema: { tags, querystring: TaskQueryString, response: listResponse } }, async (req) => {
    const q = req.query as TaskFilters & { firstResult?: number; maxResults?: number };
    return list(req, fromQueryString(q), q);
  });

  app.post('/task', { schema: { tags, querystring: PagingQuery, body: Type.Union([TaskQueryBody, Type.Null()]), response: listResponse } }, async (req) =>
    list(req, (req.body ?? {}) as TaskFilters, req.query as { firstResult?: number; maxResults?: number }),
  );

  app.get('/task/count', { schema: { tags, querystring: TaskCountQueryString, response: countResponse } }, async (req) =>
    count(req, fromQueryString(req.query as Record<string, unknown>)),
  );

  app.post('/task/count', { schema: { tags, body: Type.Union([TaskQueryBody, Type.Null()]), response: countResponse } }, async (req) =>
    count(req, (req.body ?? {}) as TaskFilters),
  );

  app.get('/task/:id', { schema: { tags, params: TaskParams, response: { 200: TaskDto, 403: ErrorBody, 404: ErrorBody } } }, async (req) =>
    toTaskDto(engine, taskOf(req)),
  );
}
