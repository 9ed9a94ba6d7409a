import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { HttpError } from '../../../infra/errors.ts';
import { ROLES, type IdentityService, type Role } from '../../../services/identity/identity.service.ts';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)));
const Body = Type.Object({ roles: Type.Array(RoleName, { maxItems: ROLES.length, uniqueItems: true }) }, { additionalProperties: false });
const Result = Type.Object({ id: Type.String(), roles: Type.Array(Type.String()) }, { additionalProperties: false });

/**
 * PUT /api/auth/users/:id/roles — what a user may do in the app: employee (inbox, requests),
 * analyst (design and publish processes), admin (everything). Business roles that approval
 * steps name are identity groups instead (/engine-rest/group).
 */
export async function appRolesRoutes(app: FastifyInstance, opts: { identity: IdentityService }): Promise<void> {
  app.put(
    '/api/auth/users/:id/roles',
    { config: { auth: 'admin' }, schema: { tags: ['auth'], summary: "Set a user's app roles (employee, analyst, admin)", params: Params, body: Body, response: { 200: Result } } },
    async (req) => {
      const { id } = req.params as { id: string };
      const { roles } = req.body as { roles: Role[] };
      if (!(await opts.identity.getUser(id))) throw new HttpError(404, 'NotFound', `no user '${id}'`);
      if (id === req.principal!.id && !roles.includes('admin')) throw new HttpError(400, 'InvalidRequestException', 'you cannot take the admin role from yourself');
      await opts.identity.setRoles(id, roles);
      return { id, roles: [...roles].sort() };
    },
  );
}
