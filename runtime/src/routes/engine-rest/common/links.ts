import type { FastifyRequest } from 'fastify';

/** Camunda's AtomLink list: `[{ method: 'GET', href: 'http://host/engine-rest/<path>', rel: 'self' }]` */
export function selfLink(req: FastifyRequest, path: string): { method: string; href: string; rel: string }[] {
  return [{ method: 'GET', href: `${req.protocol}://${req.host}/engine-rest${path}`, rel: 'self' }];
}
