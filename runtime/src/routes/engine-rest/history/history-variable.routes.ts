import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {
  HistoricVariableInstance,
  HistoricVariableInstanceQuery,
  HistoricVariableInstanceSortKey,
  HistoricVariableUpdate,
  HistoricVariableUpdateQuery,
  HistoricVariableUpdateSortKey,
} from '@liuzhuan/engine';
import { Type } from 'typebox';
import { forbidden, notFound } from '../../../infra/errors.ts';
import { formatCamundaDate } from '../common/dates.ts';
import { listParam } from '../common/management-query.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import { toCamundaValue } from '../variables.ts';
import { date, sortOf, viewerOf, type SortParams } from './history-common.ts';
import { ByIdParams, DeserializeQuery, DetailQuery, HistoricDetailDto, HistoricVariableInstanceDto, VariableInstanceQuery } from './history.schema.ts';

const tags = ['history'];
type Paging = { firstResult?: number; maxResults?: number };

// ---- variable instances

type VariableFilters = SortParams &
  Paging & {
    variableName?: string;
    variableNameLike?: string;
    variableNameIn?: string;
    variableTypeIn?: string;
    processInstanceId?: string;
    processInstanceIdIn?: string;
    processDefinitionId?: string;
    processDefinitionKey?: string;
    executionIdIn?: string;
    activityInstanceIdIn?: string;
    includeDeleted?: boolean;
  };

const VARIABLE_SORT: Record<string, HistoricVariableInstanceSortKey> = { instanceId: 'instanceId', variableName: 'variableName' };

function variableQuery(req: FastifyRequest, f: VariableFilters): HistoricVariableInstanceQuery {
  const scopes = [...(listParam(f.executionIdIn) ?? []), ...(listParam(f.activityInstanceIdIn) ?? [])];
  return {
    name: f.variableName,
    nameLike: f.variableNameLike,
    names: listParam(f.variableNameIn),
    types: listParam(f.variableTypeIn),
    processInstanceId: f.processInstanceId,
    processInstanceIds: listParam(f.processInstanceIdIn),
    processDefinitionId: f.processDefinitionId,
    processDefinitionKey: f.processDefinitionKey,
    scopeIds: f.executionIdIn !== undefined || f.activityInstanceIdIn !== undefined ? scopes : undefined,
    // Camunda leaves removed variables out unless includeDeleted
    excludeDeleted: f.includeDeleted !== true,
    sort: sortOf(f, VARIABLE_SORT),
    visibleTo: viewerOf(req),
  };
}

function variableDto(v: HistoricVariableInstance) {
  const typed = toCamundaValue(v.type, v.value);
  return {
    id: v.id,
    name: v.name,
    type: typed.type,
    value: typed.value,
    valueInfo: typed.valueInfo,
    processDefinitionKey: v.processDefinitionKey,
    processDefinitionId: v.processDefinitionId,
    processInstanceId: v.processInstanceId,
    executionId: v.scopeId,
    activityInstanceId: v.scopeId,
    caseDefinitionKey: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    taskId: null,
    tenantId: null,
    errorMessage: null,
    state: v.state,
    createTime: formatCamundaDate(v.createTime)!,
    removalTime: null,
    rootProcessInstanceId: v.rootProcessInstanceId,
  };
}

// ---- details (variable updates)

type DetailFilters = SortParams &
  Paging & {
    processInstanceId?: string;
    processInstanceIdIn?: string;
    executionId?: string;
    activityInstanceId?: string;
    variableInstanceId?: string;
    variableTypeIn?: string;
    variableUpdates?: boolean;
    formFields?: boolean;
    excludeTaskDetails?: boolean;
    occurredBefore?: string;
    occurredAfter?: string;
  };

const DETAIL_SORT: Record<string, HistoricVariableUpdateSortKey> = {
  processInstanceId: 'processInstanceId',
  variableName: 'variableName',
  variableType: 'variableType',
  variableRevision: 'variableRevision',
  time: 'time',
  occurrence: 'occurrence',
};

/** a variable instance id is `<scope>:<name>` */
function splitVariableId(id: string): { scopeId: string; name: string } | null {
  const at = id.indexOf(':');
  return at > 0 && at < id.length - 1 ? { scopeId: id.slice(0, at), name: id.slice(at + 1) } : null;
}

