import type { FastifyInstance } from 'fastify';
import { LzError, type DefinitionQuery as EngineDefinitionQuery } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { badRequest } from '../../../infra/errors.ts';
import { listParam } from '../common/management-query.ts';
import type { RouteDeps } from '../deps.ts';
import { BY, resolveDefinition } from './definition-ref.ts';
import { startRoutes } from './process-definition-start.routes.ts';
import { toDefinitionDto, toDefinitionDtos } from './process-definition.dto.ts';
import { ById, ByKey, CountDto, DefinitionQuery, DeleteQuery, ErrorBody, ProcessDefinitionDto, XmlDto, type DefinitionQueryDto } from './process-definition.schema.ts';

const tags = ['process-definition'];

function query(q: DefinitionQueryDto): EngineDefinitionQuery {
  if (q.tenantIdIn) throw badRequest('multi-tenancy is not offered: leave out tenantIdIn');
  const suspended = q.suspended === true ? true : q.active === true ? false : undefined;
  return {
    id: q.processDefinitionId,
    ids: listParam(q.processDefinitionIdIn),
    key: q.key,
    keys: listParam(q.keysIn),
    keyLike: q.keyLike,
    name: q.name,
    nameLike: q.nameLike,
    deploymentId: q.deploymentId,
    version: q.version,
    latestOnly: q.latestVersion,
    resourceName: q.resourceName,
    resourceNameLike: q.resourceNameLike,
    versionTag: q.versionTag,
    versionTagLike: q.versionTagLike,
    withoutVersionTag: q.withoutVersionTag,
    suspended,
  };
}

/** /engine-rest/process-definition: queries, one definition by id or key, its XML, delete; start in process-definition-start.routes.ts */
export async function processDefinitionRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { engine } = deps;
  const list = async (q: DefinitionQueryDto) => {
    const sortBy = q.sortBy === 'category' || q.sortBy === 'tenantId' ? 'id' : q.sortBy;
    let dtos = await toDefinitionDtos(engine, await engine.getDefinitions({ ...query(q), sortBy, sortOrder: q.sortOrder }));
    // startableInTasklist lives in the compiled model, not the row
    if (q.startableInTasklist) dtos = dtos.filter((d) => d.startableInTasklist);
    if (q.notStartableInTasklist) dtos = dtos.filter((d) => !d.startableInTasklist);
    const first = q.firstResult ?? 0;
    return q.maxResults === undefined ? dtos.slice(first) : dtos.slice(first, first + q.maxResults);
  };

  app.get('/process-definition', { schema: { tags, querystring: DefinitionQuery, response: { 200: Type.Array(ProcessDefinitionDto), 400: ErrorBody } } }, async (req) =>
    list(req.query as DefinitionQueryDto),
  );

  app.get('/process-definition/count', { schema: { tags, querystring: DefinitionQuery, response: { 200: CountDto, 400: ErrorBody } } }, async (req) => {
    const q = req.query as DefinitionQueryDto;
    if (q.startableInTasklist || q.notStartableInTasklist) return { count: (await list({ ...q, firstResult: undefined, maxResults: undefined })).length };
    return { count: await engine.countDefinitions(query(q)) };
  });

  for (const by of BY) {
    const params = by.prefix.includes(':key') ? ByKey : ById;
    app.get(by.prefix, { schema: { tags, params, response: { 200: ProcessDefinitionDto, 404: ErrorBody } } }, async (req) =>
      toDefinitionDto(engine, await resolveDefinition(engine, by.ref(req.params as Record<string, string>))),
    );

    app.get(`${by.prefix}/xml`, { schema: { tags, params, response: { 200: XmlDto, 404: ErrorBody } } }, async (req) => {
      const def = await resolveDefinition(engine, by.ref(req.params as Record<string, string>));
      const xml = await engine.getDefinitionXml(def.id);
      return { id: def.id, bpmn20Xml: xml?.content ?? '' };
    });

    app.delete(
      by.prefix,
      { config: { auth: 'admin' }, schema: { tags, params, querystring: DeleteQuery, response: { 204: Type.Null(), 404: ErrorBody, 409: ErrorBody } } },
      async (req, reply) => {
        const cascade = (req.query as { cascade?: boolean }).cascade === true;
        const p = req.params as Record<string, string>;
        // by key: every version of the key (Camunda's DELETE /process-definition/key/{key})
        const defs = p.key !== undefined ? await engine.getDefinitions({ key: p.key }) : [await resolveDefinition(engine, by.ref(p))];
        if (defs.length === 0) await resolveDefinition(engine, by.ref(p));
        // all versions or none: refuse before deleting any when one still runs
        if (!cascade && p.key !== undefined && (await engine.countProcessInstances({ processDefinitionKey: p.key })) > 0) {
          throw new LzError('LZ_ERR_DEFINITION_IN_USE', `instances of '${p.key}' are still running; delete with cascade=true`);
        }
        for (const d of defs) await engine.deleteDefinition(d.id, { cascade });
        return reply.status(204).send();
      },
    );
  }

  await app.register(startRoutes, deps);
}
