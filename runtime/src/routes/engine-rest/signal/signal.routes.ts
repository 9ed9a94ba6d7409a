import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { badRequest } from '../../../infra/errors.ts';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody } from '../process-definition/process-definition.schema.ts';
import { fromCamunda } from '../variables.ts';
import { SignalBody, type SignalDto } from './signal.schema.ts';

/**
 * POST /engine-rest/signal (Camunda 7 REST): every execution waiting for the signal and every
 * signal start event receive it (or only `executionId`'s subscription); 204 even when nobody
 * listens, as in Camunda. Any signed-in user may throw one.
 */
export async function signalRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  app.post(
    '/signal',
    { schema: { tags: ['signal'], body: SignalBody, response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody } } },
    async (req, reply) => {
      const b = req.body as SignalDto;
      if (!b.name) throw badRequest('No signal name given');
      if (b.tenantId != null && b.withoutTenantId) throw badRequest("Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId'.");
      const variables = fromCamunda(b.variables);
      // there are no tenants here: a signal for a tenant reaches nobody
      if (b.tenantId != null) return reply.status(204).send();
      await engine.broadcastSignal(b.name, variables, { executionId: b.executionId ?? undefined });
      return reply.status(204).send();
    },
  );
}
