import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import type { DelegationInput } from '../../../services/org/delegations.service.ts';
import type { OrgService } from '../../../services/org/org.service.ts';
import { CreateDelegationBody, Delegation, DelegationList, DelegationParams, DelegationsQuery } from './org.schema.ts';

const tags = ['org'];

/** /api/org/delegations: out-of-office; a user manages their own, admins anyone's */
export async function delegationsRoutes(app: FastifyInstance, { org }: { org: OrgService }): Promise<void> {
  app.get(
    '/api/org/delegations',
    { schema: { tags, summary: "Delegations: an admin's view is all (or ?userId=); a user sees the ones they are in", querystring: DelegationsQuery, response: { 200: DelegationList } } },
    async (req) => org.delegations.list(principalOf(req), (req.query as { userId?: string }).userId),
  );

  app.post(
    '/api/org/delegations',
    { schema: { tags, summary: 'Go out of office: new tasks for the user go to the delegate from … to', body: CreateDelegationBody, response: { 201: Delegation } } },
    async (req, reply) => reply.status(201).send(await org.delegations.create(principalOf(req), req.body as DelegationInput)),
  );

  app.delete(
    '/api/org/delegations/:id',
    { schema: { tags, summary: 'End a delegation (tasks already handed over stay with the delegate)', params: DelegationParams, response: { 204: Type.Null() } } },
    async (req, reply) => {
      await org.delegations.delete(principalOf(req), (req.params as { id: string }).id);
      return reply.status(204).send();
    },
  );
}
