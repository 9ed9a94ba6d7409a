import type { FastifyInstance } from 'fastify';
import { LzError, type Engine, type ExternalTaskDetailQuery, type ExternalTaskSortKey } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { badRequest, HttpError, notFound } from '../../../infra/errors.ts';
import { dateParam, listParam, sortingOf } from '../common/management-query.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import { fromCamunda, type VariablesDto } from '../variables.ts';
import { externalTaskFetchRoutes } from './external-task-fetch.routes.ts';
import { toExternalTaskDto } from './external-task.dto.ts';
import {
  BpmnErrorBody,
  CompleteBody,
  ExtendLockBody,
  ExternalTaskCountQueryString,
  ExternalTaskDto,
  ExternalTaskParams,
  ExternalTaskQueryBody,
  ExternalTaskQueryString,
  FailureBody,
  PagingQuery,
  RetriesBody,
  type ExternalTaskFilters,
} from './external-task.schema.ts';

const tags = ['external-task'];
// Workers are programs, not people: they sign in as a service account that has the admin
// role (HTTP Basic or a bearer token). An ordinary user may neither lock nor finish work here.
const config = { auth: 'admin' as const };

const SORT: Record<string, ExternalTaskSortKey> = {
  id: 'id',
  lockExpirationTime: 'lockExpirationTime',
  processInstanceId: 'processInstanceId',
  processDefinitionId: 'processDefinitionId',
  processDefinitionKey: 'processDefinitionKey',
  taskPriority: 'taskPriority',
  createTime: 'createTime',
};

function toQuery(engine: Engine, f: ExternalTaskFilters): ExternalTaskDetailQuery {
  if (listParam(f.tenantIdIn)?.length) throw badRequest('multi-tenancy is not offered: leave out tenantIdIn');
  const now = engine.clock.now();
  return {
    id: f.externalTaskId,
    ids: listParam(f.externalTaskIdIn),
    topicName: f.topicName,
    workerId: f.workerId,
    lockedAt: f.locked ? now : undefined,
    notLockedAt: f.notLocked ? now : undefined,
    lockExpirationAfter: dateParam('lockExpirationAfter', f.lockExpirationAfter),
    lockExpirationBefore: dateParam('lockExpirationBefore', f.lockExpirationBefore),
    withRetriesLeft: f.withRetriesLeft,
    noRetriesLeft: f.noRetriesLeft,
    activityId: f.activityId,
    activityIds: listParam(f.activityIdIn),
    executionId: f.executionId,
    processInstanceId: f.processInstanceId,
    processInstanceIds: listParam(f.processInstanceIdIn),
    processDefinitionId: f.processDefinitionId,
    suspended: f.suspended ? true : f.active ? false : undefined,
    priorityAtLeast: f.priorityHigherThanOrEquals,
    priorityAtMost: f.priorityLowerThanOrEquals,
    sort: sortingOf(f, SORT),
  };
}

/** a worker acting on a task it does not hold (another worker's, an expired and re-taken lock): Camunda's 400 */
async function asWorker(id: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (e instanceof LzError && e.code === 'LZ_ERR_EXTERNAL_TASK_LOCKED') throw new HttpError(400, 'BadUserRequestException', e.message);
    if (e instanceof LzError && e.code === 'LZ_ERR_EXTERNAL_TASK_NOT_FOUND') throw notFound(`External task with id ${id} does not exist`);
    throw e;
  }
}

