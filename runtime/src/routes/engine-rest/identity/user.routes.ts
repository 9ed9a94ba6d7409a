import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import { badRequest, forbidden, notFound } from '../../../infra/errors.ts';
import type { UserQuery } from '../../../services/identity/identity.service.ts';
import { listParam } from '../common/management-query.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import type { FailedChecks } from './failed-checks.ts';
import { CreateUserBody, CredentialsBody, UserCountQueryString, UserParams, UserProfileBody, UserProfileDto, UserQueryString } from './identity.schema.ts';

const tags = ['user'];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const noContent = { 204: Type.Null(), ...errors };

type UserFilters = Omit<UserQuery, 'ids' | 'first' | 'max'> & { idIn?: string; firstResult?: number; maxResults?: number };
type Profile = { id?: string | null; firstName?: string | null; lastName?: string | null; email?: string | null };

const toQuery = (q: UserFilters): UserQuery => {
  const { idIn, firstResult, maxResults, ...rest } = q;
  return { ...rest, ids: listParam(idIn), first: firstResult, max: maxResults };
};

/** /engine-rest/user (Camunda's user API): profiles only, never a password or its hash */
export async function userRoutes(app: FastifyInstance, deps: RouteDeps & { checks: FailedChecks }): Promise<void> {
  const { identity, checks } = deps;

  app.get('/user', { schema: { tags, querystring: UserQueryString, response: { 200: Type.Array(UserProfileDto), 400: ErrorBody } } }, async (req) =>
    identity.queryUsers(toQuery(req.query as UserFilters)),
  );

  app.get('/user/count', { schema: { tags, querystring: UserCountQueryString, response: { 200: CountDto, 400: ErrorBody } } }, async (req) => ({
    count: await identity.countUsers(toQuery(req.query as UserFilters)),
  }));

  app.get('/user/:id/profile', { schema: { tags, params: UserParams, response: { 200: UserProfileDto, ...errors } } }, async (req) => {
    const { id } = req.params as { id: string };
    const user = await identity.getUser(id);
    if (!user) throw notFound(`User with id ${id} does not exist`);
    return user;
  });

  app.post('/user/create', { config: { auth: 'admin' }, schema: { tags, body: CreateUserBody, response: noContent } }, async (req, reply) => {
    const { profile, credentials } = req.body as { profile: Profile & { id: string }; credentials: { password: string } };
    await identity.createUser({ id: profile.id, firstName: profile.firstName ?? null, lastName: profile.lastName ?? null, email: profile.email ?? null }, credentials.password);
    return reply.status(204).send();
  });

  app.put('/user/:id/profile', { schema: { tags, params: UserParams, body: UserProfileBody, response: noContent } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const p = principalOf(req);
    if (!p.isAdmin && p.id !== id) throw forbidden('you may change your own profile only');
    const b = req.body as Profile;
    if (b.id && b.id !== id) throw badRequest(`a user id does not change (the body says ${b.id}, the path ${id})`);
    const current = await identity.getUser(id);
    if (!current) throw notFound(`User with id ${id} does not exist`);
    await identity.updateUser(id, {
      firstName: b.firstName !== undefined ? b.firstName : current.firstName,
      lastName: b.lastName !== undefined ? b.lastName : current.lastName,
      email: b.email !== undefined ? b.email : current.email,
    });
    return reply.status(204).send();
  });

  app.put('/user/:id/credentials', { schema: { tags, params: UserParams, body: CredentialsBody, response: { ...noContent, 429: ErrorBody } } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const p = principalOf(req);
    if (!p.isAdmin && p.id !== id) throw forbidden('you may change your own password only');
    const { password, authenticatedUserPassword } = req.body as { password: string; authenticatedUserPassword: string };
    // Camunda: the caller proves who they are with their own password
    checks.check(req.ip);
    if (!(await identity.authenticate(p.id, authenticatedUserPassword))) {
      checks.failed(req.ip);
      throw badRequest('The given authenticated user password is not valid.');
    }
    if (!(await identity.getUser(id))) throw notFound(`User with id ${id} does not exist`);
    await identity.setPassword(id, password);
    return reply.status(204).send();
  });

  app.delete('/user/:id', { config: { auth: 'admin' }, schema: { tags, params: UserParams, response: noContent } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!(await identity.getUser(id))) throw notFound(`User with id ${id} does not exist`);
    if (id === principalOf(req).id) throw badRequest('you cannot delete the user you are signed in as');
    await identity.deleteUser(id);
    return reply.status(204).send();
  });
}
