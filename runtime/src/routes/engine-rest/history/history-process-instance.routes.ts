import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HistoricInstance, HistoricInstanceQuery, HistoricInstanceSortKey } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { badRequest, forbidden, notFound } from '../../../infra/errors.ts';
import { formatCamundaDate } from '../common/dates.ts';
import { listParam } from '../common/management-query.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import { date, either, sortOf, viewerOf, type SortParams } from './history-common.ts';
import { ByIdParams, HistoricProcessInstanceDto, PagingQuery, ProcessInstanceQuery, ProcessInstanceQueryBody, PROCESS_INSTANCE_STATES } from './history.schema.ts';

const tags = ['history'];
type State = (typeof PROCESS_INSTANCE_STATES)[number];

interface Filters extends SortParams {
  processInstanceId?: string;
  processInstanceIds?: string[];
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  processDefinitionKeyNotIn?: string[];
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyLike?: string;
  superProcessInstanceId?: string;
  finished?: boolean;
  unfinished?: boolean;
  startedBy?: string;
  startedBefore?: string;
  startedAfter?: string;
  finishedBefore?: string;
  finishedAfter?: string;
  state?: State;
  active?: boolean;
  suspended?: boolean;
  completed?: boolean;
  externallyTerminated?: boolean;
  internallyTerminated?: boolean;
}

const SORT: Record<string, HistoricInstanceSortKey> = {
  instanceId: 'instanceId',
  definitionId: 'definitionId',
  definitionKey: 'definitionKey',
  definitionName: 'definitionName',
  definitionVersion: 'definitionVersion',
  businessKey: 'businessKey',
  startTime: 'startTime',
  endTime: 'endTime',
  duration: 'duration',
};

const STATE_FLAGS: [keyof Filters, State][] = [
  ['active', 'ACTIVE'],
  ['suspended', 'SUSPENDED'],
  ['completed', 'COMPLETED'],
  ['externallyTerminated', 'EXTERNALLY_TERMINATED'],
  ['internallyTerminated', 'INTERNALLY_TERMINATED'],
];

/** state, or one of the flags active, suspended, completed, … — never two different states */
function stateOf(f: Filters): State | undefined {
  const asked = new Set<State>(f.state ? [f.state] : []);
  for (const [flag, state] of STATE_FLAGS) if (f[flag] === true) asked.add(state);
  if (asked.size > 1) throw badRequest(`an instance is in one state at a time, not ${[...asked].join(' and ')}`);
  return [...asked][0];
}

function toQuery(req: FastifyRequest, f: Filters): HistoricInstanceQuery {
  return {
    processInstanceId: f.processInstanceId,
    processInstanceIds: f.processInstanceIds,
    processDefinitionId: f.processDefinitionId,
    processDefinitionKey: f.processDefinitionKey,
    processDefinitionKeys: f.processDefinitionKeyIn,
    processDefinitionKeyNotIn: f.processDefinitionKeyNotIn,
    businessKey: f.processInstanceBusinessKey,
    businessKeyLike: f.processInstanceBusinessKeyLike,
    superProcessInstanceId: f.superProcessInstanceId,
    finished: either('finished', f.finished, f.unfinished, 'unfinished'),
    startedBy: f.startedBy,
    startedBefore: date('startedBefore', f.startedBefore),
    startedAfter: date('startedAfter', f.startedAfter),
    finishedBefore: date('finishedBefore', f.finishedBefore),
    finishedAfter: date('finishedAfter', f.finishedAfter),
    state: stateOf(f),
    sort: sortOf(f, SORT),
    visibleTo: viewerOf(req),
  };
}

/** GET's comma-separated lists as arrays */
function fromQueryString(q: Record<string, unknown>): Filters {
  const out = { ...q } as Record<string, unknown>;
  for (const k of ['processInstanceIds', 'processDefinitionKeyIn', 'processDefinitionKeyNotIn']) if (typeof q[k] === 'string') out[k] = listParam(q[k]);
  return out as Filters;
}

export function toHistoricInstanceDto(h: HistoricInstance) {
  return {
    id: h.id,
    businessKey: h.businessKey,
    processDefinitionId: h.definitionId,
    processDefinitionKey: h.definitionKey,
    processDefinitionName: h.definitionName,
    processDefinitionVersion: h.definitionVersion,
    startTime: formatCamundaDate(h.startTime)!,
    endTime: formatCamundaDate(h.endTime),
    removalTime: null,
    durationInMillis: h.durationInMillis,
    startUserId: h.startUserId,
    startActivityId: h.startActivityId,
    deleteReason: h.deleteReason,
    rootProcessInstanceId: h.rootProcessInstanceId,
    superProcessInstanceId: h.superProcessInstanceId,
    superCaseInstanceId: null,
    caseInstanceId: null,
    tenantId: null,
    state: h.state as State,
    restartedProcessInstanceId: null,
  };
}

/** /history/process-instance: GET and POST queries, counts, one instance */
export async function historicProcessInstanceRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  const list = async (req: FastifyRequest, f: Filters, paging: { firstResult?: number; maxResults?: number }) =>
    (await engine.getHistoricInstances({ ...toQuery(req, f), first: paging.firstResult, max: paging.maxResults ?? 10_000 })).map(toHistoricInstanceDto);
  const listResponse = { 200: Type.Array(HistoricProcessInstanceDto), 400: ErrorBody };
  const countResponse = { 200: CountDto, 400: ErrorBody };

  app.get('/history/process-instance', { schema: { tags, querystring: ProcessInstanceQuery.list, response: listResponse } }, async (req) => {
    const q = req.query as Record<string, unknown> & { firstResult?: number; maxResults?: number };
    return list(req, fromQueryString(q), q);
  });
  app.get('/history/process-instance/count', { schema: { tags, querystring: ProcessInstanceQuery.count, response: countResponse } }, async (req) => ({
    count: await engine.countHistoricInstances(toQuery(req, fromQueryString(req.query as Record<string, unknown>))),
  }));
  app.post(
    '/history/process-instance',
    { schema: { tags, querystring: PagingQuery, body: Type.Union([ProcessInstanceQueryBody, Type.Null()]), response: listResponse } },
    async (req) => list(req, (req.body ?? {}) as Filters, req.query as { firstResult?: number; maxResults?: number }),
  );
  app.post('/history/process-instance/count', { schema: { tags, body: Type.Union([ProcessInstanceQueryBody, Type.Null()]), response: countResponse } }, async (req) => ({
    count: await engine.countHistoricInstances(toQuery(req, (req.body ?? {}) as Filters)),
  }));

  app.get('/history/process-instance/:id', { schema: { tags, params: ByIdParams, response: { 200: HistoricProcessInstanceDto, 403: ErrorBody, 404: ErrorBody } } }, async (req) => {
    const { id } = req.params as { id: string };
    const [h] = await engine.getHistoricInstances({ processInstanceId: id });
    if (!h) throw notFound(`Historic process instance with id ${id} does not exist`);
    const viewer = viewerOf(req);
    if (viewer && (await engine.countHistoricInstances({ processInstanceId: id, visibleTo: viewer })) === 0) {
      throw forbidden(`you neither started process instance ${id} nor took part in it`);
    }
    return toHistoricInstanceDto(h);
  });
}