/** /engine-rest/external-task: fetch and lock (external-task-fetch.routes.ts), query, and what a worker reports back */
export async function externalTaskRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { engine } = deps;
  await app.register(externalTaskFetchRoutes, deps);

  const list = async (f: ExternalTaskFilters, p: { firstResult?: number; maxResults?: number }) =>
    (await engine.queryExternalTasks({ ...toQuery(engine, f), first: p.firstResult ?? 0, max: p.maxResults ?? 10_000 })).map(toExternalTaskDto);
  const count = async (f: ExternalTaskFilters) => ({ count: await engine.countExternalTasks(toQuery(engine, f)) });
  const listResponse = { 200: Type.Array(ExternalTaskDto), 400: ErrorBody };
  const countResponse = { 200: CountDto, 400: ErrorBody };
  const done = { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody };
  const idOf = (req: { params: unknown }) => (req.params as { id: string }).id;

  app.get('/external-task', { config, schema: { tags, querystring: ExternalTaskQueryString, response: listResponse } }, async (req) => {
    const q = req.query as ExternalTaskFilters & { firstResult?: number; maxResults?: number };
    return list(q, q);
  });
  app.post('/external-task', { config, schema: { tags, querystring: PagingQuery, body: Type.Union([ExternalTaskQueryBody, Type.Null()]), response: listResponse } }, async (req) =>
    list((req.body ?? {}) as ExternalTaskFilters, req.query as { firstResult?: number; maxResults?: number }),
  );
  app.get('/external-task/count', { config, schema: { tags, querystring: ExternalTaskCountQueryString, response: countResponse } }, async (req) =>
    count(req.query as ExternalTaskFilters),
  );
  app.post('/external-task/count', { config, schema: { tags, body: Type.Union([ExternalTaskQueryBody, Type.Null()]), response: countResponse } }, async (req) =>
    count((req.body ?? {}) as ExternalTaskFilters),
  );

  app.get('/external-task/:id', { config, schema: { tags, params: ExternalTaskParams, response: { 200: ExternalTaskDto, 404: ErrorBody } } }, async (req) => {
    const task = await engine.getExternalTask(idOf(req));
    if (!task) throw notFound(`External task with id ${idOf(req)} does not exist`);
    return toExternalTaskDto(task);
  });

  app.get(
    '/external-task/:id/errorDetails',
    { config, schema: { tags, params: ExternalTaskParams, response: { 200: Type.String(), 204: Type.Null(), 404: ErrorBody } } },
    async (req, reply) => {
      const details = await engine.getExternalTaskErrorDetails(idOf(req));
      if (details === undefined) throw notFound(`External task with id ${idOf(req)} does not exist`);
      if (details === null) return reply.status(204).send();
      return reply.type('text/plain').send(details);
    },
  );

  app.post('/external-task/:id/complete', { config, schema: { tags, params: ExternalTaskParams, body: CompleteBody, response: done } }, async (req, reply) => {
    const b = req.body as { workerId: string; variables?: VariablesDto | null; localVariables?: VariablesDto | null };
    const variables = fromCamunda(b.variables);
    const local = fromCamunda(b.localVariables);
    await asWorker(idOf(req), () => engine.completeExternalTask(idOf(req), b.workerId, variables, local));
    return reply.status(204).send();
  });

  app.post('/external-task/:id/failure', { config, schema: { tags, params: ExternalTaskParams, body: FailureBody, response: done } }, async (req, reply) => {
    const b = req.body as { workerId: string; errorMessage?: string | null; errorDetails?: string | null; retries?: number; retryTimeout?: number; variables?: VariablesDto | null; localVariables?: VariablesDto | null };
    const variables = fromCamunda(b.variables);
    const localVariables = fromCamunda(b.localVariables);
    await asWorker(idOf(req), () =>
      engine.handleExternalTaskFailure(idOf(req), b.workerId, {
        errorMessage: b.errorMessage ?? null,
        errorDetails: b.errorDetails ?? null,
        retries: b.retries ?? 0,
        retryTimeout: b.retryTimeout ?? 0,
        variables,
        localVariables,
      }),
    );
    return reply.status(204).send();
  });

  app.post('/external-task/:id/bpmnError', { config, schema: { tags, params: ExternalTaskParams, body: BpmnErrorBody, response: done } }, async (req, reply) => {
    const b = req.body as { workerId: string; errorCode: string; errorMessage?: string | null; variables?: VariablesDto | null };
    const variables = fromCamunda(b.variables);
    await asWorker(idOf(req), () => engine.handleExternalTaskBpmnError(idOf(req), b.workerId, b.errorCode, b.errorMessage ?? null, variables));
    return reply.status(204).send();
  });

  app.post('/external-task/:id/extendLock', { config, schema: { tags, params: ExternalTaskParams, body: ExtendLockBody, response: done } }, async (req, reply) => {
    const b = req.body as { workerId: string; newDuration: number };
    await asWorker(idOf(req), () => engine.extendExternalTaskLock(idOf(req), b.workerId, b.newDuration));
    return reply.status(204).send();
  });

  // Camunda's unlock takes no body
  app.post('/external-task/:id/unlock', { config, schema: { tags, params: ExternalTaskParams, response: { 204: Type.Null(), 404: ErrorBody } } }, async (req, reply) => {
    await asWorker(idOf(req), () => engine.unlockExternalTask(idOf(req)));
    return reply.status(204).send();
  });

  app.put('/external-task/:id/retries', { config, schema: { tags, params: ExternalTaskParams, body: RetriesBody, response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody } } }, async (req, reply) => {
    await asWorker(idOf(req), () => engine.setExternalTaskRetries(idOf(req), (req.body as { retries: number }).retries));
    return reply.status(204).send();
  });
}
