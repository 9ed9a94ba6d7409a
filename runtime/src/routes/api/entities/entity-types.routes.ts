import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { forbidden } from '../../../infra/errors.ts';
import { principalOf } from '../../../infra/auth.ts';
import type { EntitiesService } from '../../../services/entities/entities.service.ts';
import { EntityTypeDto, TypeNameParams, TypeVersionQuery } from './entities.schema.ts';

const tags = ['entities'];

/** /api/entities/types: list, read (latest or ?version=), deploy (admin or analyst) */
export async function entityTypesRoutes(app: FastifyInstance, { entities }: { entities: EntitiesService }): Promise<void> {
  app.get('/api/entities/types', { schema: { tags, summary: 'Entity types (latest versions)', response: { 200: Type.Array(EntityTypeDto) } } }, async () => entities.listTypes());

  app.get(
    '/api/entities/types/:name',
    { schema: { tags, summary: 'An entity type: the latest version, or ?version=', params: TypeNameParams, querystring: TypeVersionQuery, response: { 200: EntityTypeDto } } },
    async (req) => {
      const { name } = req.params as { name: string };
      const { version } = req.query as { version?: number };
      return entities.getType(name, version);
    },
  );

  app.post(
    '/api/entities/types',
    {
      schema: {
        tags,
        summary: 'Deploy an entity type (the body is its JSON Schema); unchanged → 200 with the latest version, changed → 201 with version + 1',
        body: Type.Object({}, { additionalProperties: true, description: 'JSON Schema draft 2020-12 with x-entity and our x- keywords' }),
        response: { 200: EntityTypeDto, 201: EntityTypeDto },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      if (!p.isAdmin && !p.roles.includes('analyst')) throw forbidden('deploying entity types needs the admin or analyst role');
      const { type, created } = await entities.deployType(req.body, { actor: p.id });
      return reply.status(created ? 201 : 200).send(type);
    },
  );
}
