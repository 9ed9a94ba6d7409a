import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import type { Workspace } from '../../../services/workspace/index.ts';
import { ATTACHMENT_BODY_LIMIT } from '../approvals/approvals.routes.ts';
import { ActBody, ActedDto, NoQuery, TaskActionsDto, TaskParams } from './workspace.schema.ts';

const tags = ['workspace'];

/** GET /api/tasks/:taskId/actions and POST /api/tasks/:taskId/act */
export async function tasksRoutes(app: FastifyInstance, { workspace }: { workspace: Workspace }): Promise<void> {
  app.get('/api/tasks/:taskId/actions', { config: { auth: 'user' }, schema: { tags, params: TaskParams, querystring: NoQuery, response: { 200: TaskActionsDto } } }, async (req) =>
    workspace.tasks.actions(principalOf(req), (req.params as Static<typeof TaskParams>).taskId),
  );

  app.post(
    '/api/tasks/:taskId/act',
    {
      bodyLimit: ATTACHMENT_BODY_LIMIT,
      config: { auth: 'user' },
      // a caller who may not see the task gets 403 whatever the body (as on /api/forms/task submit)
      preValidation: async (req) => {
        await workspace.tasks.visibleTask(principalOf(req), String((req.params as { taskId?: unknown }).taskId ?? ''));
      },
      schema: { tags, params: TaskParams, body: ActBody, response: { 200: ActedDto } },
    },
    async (req) => workspace.tasks.act(principalOf(req), (req.params as Static<typeof TaskParams>).taskId, req.body as Static<typeof ActBody>),
  );
}
