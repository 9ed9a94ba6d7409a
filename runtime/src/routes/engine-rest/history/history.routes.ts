import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../deps.ts';
import { historicActivityAndTaskRoutes } from './history-activity-task.routes.ts';
import { historicProcessInstanceRoutes } from './history-process-instance.routes.ts';
import { historicVariableRoutes } from './history-variable.routes.ts';

/**
 * /engine-rest/history (Camunda 7 REST): process instances, activity instances, tasks, variable
 * instances and details. Admins see everything; anyone else the history of the instances they
 * started or took part in (a task they held, or may take).
 */
export async function historyRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await app.register(historicProcessInstanceRoutes, deps);
  await app.register(historicActivityAndTaskRoutes, deps);
  await app.register(historicVariableRoutes, deps);
}
