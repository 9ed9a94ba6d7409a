import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../deps.ts';

/** /engine-rest/history (Camunda 7 REST) — to be written */
export async function historyRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  void app;
  void deps;
}
