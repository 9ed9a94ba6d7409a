import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../deps.ts';

/** /engine-rest/process-instance (Camunda 7 REST) — to be written */
export async function processInstanceRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  void app;
  void deps;
}
