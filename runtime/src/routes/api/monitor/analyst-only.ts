import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../../infra/auth.ts';
import { forbidden } from '../../../infra/errors.ts';

/**
 * onRequest hook of the versions and monitor plugins (API contract B: "admin, and analyst for
 * read"): runs after authentication, so an anonymous caller still gets 401 first.
 */
export async function analystOnly(req: FastifyRequest): Promise<void> {
  const p = principalOf(req);
  if (!p.isAdmin && !p.roles.includes('analyst')) throw forbidden('this needs the analyst or admin role');
}
