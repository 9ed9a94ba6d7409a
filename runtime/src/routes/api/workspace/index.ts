import type { FastifyInstance } from 'fastify';
import type { CcService } from '../../../services/cc/index.ts';
import type { Workspace } from '../../../services/workspace/index.ts';
import { catalogueRoutes } from './catalogue.routes.ts';
import { inboxRoutes } from './inbox.routes.ts';
import { requestsRoutes } from './requests.routes.ts';
import { tasksRoutes } from './tasks.routes.ts';

/** the employee workspace (API contract C): any signed-in user */
export async function workspaceRoutes(app: FastifyInstance, opts: { workspace: Workspace; cc: CcService }): Promise<void> {
  await app.register(catalogueRoutes, opts);
  await app.register(inboxRoutes, opts);
  await app.register(tasksRoutes, opts);
  await app.register(requestsRoutes, opts);
}
