import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

/** GET /engine-rest/version — the Camunda REST version this API follows */
export async function versionRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/version',
    { config: { auth: 'public' }, schema: { tags: ['engine'], response: { 200: Type.Object({ version: Type.String() }) } } },
    async () => ({ version: '7.22.0' }),
  );
  app.get(
    '/engine',
    { config: { auth: 'public' }, schema: { tags: ['engine'], response: { 200: Type.Array(Type.Object({ name: Type.String() })) } } },
    async () => [{ name: 'default' }],
  );
}
