import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine, ExecutionDetail, ExecutionQuery, ExecutionSortKey } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import { forbidden, notFound } from '../../../infra/errors.ts';
import { formatCamundaDate } from '../common/dates.ts';
import { listParam, sortingOf } from '../common/management-query.ts';
import { scopeVariableRoutes } from '../common/scope-variables.ts';
import { variableFilters } from '../common/variable-conditions.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import { visibleTo } from '../process-instance/process-instance-query.ts';
import { PagingQuery } from '../process-instance/process-instance.schema.ts';
import { fromCamunda, type VariablesDto } from '../variables.ts';
import {
  EventSubscriptionDto,
  ExecutionCountQueryString,
  ExecutionDto,
  ExecutionParams,
  ExecutionQueryBody,
  ExecutionQueryString,
  SubscriptionParams,
  TriggerBody,
  type ExecutionQueryBodyDto,
  type ExecutionQueryStringDto,
} from './execution.schema.ts';

const tags = ['execution'];
type Filters = ExecutionQueryStringDto | ExecutionQueryBodyDto;
const SORT_KEYS: Partial<Record<string, ExecutionSortKey>> = { instanceId: 'instanceId', definitionKey: 'definitionKey', definitionId: 'definitionId' };

function toQuery(f: Filters, req: FastifyRequest): ExecutionQuery {
  const body = f as ExecutionQueryBodyDto;
  const tenants = listParam(f.tenantIdIn);
  return {
    // there are no tenants here: a tenant filter matches nothing
    executionId: tenants && tenants.length > 0 ? '' : undefined,
    businessKey: f.businessKey,
    processDefinitionId: f.processDefinitionId,
    processDefinitionKey: f.processDefinitionKey,
    processInstanceId: f.processInstanceId,
    activityId: f.activityId,
    signalEventSubscriptionName: f.signalEventSubscriptionName,
    messageEventSubscriptionName: f.messageEventSubscriptionName,
    active: f.active,
    suspended: f.suspended,
    incidentId: f.incidentId,
    incidentType: f.incidentType,
    incidentMessage: f.incidentMessage,
    incidentMessageLike: f.incidentMessageLike,
    variables: variableFilters('variables', f.variables),
    processVariables: variableFilters('processVariables', f.processVariables),
    variableNamesIgnoreCase: f.variableNamesIgnoreCase,
    variableValuesIgnoreCase: f.variableValuesIgnoreCase,
    sort: sortingOf({ sortBy: (f as ExecutionQueryStringDto).sortBy, sortOrder: (f as ExecutionQueryStringDto).sortOrder, sorting: body.sorting ?? undefined }, SORT_KEYS),
    visibleTo: visibleTo(principalOf(req)),
  };
}

const toDto = (e: ExecutionDetail) => ({ id: e.id, processInstanceId: e.processInstanceId, ended: false, tenantId: null });

/** the execution a /execution/{id}… request names: 404 unknown, 403 when its instance is not the caller's to see */
async function executionOf(engine: Engine, req: FastifyRequest): Promise<ExecutionDetail> {
  const { id } = req.params as { id: string };
  const e = await engine.getExecution(id);
  if (!e) throw notFound(`Execution with id ${id} does not exist`);
  const p = principalOf(req);
  if (!p.isAdmin && (await engine.countExecutions({ executionId: id, visibleTo: visibleTo(p) })) === 0) throw forbidden(`you may not see execution ${id}`);
  return e;
}

/**
 * /engine-rest/execution (Camunda 7 REST): the query, one execution, signalling a waiting
 * one, its message subscriptions and its local variables. Signalling and triggering are open
 * to any signed-in user (that is how people and systems report events); reading follows
 * instance visibility; changing variables is for admins.
 */
