import type { Engine } from '@liuzhuan/engine';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { MigrationProposal, ProposalQuery } from '../../../api-types/monitor.ts';
import { migrationProposal } from '../../../services/versions/index.ts';

/** GET /api/migration/proposal: what a migration between two versions would map, and what not (executing it is /engine-rest/migration/execute) */
export async function migrationProposalRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.get(
    '/api/migration/proposal',
    {
      config: { auth: 'analyst' },
      schema: { tags: ['processes'], summary: 'Map activities of equal id; explain each one left out with its running instances', querystring: ProposalQuery, response: { 200: MigrationProposal } },
    },
    async (req) => {
      const { source, target } = req.query as Static<typeof ProposalQuery>;
      return migrationProposal(engine, source, target);
    },
  );
}
