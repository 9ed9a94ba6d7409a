/**
 * Versions (API contract B): deprecated versions (a flag of the runtime's own, enforced by every
 * start path through DeprecationGuard), the version list with running counts, and migration
 * proposals between two versions.
 */
export { DeprecationService, type DeprecationGuard } from './deprecation.service.ts';
export { VersionsService } from './versions.service.ts';
export { migrationProposal } from './migration-proposal.ts';
