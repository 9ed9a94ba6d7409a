import type { FastifyRequest } from 'fastify';
import type { Engine, InstanceInfo, InstanceQuery, InstanceSortKey } from '@liuzhuan/engine';
import { principalOf } from '../../../infra/auth.ts';
import { badRequest, forbidden, notFound } from '../../../infra/errors.ts';
import type { Principal } from '../../../services/identity/identity.service.ts';
import { selfLink } from '../common/links.ts';
import { listParam, sortingOf } from '../common/management-query.ts';
import { variableFilters } from '../common/variable-conditions.ts';
import type { InstanceQueryBodyDto, InstanceQueryStringDto } from './process-instance.schema.ts';

/** a query string or a body: lists come comma-separated or as arrays */
export type InstanceFilters = InstanceQueryStringDto | InstanceQueryBodyDto;

const SORT_KEYS: Partial<Record<string, InstanceSortKey>> = { instanceId: 'instanceId', definitionKey: 'definitionKey', definitionId: 'definitionId', businessKey: 'businessKey' };

/** who the caller may see: admins everything, others what they started or took part in */
export function visibleTo(p: Principal): InstanceQuery['visibleTo'] {
  return p.isAdmin ? undefined : { userId: p.id, groups: p.groups };
}

/**
 * Camunda's process-instance query parameters → the engine's InstanceQuery, limited to what
 * the caller may see. There are no tenants and no case instances here: a filter on them
 * matches nothing.
 */
export function toInstanceQuery(f: InstanceFilters, p: Principal): InstanceQuery {
  const body = f as InstanceQueryBodyDto;
  if (body.orQueries && body.orQueries.length > 0) throw badRequest('orQueries are not offered: send one query per call');
  const tenants = listParam(f.tenantIdIn);
  const impossible = (f.caseInstanceId ?? f.superCaseInstance ?? f.subCaseInstance) !== undefined || (tenants !== undefined && tenants.length > 0);
  return {
    processInstanceIds: impossible ? [] : listParam(f.processInstanceIds),
    businessKey: f.businessKey,
    businessKeyLike: f.businessKeyLike,
    processDefinitionId: f.processDefinitionId,
    processDefinitionKey: f.processDefinitionKey,
    processDefinitionKeys: listParam(f.processDefinitionKeyIn),
    processDefinitionKeyNotIn: listParam(f.processDefinitionKeyNotIn),
    deploymentId: f.deploymentId,
    superProcessInstanceId: f.superProcessInstance,
    subProcessInstanceId: f.subProcessInstance,
    active: f.active,
    suspended: f.suspended,
    withIncident: f.withIncident,
    incidentId: f.incidentId,
    incidentType: f.incidentType,
    incidentMessage: f.incidentMessage,
    incidentMessageLike: f.incidentMessageLike,
    activityIds: listParam(f.activityIdIn),
    rootOnly: f.rootProcessInstances,
    leafOnly: f.leafProcessInstances,
    variables: variableFilters('variables', f.variables),
    variableNamesIgnoreCase: f.variableNamesIgnoreCase,
    variableValuesIgnoreCase: f.variableValuesIgnoreCase,
    sort: sortingOf({ sortBy: (f as InstanceQueryStringDto).sortBy, sortOrder: (f as InstanceQueryStringDto).sortOrder, sorting: body.sorting ?? undefined }, SORT_KEYS),
    visibleTo: visibleTo(p),
  };
}

/** Camunda's ProcessInstanceDto of a running instance */
export function toInstanceDto(req: FastifyRequest, i: InstanceInfo) {
  return {
    links: selfLink(req, `/process-instance/${i.id}`),
    id: i.id,
    definitionId: i.definitionId,
    businessKey: i.businessKey,
    caseInstanceId: null,
    ended: false,
    suspended: i.suspended,
    tenantId: null,
  };
}

/** the running instance a /process-instance/{id}… request names: 404 unknown, 403 not visible */
export async function instanceOf(engine: Engine, req: FastifyRequest): Promise<InstanceInfo> {
  const id = (req.params as { id: string }).id;
  const inst = await engine.getProcessInstance(id);
  if (!inst) throw notFound(`Process instance with id ${id} does not exist`);
  const p = principalOf(req);
  if (!p.isAdmin && (await engine.countProcessInstances({ processInstanceIds: [id], visibleTo: visibleTo(p) })) === 0) {
    throw forbidden(`you may not see process instance ${id}`);
  }
  return inst;
}
