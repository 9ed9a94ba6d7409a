import type { FastifyInstance } from 'fastify';
import type { Engine } from '@liuzhuan/engine';

/** GET /api/health — is the database reachable, which backend is it */
export async function healthRoutes(app: FastifyInstance, opts: { engine: Engine }): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: {
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string' }, database: { type: 'string' }, definitions: { type: 'integer' } },
            required: ['status', 'database', 'definitions'],
            additionalProperties: false,
          },
        },
      },
    },
    async () => {
      const definitions = (await opts.engine.getDefinitions({ latestOnly: true })).length;
      return { status: 'ok', database: opts.engine.db.dialect, definitions };
    },
  );
}