/** null: the filters leave nothing (only form field details asked for; none are kept) */
function detailQuery(req: FastifyRequest, f: DetailFilters): HistoricVariableUpdateQuery | null {
  if (f.formFields === true && f.variableUpdates !== true) return null;
  const scope = f.executionId ?? f.activityInstanceId;
  if (f.executionId && f.activityInstanceId && f.executionId !== f.activityInstanceId) return null;
  const variable = f.variableInstanceId !== undefined ? splitVariableId(f.variableInstanceId) : undefined;
  if (variable === null) return null;
  if (variable && scope && variable.scopeId !== scope) return null;
  return {
    processInstanceId: f.processInstanceId,
    processInstanceIds: listParam(f.processInstanceIdIn),
    scopeId: variable?.scopeId ?? scope,
    name: variable?.name,
    types: listParam(f.variableTypeIn),
    occurredBefore: date('occurredBefore', f.occurredBefore),
    occurredAfter: date('occurredAfter', f.occurredAfter),
    sort: sortOf(f, DETAIL_SORT),
    visibleTo: viewerOf(req),
  };
}

function detailDto(u: HistoricVariableUpdate) {
  const typed = toCamundaValue(u.type, u.value);
  return {
    id: u.id,
    type: 'variableUpdate' as const,
    processDefinitionKey: u.processDefinitionKey,
    processDefinitionId: u.processDefinitionId,
    processInstanceId: u.processInstanceId,
    activityInstanceId: u.scopeId,
    executionId: u.scopeId,
    caseDefinitionKey: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    taskId: null,
    tenantId: null,
    userOperationId: null,
    time: formatCamundaDate(u.time)!,
    removalTime: null,
    rootProcessInstanceId: u.rootProcessInstanceId,
    variableName: u.name,
    variableInstanceId: `${u.scopeId}:${u.name}`,
    variableType: typed.type,
    value: typed.value,
    valueInfo: typed.valueInfo,
    initial: u.operation === 'create',
    revision: u.revision,
    errorMessage: null,
  };
}

/** /history/variable-instance (+count, one by id) and /history/detail (+count) */
export async function historicVariableRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  app.get(
    '/history/variable-instance',
    { schema: { tags, querystring: VariableInstanceQuery.list, response: { 200: Type.Array(HistoricVariableInstanceDto), 400: ErrorBody } } },
    async (req) => {
      const f = req.query as VariableFilters;
      return (await engine.getHistoricVariableInstances({ ...variableQuery(req, f), first: f.firstResult, max: f.maxResults ?? 10_000 })).map(variableDto);
    },
  );
  app.get('/history/variable-instance/count', { schema: { tags, querystring: VariableInstanceQuery.count, response: { 200: CountDto, 400: ErrorBody } } }, async (req) => ({
    count: await engine.countHistoricVariableInstances(variableQuery(req, req.query as VariableFilters)),
  }));
  app.get(
    '/history/variable-instance/:id',
    { schema: { tags, params: ByIdParams, querystring: DeserializeQuery, response: { 200: HistoricVariableInstanceDto, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const { id } = req.params as { id: string };
      const ref = splitVariableId(id);
      const [v] = ref ? await engine.getHistoricVariableInstances({ scopeIds: [ref.scopeId], name: ref.name }) : [];
      if (!v) throw notFound(`Historic variable instance with Id '${id}' does not exist.`);
      const viewer = viewerOf(req);
      if (viewer && (await engine.countHistoricInstances({ processInstanceId: v.processInstanceId, visibleTo: viewer })) === 0) {
        throw forbidden(`you may not see the history of process instance ${v.processInstanceId}`);
      }
      return variableDto(v);
    },
  );

  app.get('/history/detail', { schema: { tags, querystring: DetailQuery.list, response: { 200: Type.Array(HistoricDetailDto), 400: ErrorBody } } }, async (req) => {
    const f = req.query as DetailFilters;
    const q = detailQuery(req, f);
    return q ? (await engine.getHistoricVariableUpdates({ ...q, first: f.firstResult, max: f.maxResults ?? 10_000 })).map(detailDto) : [];
  });
  app.get('/history/detail/count', { schema: { tags, querystring: DetailQuery.count, response: { 200: CountDto, 400: ErrorBody } } }, async (req) => {
    const q = detailQuery(req, req.query as DetailFilters);
    return { count: q ? await engine.countHistoricVariableUpdates(q) : 0 };
  });
}
