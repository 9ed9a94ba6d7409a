import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../../infra/auth.ts';
import { badRequest, forbidden } from '../../../infra/errors.ts';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody } from '../process-definition/process-definition.schema.ts';
import { FailedChecks } from './failed-checks.ts';
import { groupRoutes } from './group.routes.ts';
import { GroupInfoDto, IdentityGroupsQuery, VerifyBody, VerifyResult } from './identity.schema.ts';
import { userRoutes } from './user.routes.ts';

/**
 * /engine-rest/user, /group and /identity (Camunda's identity API) on the runtime's users and
 * groups. Password checks (verify, credentials) count failures per address like logins do.
 */
export async function identityRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { identity } = deps;
  const checks = new FailedChecks();
  await app.register(userRoutes, { ...deps, checks });
  await app.register(groupRoutes, deps);

  app.get('/identity/groups', { schema: { tags: ['identity'], querystring: IdentityGroupsQuery, response: { 200: GroupInfoDto, 400: ErrorBody, 403: ErrorBody } } }, async (req) => {
    const { userId } = req.query as { userId: string };
    const p = principalOf(req);
    if (!p.isAdmin && p.id !== userId) throw forbidden('you may read your own groups only');
    const groups = await identity.queryGroups({ member: userId });
    const users = new Map<string, { id: string; firstName: string | null; lastName: string | null; displayName: string }>();
    for (const g of groups) {
      for (const u of await identity.queryUsers({ memberOfGroup: g.id })) {
        const name = [u.firstName, u.lastName].filter(Boolean).join(' ');
        users.set(u.id, { id: u.id, firstName: u.firstName, lastName: u.lastName, displayName: name || u.id });
      }
    }
    return { groups: groups.map((g) => ({ id: g.id, name: g.name })), groupUsers: [...users.values()] };
  });

  app.post(
    '/identity/verify',
    { config: { auth: 'public' }, schema: { tags: ['identity'], body: VerifyBody, response: { 200: VerifyResult, 400: ErrorBody, 429: ErrorBody } } },
    async (req) => {
      const { username, password } = req.body as { username: string; password: string };
      if (!username || !password) throw badRequest('Username and password are required');
      checks.check(req.ip);
      const p = await identity.authenticate(username, password);
      if (!p) checks.failed(req.ip);
      return { authenticatedUser: username, authenticated: p !== null };
    },
  );
}
