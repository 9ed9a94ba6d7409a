import type { FastifyInstance } from 'fastify';
import type { IncidentDetail, IncidentDetailQuery, IncidentSortKey } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { badRequest, notFound } from '../../../infra/errors.ts';
import { formatCamundaDate } from '../common/dates.ts';
import { dateParam, listParam, sortingOf } from '../common/management-query.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import { IncidentCountQueryString, IncidentDto, IncidentParams, IncidentQueryString, type IncidentDtoType, type IncidentFilters } from './incident.schema.ts';

const tags = ['incident'];
// the issue: job and incident administration needs the admin role
const config = { auth: 'admin' as const };

const SORT: Record<string, IncidentSortKey> = {
  incidentId: 'incidentId',
  incidentMessage: 'incidentMessage',
  incidentTimestamp: 'incidentTimestamp',
  incidentType: 'incidentType',
  executionId: 'executionId',
  activityId: 'activityId',
  processInstanceId: 'processInstanceId',
  processDefinitionId: 'processDefinitionId',
  causeIncidentId: 'causeIncidentId',
  rootCauseIncidentId: 'rootCauseIncidentId',
  configuration: 'configuration',
};

export function toIncidentDto(i: IncidentDetail): IncidentDtoType {
  return {
    id: i.id,
    processDefinitionId: i.processDefinitionId,
    processInstanceId: i.processInstanceId,
    executionId: i.executionId,
    incidentTimestamp: formatCamundaDate(i.incidentTimestamp)!,
    incidentType: i.incidentType,
    activityId: i.activityId,
    failedActivityId: i.activityId,
    // incidents are not chained across called instances: each is its own cause
    causeIncidentId: i.id,
    rootCauseIncidentId: i.id,
    configuration: i.configuration,
    tenantId: null,
    incidentMessage: i.incidentMessage,
    jobDefinitionId: null,
    annotation: null,
  };
}

function toQuery(f: IncidentFilters): IncidentDetailQuery {
  if (listParam(f.tenantIdIn)?.length) throw badRequest('multi-tenancy is not offered: leave out tenantIdIn');
  // there are no job definitions: asking for some matches nothing
  const noDefinition = listParam(f.jobDefinitionIdIn)?.length ? '\u0000' : undefined;
  return {
    id: noDefinition ?? f.incidentId,
    incidentType: f.incidentType,
    incidentMessage: f.incidentMessage,
    incidentMessageLike: f.incidentMessageLike,
    processDefinitionId: f.processDefinitionId,
    processDefinitionKeys: listParam(f.processDefinitionKeyIn),
    processInstanceId: f.processInstanceId,
    executionId: f.executionId,
    activityId: f.activityId ?? f.failedActivityId,
    causeIncidentId: f.causeIncidentId,
    rootCauseIncidentId: f.rootCauseIncidentId,
    configuration: f.configuration,
    incidentTimestampBefore: dateParam('incidentTimestampBefore', f.incidentTimestampBefore),
    incidentTimestampAfter: dateParam('incidentTimestampAfter', f.incidentTimestampAfter),
    sort: sortingOf(f, SORT),
  };
}

/** /engine-rest/incident: the open incidents (failed jobs and external tasks without retries) */
export async function incidentRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { engine } = deps;

  app.get('/incident', { config, schema: { tags, querystring: IncidentQueryString, response: { 200: Type.Array(IncidentDto), 400: ErrorBody } } }, async (req) => {
    const q = req.query as IncidentFilters & { firstResult?: number; maxResults?: number };
    return (await engine.queryIncidents({ ...toQuery(q), first: q.firstResult ?? 0, max: q.maxResults ?? 10_000 })).map(toIncidentDto);
  });

  app.get('/incident/count', { config, schema: { tags, querystring: IncidentCountQueryString, response: { 200: CountDto, 400: ErrorBody } } }, async (req) => ({
    count: await engine.countIncidents(toQuery(req.query as IncidentFilters)),
  }));

  app.get('/incident/:id', { config, schema: { tags, params: IncidentParams, response: { 200: IncidentDto, 404: ErrorBody } } }, async (req) => {
    const { id } = req.params as { id: string };
    const incident = await engine.getIncident(id);
    if (!incident) throw notFound(`Incident with id ${id} does not exist`);
    return toIncidentDto(incident);
  });

  // Camunda resolves only custom incidents this way; a failed job or external task is fixed
  // by giving it retries again (PUT /job/{id}/retries, PUT /external-task/{id}/retries)
  app.delete('/incident/:id', { config, schema: { tags, params: IncidentParams, response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody } } }, async (req) => {
    const { id } = req.params as { id: string };
    const incident = await engine.getIncident(id);
    if (!incident) throw notFound(`Cannot find an incident with id '${id}'`);
    throw badRequest(`Cannot resolve an incident of type ${incident.incidentType}`);
  });
}
