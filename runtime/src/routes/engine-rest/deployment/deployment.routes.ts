import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ModelInvalidError, type DeploymentInfo, type DeploymentResult, type Engine } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { notFound } from '../../../infra/errors.ts';
import { formatCamundaDate, parseCamundaDate } from '../common/dates.ts';
import { selfLink } from '../common/links.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import { toDefinitionDtos } from '../process-definition/process-definition.dto.ts';
import { checkEntityFiles, registerEntityFiles } from '../../../services/entities/deployment-types.ts';
import { readDeploymentForm } from './deployment-form.ts';
import {
  DeleteDeploymentQuery,
  DeploymentDto,
  DeploymentForm,
  DeploymentParams,
  DeploymentQuery,
  DeploymentWithDefinitionsDto,
  ResourceDto,
  ResourceParams,
  type DeploymentQueryDto,
} from './deployment.schema.ts';

const tags = ['deployment'];

function toDto(req: FastifyRequest, d: Pick<DeploymentInfo, 'id' | 'name' | 'source' | 'deploymentTime'>) {
  return { links: selfLink(req, `/deployment/${d.id}`), id: d.id, name: d.name, source: d.source, deploymentTime: formatCamundaDate(d.deploymentTime)!, tenantId: null };
}

function query(q: DeploymentQueryDto) {
  return {
    id: q.id,
    name: q.name,
    nameLike: q.nameLike,
    source: q.source,
    withoutSource: q.withoutSource,
    after: q.after ? parseCamundaDate('after', q.after) : undefined,
    before: q.before ? parseCamundaDate('before', q.before) : undefined,
  };
}

async function deploymentOr404(engine: Engine, id: string): Promise<DeploymentInfo> {
  const [d] = await engine.getDeployments({ id });
  if (!d) throw notFound(`Deployment with id '${id}' does not exist`);
  return d;
}

/**
 * Camunda's ParseException body for a model that does not deploy: per resource, the problems
 * with the element each names (the Modeler shows them under the diagram).
 */
function parseException(e: ModelInvalidError) {
  const details: Record<string, { errors: unknown[]; warnings: unknown[] }> = {};
  for (const p of e.problems) {
    const r = (details[p.resource ?? 'deployment'] ??= { errors: [], warnings: [] });
    r.errors.push({ message: `${p.message} | ${p.elementId}`, line: 0, column: 0, mainElementId: p.elementId, elementIds: [p.elementId] });
  }
  return { type: 'ParseException', code: e.code, message: `ENGINE-09005 Could not parse BPMN process. Errors: ${e.message}`, details };
}

