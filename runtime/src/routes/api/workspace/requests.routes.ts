import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import type { Workspace } from '../../../services/workspace/index.ts';
import { InstanceParams, NoQuery, TimelineDto } from './workspace.schema.ts';

/** GET /api/requests/:instanceId/timeline */
export async function requestsRoutes(app: FastifyInstance, { workspace }: { workspace: Workspace }): Promise<void> {
  app.get('/api/requests/:instanceId/timeline', { config: { auth: 'user' }, schema: { tags: ['workspace'], params: InstanceParams, querystring: NoQuery, response: { 200: TimelineDto } } }, async (req) =>
    workspace.timeline.of(principalOf(req), (req.params as Static<typeof InstanceParams>).instanceId),
  );
}
