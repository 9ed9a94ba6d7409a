import type { FastifyInstance } from 'fastify';
import type { OrgService } from '../../../services/org/org.service.ts';
import { delegationsRoutes } from './delegations.routes.ts';
import { departmentsRoutes } from './departments.routes.ts';
import { orgImportRoutes } from './org-import.routes.ts';
import { orgUsersRoutes } from './org-users.routes.ts';

/** /api/org: departments, users' org profiles, out-of-office delegations, CSV import */
export async function orgRoutes(app: FastifyInstance, opts: { org: OrgService }): Promise<void> {
  await app.register(departmentsRoutes, opts);
  await app.register(orgUsersRoutes, opts);
  await app.register(delegationsRoutes, opts);
  await app.register(orgImportRoutes, opts);
}