/** /engine-rest/deployment: create (multipart), list, read, resources, delete */
export async function deploymentRoutes(app: FastifyInstance, { engine, entities }: RouteDeps): Promise<void> {
  app.post(
    '/deployment/create',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Deploy .bpmn and .form resources (multipart/form-data, as the Camunda Modeler sends them)',
        consumes: ['multipart/form-data'],
        // documented, checked by readDeploymentForm (multipart parts are not validated by fastify)
        description: `Form fields: ${Object.keys(DeploymentForm.properties).join(', ')}; every other part is a resource.`,
        response: { 200: DeploymentWithDefinitionsDto, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const form = await readDeploymentForm(req);
      // entity types are checked before anything is deployed: a bad one → 400, nothing stored
      const entityTypes = entities ? await checkEntityFiles(entities, form.resources) : [];
      let result: DeploymentResult;
      try {
        result = await engine.deploy(form.resources, { name: form.name ?? undefined, source: form.source ?? undefined, changedOnly: form.changedOnly });
      } catch (e) {
        if (e instanceof ModelInvalidError) return reply.status(400).send(parseException(e));
        throw e;
      }
      if (entities && entityTypes.length > 0) await registerEntityFiles(entities, entityTypes, result.id);
      const fresh = result.definitions.filter((d) => d.isNew).map((d) => d.id);
      const defs = fresh.length > 0 ? await engine.getDefinitions({ ids: fresh }) : [];
      const dtos = await toDefinitionDtos(engine, defs);
      const [stored] = await engine.getDeployments({ id: result.id });
      return {
        ...toDto(req, stored ?? { id: result.id, name: result.name, source: form.source, deploymentTime: result.deployedAt }),
        deployedProcessDefinitions: dtos.length > 0 ? Object.fromEntries(dtos.map((d) => [d.id, d])) : null,
        deployedCaseDefinitions: null,
        deployedDecisionDefinitions: null,
        deployedDecisionRequirementsDefinitions: null,
      };
    },
  );

  app.get('/deployment', { schema: { tags, querystring: DeploymentQuery, response: { 200: Type.Array(DeploymentDto) } } }, async (req) => {
    const q = req.query as DeploymentQueryDto;
    const sortBy = q.sortBy === 'tenantId' ? 'id' : q.sortBy;
    const rows = await engine.getDeployments({ ...query(q), sortBy, sortOrder: q.sortOrder, first: q.firstResult, max: q.maxResults });
    return rows.map((d) => toDto(req, d));
  });

  app.get('/deployment/count', { schema: { tags, querystring: DeploymentQuery, response: { 200: CountDto } } }, async (req) => ({
    count: await engine.countDeployments(query(req.query as DeploymentQueryDto)),
  }));

  app.get('/deployment/:id', { schema: { tags, params: DeploymentParams, response: { 200: DeploymentDto, 404: ErrorBody } } }, async (req) => {
    const { id } = req.params as { id: string };
    return toDto(req, await deploymentOr404(engine, id));
  });

  app.get('/deployment/:id/resources', { schema: { tags, params: DeploymentParams, response: { 200: Type.Array(ResourceDto), 404: ErrorBody } } }, async (req) => {
    const { id } = req.params as { id: string };
    await deploymentOr404(engine, id);
    return engine.getDeploymentResources(id);
  });

  app.get('/deployment/:id/resources/:resourceId', { schema: { tags, params: ResourceParams, response: { 200: ResourceDto, 404: ErrorBody } } }, async (req) => {
    const { id, resourceId } = req.params as { id: string; resourceId: string };
    const found = (await engine.getDeploymentResources(id)).find((r) => r.id === resourceId);
    if (!found) throw notFound(`Deployment resource with resource id '${resourceId}' for deployment id '${id}' does not exist`);
    return found;
  });

  app.get(
    '/deployment/:id/resources/:resourceId/data',
    { schema: { tags, params: ResourceParams, produces: ['application/octet-stream'], response: { 200: Type.Unknown({ description: 'the resource as deployed' }), 404: ErrorBody } } },
    async (req, reply) => {
      const { id, resourceId } = req.params as { id: string; resourceId: string };
      const r = await engine.getDeploymentResource(id, { id: resourceId });
      if (!r) throw notFound(`Deployment resource '${resourceId}' for deployment id '${id}' does not exist`);
      const type = /\.(bpmn|bpmn2|xml)$/i.test(r.name) ? 'application/xml' : /\.(form|json)$/i.test(r.name) ? 'application/json' : 'application/octet-stream';
      const file = r.name.split('/').pop()!.replace(/["\\\r\n]/g, '_');
      return reply.type(type).header('content-disposition', `attachment; filename="${file}"`).send(r.data);
    },
  );

  app.delete(
    '/deployment/:id',
    { config: { auth: 'admin' }, schema: { tags, params: DeploymentParams, querystring: DeleteDeploymentQuery, response: { 204: Type.Null(), 404: ErrorBody, 409: ErrorBody } } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const { cascade } = req.query as { cascade?: boolean };
      await engine.deleteDeployment(id, { cascade: cascade === true });
      return reply.status(204).send();
    },
  );
}
