import type { FastifyInstance } from 'fastify';
import type { CcService } from '../../../services/cc/index.ts';
import type { Workspace } from '../../../services/workspace/index.ts';
import type { ApprovalService } from '../../../services/approvals/index.ts';
import { approvalsRoutes } from '../approvals/approvals.routes.ts';
import { catalogueRoutes } from './catalogue.routes.ts';
import { inboxRoutes } from './inbox.routes.ts';
import { requestsRoutes } from './requests.routes.ts';
import { tasksRoutes } from './tasks.routes.ts';

/** the employee workspace (API contract C): any signed-in user */
export async function workspaceRoutes(app: FastifyInstance, opts: { workspace: Workspace; cc: CcService; approvals: ApprovalService }): Promise<void> {
  await app.register(catalogueRoutes, opts);
  await app.register(inboxRoutes, opts);
  await app.register(tasksRoutes, opts);
  await app.register(requestsRoutes, opts);
  await app.register(approvalsRoutes, opts);
}
