import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { DefinitionIdParams, DeprecationState, ProcessKeyParams, ProcessList, ProcessVersionList } from '../../../api-types/monitor.ts';
import { principalOf } from '../../../infra/auth.ts';
import type { DeprecationService, VersionsService } from '../../../services/versions/index.ts';

const tags = ['processes'];
/** contract B: analysts read, admins change */
const analyst = { auth: 'analyst' as const };
const admin = { auth: 'admin' as const };

/** /api/processes and /api/process-definitions/:id/(un)deprecate: versions, running counts, deprecation */
export async function processesRoutes(app: FastifyInstance, { listing, deprecations }: { listing: VersionsService; deprecations: DeprecationService }): Promise<void> {
  app.get('/api/processes', { config: analyst, schema: { tags, summary: 'Every process key with its latest version and running instances', response: { 200: ProcessList } } }, async () => ({
    items: await listing.processes(),
  }));

  app.get(
    '/api/processes/:key/versions',
    { config: analyst, schema: { tags, summary: 'The versions of a process, newest first', params: ProcessKeyParams, response: { 200: ProcessVersionList } } },
    async (req) => ({ items: await listing.versions((req.params as Static<typeof ProcessKeyParams>).key) }),
  );

  app.post(
    '/api/process-definitions/:id/deprecate',
    { config: admin, schema: { tags, summary: 'Deprecate a version: it starts no new instances; running ones go on', params: DefinitionIdParams, response: { 200: DeprecationState } } },
    async (req) => {
      const { id } = req.params as Static<typeof DefinitionIdParams>;
      await deprecations.deprecate(id, principalOf(req).id);
      return { id, deprecated: true };
    },
  );

  app.post(
    '/api/process-definitions/:id/undeprecate',
    { config: admin, schema: { tags, summary: 'Let a deprecated version start instances again', params: DefinitionIdParams, response: { 200: DeprecationState } } },
    async (req) => {
      const { id } = req.params as Static<typeof DefinitionIdParams>;
      await deprecations.undeprecate(id);
      return { id, deprecated: false };
    },
  );
}
