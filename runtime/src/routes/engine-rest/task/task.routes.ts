import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../deps.ts';
import { guardTaskRoutes } from './task-access.ts';
import { taskActionRoutes } from './task-actions.routes.ts';
import { taskCommentRoutes } from './task-comments.routes.ts';
import { taskFormRoutes } from './task-forms.routes.ts';
import { taskIdentityLinkRoutes } from './task-identity-links.routes.ts';
import { taskQueryRoutes } from './task-query.routes.ts';
import { taskVariableRoutes } from './task-variables.routes.ts';

/**
 * /engine-rest/task (Camunda 7 REST): queries, one task, its lifecycle (claim … complete),
 * variables, forms, comments and identity links. Every /task/{id}… route first checks that the
 * caller may see the task (task-access.ts); each action then checks who may do it.
 */
export async function taskRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  guardTaskRoutes(app, deps.engine);
  await app.register(taskQueryRoutes, deps);
  await app.register(taskActionRoutes, deps);
  await app.register(taskVariableRoutes, deps);
  await app.register(taskFormRoutes, deps);
  await app.register(taskCommentRoutes, deps);
  await app.register(taskIdentityLinkRoutes, deps);
}
