import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps.ts';
import { deploymentRoutes } from './deployment/deployment.routes.ts';
import { processDefinitionRoutes } from './process-definition/process-definition.routes.ts';
import { processInstanceRoutes } from './process-instance/process-instance.routes.ts';
import { migrationRoutes } from './migration/migration.routes.ts';
import { taskRoutes } from './task/task.routes.ts';
import { messageRoutes } from './message/message.routes.ts';
import { signalRoutes } from './signal/signal.routes.ts';
import { jobRoutes } from './job/job.routes.ts';
import { incidentRoutes } from './incident/incident.routes.ts';
import { historyRoutes } from './history/history.routes.ts';
import { identityRoutes } from './identity/identity.routes.ts';
import { externalTaskRoutes } from './external-task/external-task.routes.ts';
import { executionRoutes } from './execution/execution.routes.ts';
import { versionRoutes } from './version.routes.ts';

/**
 * /engine-rest: Camunda 7's REST API for what Liuzhuan offers. One plugin per resource
 * (`<resource>/<resource>.routes.ts` with its schemas beside it in `<resource>.schema.ts`).
 */
export async function engineRestRoutes(app: FastifyInstance, opts: RouteDeps & { prefix?: string }): Promise<void> {
  // the options fastify got with this plugin carry its prefix; the resource plugins must not repeat it
  const { prefix: _prefix, ...deps } = opts;
  await app.register(versionRoutes);
  await app.register(deploymentRoutes, deps);
  await app.register(processDefinitionRoutes, deps);
  await app.register(processInstanceRoutes, deps);
  await app.register(migrationRoutes, deps);
  await app.register(taskRoutes, deps);
  await app.register(messageRoutes, deps);
  await app.register(signalRoutes, deps);
  await app.register(jobRoutes, deps);
  await app.register(incidentRoutes, deps);
  await app.register(historyRoutes, deps);
  await app.register(identityRoutes, deps);
  await app.register(externalTaskRoutes, deps);
  await app.register(executionRoutes, deps);
}
