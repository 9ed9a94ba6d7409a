import type { FastifyInstance } from 'fastify';
import type { EntitiesService } from '../../../services/entities/entities.service.ts';
import { entitiesRoutes } from './entities.routes.ts';
import { entityTypesRoutes } from './entity-types.routes.ts';

/** the native entity API: types, then records (the static `types` segment wins over `:type`) */
export async function entityApiRoutes(app: FastifyInstance, opts: { entities: EntitiesService }): Promise<void> {
  await app.register(entityTypesRoutes, opts);
  await app.register(entitiesRoutes, opts);
}
