import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { HttpError } from '../../../infra/errors.ts';
import type { IdentityService } from '../../../services/identity/identity.service.ts';

const Login = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false });
const Token = Type.Object({ token: Type.String(), user: Type.Object({ id: Type.String(), groups: Type.Array(Type.String()), roles: Type.Array(Type.String()) }) });

/** POST /api/auth/login — user name and password for a bearer token; rate-limited per address */
export async function loginRoutes(app: FastifyInstance, opts: { identity: IdentityService }): Promise<void> {
  await app.register(rateLimit, { global: false });
  app.post(
    '/api/auth/login',
    {
      config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: Login, response: { 200: Token } },
    },
    async (req) => {
      const { username, password } = req.body as { username: string; password: string };
      const p = await opts.identity.authenticate(username, password);
      if (!p) throw new HttpError(401, 'AuthenticationException', 'wrong user name or password');
      const token = await app.jwt.sign({ sub: p.id });
      return { token, user: { id: p.id, groups: p.groups, roles: p.roles } };
    },
  );
  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], response: { 200: Token.properties.user } } },
    async (req) => {
      const p = req.principal!;
      return { id: p.id, groups: p.groups, roles: p.roles };
    },
  );
}
