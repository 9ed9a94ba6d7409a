import type { FastifyInstance } from 'fastify';
import type { OrgService } from '../../../services/org/org.service.ts';
import type { ProfileInput } from '../../../services/org/profiles.service.ts';
import { ManagerChain, ManagersQuery, OrgUser, PutProfileBody, UserParams } from './org.schema.ts';

const tags = ['org'];

/** /api/org/users/:id: a user's place in the organisation; any user reads, admins change */
export async function orgUsersRoutes(app: FastifyInstance, { org }: { org: OrgService }): Promise<void> {
  app.get(
    '/api/org/users/:id',
    { schema: { tags, summary: "A user's department, manager (set and resolved), title, roles and groups", params: UserParams, response: { 200: OrgUser } } },
    async (req) => org.profiles.get((req.params as { id: string }).id),
  );

  app.put(
    '/api/org/users/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: "Set a user's department, explicit manager and title (roles and groups are identity groups: /engine-rest/group)",
        params: UserParams,
        body: PutProfileBody,
        response: { 200: OrgUser },
      },
    },
    async (req) => org.profiles.put((req.params as { id: string }).id, req.body as ProfileInput),
  );

  app.get(
    '/api/org/users/:id/managers',
    { schema: { tags, summary: 'The manager chain above a user, nearest first', params: UserParams, querystring: ManagersQuery, response: { 200: ManagerChain } } },
    async (req) => org.profiles.managers((req.params as { id: string }).id, (req.query as { levels: number }).levels),
  );
}
