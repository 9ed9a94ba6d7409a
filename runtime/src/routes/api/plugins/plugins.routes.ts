import type { FastifyInstance } from 'fastify';
import type { PluginHost } from '../../../services/plugin-host/index.ts';
import { PluginList } from './plugins.schema.ts';

/** GET /api/plugins — the plugins this process loaded, their topics and input/output schemas */
export async function pluginsRoutes(app: FastifyInstance, opts: { plugins: PluginHost }): Promise<void> {
  app.get(
    '/api/plugins',
    {
      config: { auth: 'admin' },
      schema: { tags: ['plugins'], response: { 200: PluginList } },
    },
    async () => opts.plugins.describe(),
  );
}
