import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../../infra/auth.ts';
import type { Workspace } from '../../../services/workspace/index.ts';
import { CatalogueDto, NoQuery } from './workspace.schema.ts';

/** GET /api/catalogue: the processes I may start */
export async function catalogueRoutes(app: FastifyInstance, { workspace }: { workspace: Workspace }): Promise<void> {
  app.get('/api/catalogue', { config: { auth: 'user' }, schema: { tags: ['workspace'], querystring: NoQuery, response: { 200: CatalogueDto } } }, async (req) => ({
    items: await workspace.catalogue.list(principalOf(req)),
  }));
}
