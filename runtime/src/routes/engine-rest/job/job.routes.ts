import type { FastifyInstance } from 'fastify';
import type { Engine, JobDetail, JobDetailQuery, JobSortKey } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { badRequest, HttpError, notFound } from '../../../infra/errors.ts';
import { formatCamundaDate } from '../common/dates.ts';
import { dateConditions, dateParam, exclusive, listParam, sortingOf } from '../common/management-query.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import { DuedateBody, JobCountQueryString, JobDto, JobParams, JobQueryBody, JobQueryString, PagingQuery, RetriesBody, type JobDtoType, type JobFilters } from './job.schema.ts';

const tags = ['job'];
// the issue: job and incident administration needs the admin role
const config = { auth: 'admin' as const };

const SORT: Record<string, JobSortKey> = {
  jobId: 'jobId',
  executionId: 'executionId',
  processInstanceId: 'processInstanceId',
  processDefinitionId: 'processDefinitionId',
  processDefinitionKey: 'processDefinitionKey',
  jobRetries: 'jobRetries',
  jobDueDate: 'jobDueDate',
  jobPriority: 'jobPriority',
};

export function toJobDto(j: JobDetail): JobDtoType {
  return {
    id: j.id,
    // there are no job definitions: none to name
    jobDefinitionId: null,
    dueDate: formatCamundaDate(j.dueDate),
    processInstanceId: j.processInstanceId,
    executionId: j.executionId,
    processDefinitionId: j.processDefinitionId,
    processDefinitionKey: j.processDefinitionKey,
    retries: j.retries,
    exceptionMessage: j.exceptionMessage,
    failedActivityId: j.failedActivityId,
    suspended: j.suspended,
    priority: j.priority,
    tenantId: null,
    createTime: formatCamundaDate(j.createTime),
    batchId: null,
  };
}

function toQuery(engine: Engine, f: JobFilters): JobDetailQuery {
  exclusive('timers', f.timers, 'messages', f.messages);
  const tenants = listParam(f.tenantIdIn);
  if (tenants && tenants.length > 0) throw badRequest('multi-tenancy is not offered: leave out tenantIdIn');
  const due = dateConditions('due date', f.dueDates);
  const created = dateConditions('create time', f.createTimes);
  // no job definitions exist: a job definition id matches nothing
  const none = f.jobDefinitionId !== undefined ? ['\u0000'] : undefined;
  return {
    id: f.jobId,
    ids: none ?? listParam(f.jobIds),
    processInstanceId: f.processInstanceId,
    processInstanceIds: listParam(f.processInstanceIds),
    executionId: f.executionId,
    processDefinitionId: f.processDefinitionId,
    processDefinitionKey: f.processDefinitionKey,
    activityId: f.activityId ?? f.failedActivityId,
    withException: f.withException || f.failedActivityId !== undefined ? true : undefined,
    timers: f.timers,
    messages: f.messages,
    withRetriesLeft: f.withRetriesLeft,
    noRetriesLeft: f.noRetriesLeft,
    executableAt: f.executable ? engine.clock.now() : undefined,
    exceptionMessage: f.exceptionMessage,
    suspended: f.suspended ? true : f.active ? false : undefined,
    priorityAtLeast: f.priorityHigherThanOrEquals,
    priorityAtMost: f.priorityLowerThanOrEquals,
    dueAfter: due.after,
    dueBefore: due.before,
    createdAfter: created.after,
    createdBefore: created.before,
    sort: sortingOf(f, SORT),
  };
}

/** /engine-rest/job: Camunda's job query and the operator's actions on one job */
export async function jobRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { engine } = deps;
  const list = async (f: JobFilters, paging: { firstResult?: number; maxResults?: number }) =>
    (await engine.queryJobs({ ...toQuery(engine, f), first: paging.firstResult ?? 0, max: paging.maxResults ?? 10_000 })).map(toJobDto);
  const count = async (f: JobFilters) => ({ count: await engine.countJobs(toQuery(engine, f)) });
  const listResponse = { 200: Type.Array(JobDto), 400: ErrorBody };
  const countResponse = { 200: CountDto, 400: ErrorBody };
  const existing = async (id: string) => {
    const job = await engine.getJob(id);
    if (!job) throw notFound(`Job with id ${id} does not exist`);
    return job;
  };

  app.get('/job', { config, schema: { tags, querystring: JobQueryString, response: listResponse } }, async (req) => {
    const q = req.query as JobFilters & { firstResult?: number; maxResults?: number };
    return list(q, q);
  });

  app.post('/job', { config, schema: { tags, querystring: PagingQuery, body: Type.Union([JobQueryBody, Type.Null()]), response: listResponse } }, async (req) =>
    list((req.body ?? {}) as JobFilters, req.query as { firstResult?: number; maxResults?: number }),
  );

  app.get('/job/count', { config, schema: { tags, querystring: JobCountQueryString, response: countResponse } }, async (req) => count(req.query as JobFilters));

  app.post('/job/count', { config, schema: { tags, body: Type.Union([JobQueryBody, Type.Null()]), response: countResponse } }, async (req) =>
    count((req.body ?? {}) as JobFilters),
  );

  app.get('/job/:id', { config, schema: { tags, params: JobParams, response: { 200: JobDto, 404: ErrorBody } } }, async (req) =>
    toJobDto(await existing((req.params as { id: string }).id)),
  );

  app.get('/job/:id/stacktrace', { config, schema: { tags, params: JobParams, response: { 200: Type.String(), 204: Type.Null(), 404: ErrorBody } } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const stack = await engine.getJobStacktrace(id);
    if (stack === undefined) throw notFound(`No job found with id '${id}'`);
    if (stack === null) return reply.status(204).send();
    return reply.type('text/plain').send(stack);
  });

  // Camunda runs the job in the caller's thread: a job that fails answers 500, and its retries
  // go down (an incident at zero) exactly as when the job executor had run it
  app.post('/job/:id/execute', { config, schema: { tags, params: JobParams, response: { 204: Type.Null(), 404: ErrorBody, 409: ErrorBody, 500: ErrorBody } } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    await existing(id);
    if (!(await engine.executeJob(id))) {
      const failed = await engine.getJob(id);
      throw new HttpError(500, 'ProcessEngineException', failed?.exceptionMessage ?? `job ${id} failed`);
    }
    return reply.status(204).send();
  });

  app.put('/job/:id/retries', { config, schema: { tags, params: JobParams, body: RetriesBody, response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody } } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const body = req.body as { retries: number; dueDate?: string | null };
    const due = dateParam('dueDate', body.dueDate);
    await existing(id);
    await engine.setJobRetries(id, body.retries);
    if (due) await engine.setJobDueDate(id, due);
    return reply.status(204).send();
  });

  app.put('/job/:id/duedate', { config, schema: { tags, params: JobParams, body: DuedateBody, response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody } } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const due = dateParam('duedate', (req.body as { duedate: string | null }).duedate) ?? null;
    await existing(id);
    await engine.setJobDueDate(id, due);
    return reply.status(204).send();
  });
}
