import type { FastifyInstance } from 'fastify';
import type { EntityImportService } from '../../../services/entity-import/index.ts';
import type { EntityStore } from '../../../services/entities/types.ts';
import { entityExportRoutes } from './entity-export.routes.ts';
import { entityImportRoutes } from './entity-import.routes.ts';

/** import (CSV / XLSX with a column mapping, in the background) and export of entity records */
export async function entityImportApiRoutes(app: FastifyInstance, opts: { imports: EntityImportService; entities: EntityStore }): Promise<void> {
  await app.register(entityImportRoutes, opts);
  await app.register(entityExportRoutes, opts);
}
