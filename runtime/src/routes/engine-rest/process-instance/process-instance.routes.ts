import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import { badRequest, notFound } from '../../../infra/errors.ts';
import { scopeVariableRoutes } from '../common/scope-variables.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody, ProcessInstanceDto } from '../process-definition/process-definition.schema.ts';
import { instanceOf, toInstanceDto, toInstanceQuery, type InstanceFilters } from './process-instance-query.ts';
import { activityTreeRoutes } from './process-instance-tree.routes.ts';
import { DeleteInstanceQuery, InstanceCountQueryString, InstanceParams, InstanceQueryBody, InstanceQueryString, PagingQuery } from './process-instance.schema.ts';

const tags = ['process-instance'];
const listResponse = { 200: Type.Array(ProcessInstanceDto), 400: ErrorBody };
const countResponse = { 200: CountDto, 400: ErrorBody };

/**
 * /engine-rest/process-instance (Camunda 7 REST): the query (GET and POST, count), one instance,
 * its deletion, its variables, its activity-instance tree and its modification. Queries return
 * what the caller may see; reading one instance someone may not see is 403; deleting,
 * modifying and changing variables is for admins.
 */
export async function processInstanceRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { engine } = deps;
  const list = async (req: FastifyRequest, f: InstanceFilters, paging: { firstResult?: number; maxResults?: number }) => {
    const q = toInstanceQuery(f, principalOf(req));
    const rows = await engine.getProcessInstances({ ...q, first: paging.firstResult, max: paging.maxResults ?? 10_000 });
    return rows.map((i) => toInstanceDto(req, i));
  };
  const count = async (req: FastifyRequest, f: InstanceFilters) => ({ count: await engine.countProcessInstances(toInstanceQuery(f, principalOf(req))) });

  app.get('/process-instance', { schema: { tags, querystring: InstanceQueryString, response: listResponse } }, async (req) => {
    const q = req.query as InstanceFilters & { firstResult?: number; maxResults?: number };
    return list(req, q, q);
  });

  app.post('/process-instance', { schema: { tags, querystring: PagingQuery, body: Type.Union([InstanceQueryBody, Type.Null()]), response: listResponse } }, async (req) =>
    list(req, (req.body ?? {}) as InstanceFilters, req.query as { firstResult?: number; maxResults?: number }),
  );

  app.get('/process-instance/count', { schema: { tags, querystring: InstanceCountQueryString, response: countResponse } }, async (req) =>
    count(req, req.query as InstanceFilters),
  );

  app.post('/process-instance/count', { schema: { tags, body: Type.Union([InstanceQueryBody, Type.Null()]), response: countResponse } }, async (req) =>
    count(req, (req.body ?? {}) as InstanceFilters),
  );

  app.get('/process-instance/:id', { schema: { tags, params: InstanceParams, response: { 200: ProcessInstanceDto, 403: ErrorBody, 404: ErrorBody } } }, async (req) =>
    toInstanceDto(req, await instanceOf(engine, req)),
  );

  app.delete(
    '/process-instance/:id',
    { config: { auth: 'admin' }, schema: { tags, params: InstanceParams, querystring: DeleteInstanceQuery, response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody } } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const q = req.query as { skipSubprocesses?: boolean; failIfNotExists?: boolean };
      // the called instances always go with their caller here
      if (q.skipSubprocesses) throw badRequest('skipSubprocesses is not offered: the instances a process instance called are deleted with it');
      if (!(await engine.getProcessInstance(id))) {
        if (q.failIfNotExists === false) return reply.status(204).send();
        throw notFound(`Process instance with id ${id} does not exist`);
      }
      await engine.deleteProcessInstance(id, 'deleted via REST');
      return reply.status(204).send();
    },
  );

  await scopeVariableRoutes(app, engine, {
    base: '/process-instance/:id/variables',
    tags,
    what: 'process instance variable',
    writeAuth: 'admin',
    scope: async (req) => {
      const inst = await instanceOf(engine, req);
      return { instanceId: inst.id, scopeId: inst.id };
    },
  });

  await activityTreeRoutes(app, deps);
}