export async function executionRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  const list = async (req: FastifyRequest, f: Filters, paging: { firstResult?: number; maxResults?: number }) =>
    (await engine.queryExecutions({ ...toQuery(f, req), first: paging.firstResult, max: paging.maxResults ?? 10_000 })).map(toDto);
  const count = async (req: FastifyRequest, f: Filters) => ({ count: await engine.countExecutions(toQuery(f, req)) });
  const listResponse = { 200: Type.Array(ExecutionDto), 400: ErrorBody };
  const countResponse = { 200: CountDto, 400: ErrorBody };

  app.get('/execution', { schema: { tags, querystring: ExecutionQueryString, response: listResponse } }, async (req) => {
    const q = req.query as ExecutionQueryStringDto;
    return list(req, q, q);
  });
  app.post('/execution', { schema: { tags, querystring: PagingQuery, body: Type.Union([ExecutionQueryBody, Type.Null()]), response: listResponse } }, async (req) =>
    list(req, (req.body ?? {}) as Filters, req.query as { firstResult?: number; maxResults?: number }),
  );
  app.get('/execution/count', { schema: { tags, querystring: ExecutionCountQueryString, response: countResponse } }, async (req) => count(req, req.query as Filters));
  app.post('/execution/count', { schema: { tags, body: Type.Union([ExecutionQueryBody, Type.Null()]), response: countResponse } }, async (req) =>
    count(req, (req.body ?? {}) as Filters),
  );

  app.get('/execution/:id', { schema: { tags, params: ExecutionParams, response: { 200: ExecutionDto, 403: ErrorBody, 404: ErrorBody } } }, async (req) =>
    toDto(await executionOf(engine, req)),
  );

  app.post(
    '/execution/:id/signal',
    { schema: { tags, params: ExecutionParams, body: Type.Union([TriggerBody, Type.Null()]), response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody } } },
    async (req, reply) => {
      const variables = fromCamunda((req.body as { variables?: VariablesDto | null } | null)?.variables);
      await engine.trigger((req.params as { id: string }).id, variables);
      return reply.status(204).send();
    },
  );

  const subscriptionOf = async (executionId: string, messageName: string) => {
    const e = await engine.getExecution(executionId);
    if (!e) throw notFound(`Execution with id ${executionId} does not exist`);
    const sub = (await engine.getEventSubscriptions({ processInstanceId: e.processInstanceId, eventType: 'message', eventName: messageName })).find((s) => s.executionId === executionId);
    if (!sub) throw notFound(`Execution ${executionId} has no message subscription for the message '${messageName}'`);
    return sub;
  };

  app.get(
    '/execution/:id/messageSubscriptions/:messageName',
    { schema: { tags, params: SubscriptionParams, response: { 200: EventSubscriptionDto, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const e = await executionOf(engine, req);
      const s = await subscriptionOf(e.id, (req.params as { messageName: string }).messageName);
      return {
        id: s.id,
        eventType: s.eventType,
        eventName: s.eventName,
        executionId: s.executionId,
        processInstanceId: s.processInstanceId,
        activityId: s.activityId,
        createdDate: formatCamundaDate(s.created)!,
        tenantId: null,
      };
    },
  );

  app.post(
    '/execution/:id/messageSubscriptions/:messageName/trigger',
    { schema: { tags, params: SubscriptionParams, body: Type.Union([TriggerBody, Type.Null()]), response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody } } },
    async (req, reply) => {
      const { id, messageName } = req.params as { id: string; messageName: string };
      const variables = fromCamunda((req.body as { variables?: VariablesDto | null } | null)?.variables);
      await subscriptionOf(id, messageName);
      await engine.correlateMessage(messageName, { executionId: id, variables, waitingOnly: true });
      return reply.status(204).send();
    },
  );

  await scopeVariableRoutes(app, engine, {
    base: '/execution/:id/localVariables',
    tags,
    what: 'execution variable',
    writeAuth: 'admin',
    scope: async (req) => {
      const e = await executionOf(engine, req);
      return { instanceId: e.processInstanceId, scopeId: e.id };
    },
  });
}
