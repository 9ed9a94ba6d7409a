import type { Engine } from '@liuzhuan/engine';
import type { FastifyInstance } from 'fastify';
import type { DeprecationService, VersionsService } from '../../../services/versions/index.ts';
import { migrationProposalRoutes } from './migration-proposal.routes.ts';
import { processesRoutes } from './processes.routes.ts';

/** API contract B, versions: process list, versions, deprecation, migration proposals */
export async function versionsApiRoutes(app: FastifyInstance, opts: { engine: Engine; listing: VersionsService; deprecations: DeprecationService }): Promise<void> {
  await app.register(processesRoutes, opts);
  await app.register(migrationProposalRoutes, opts);
}
