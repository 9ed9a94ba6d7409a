import { runMigrations, type Db } from '@liuzhuan/engine';
import type { IdentityService } from '../identity/identity.service.ts';
import { DelegationsService } from './delegations.service.ts';
import { DepartmentsService } from './departments.service.ts';
import * as m0001 from './migrations/0001_org.ts';
import type { OrgDirectory } from './org-directory.ts';
import { OrgImportService } from './org-import.service.ts';
import { ProfilesService } from './profiles.service.ts';

/**
 * The organisation model (issue point 5): departments (a tree, each with a head), each user's
 * department, manager and title, out-of-office delegations, and the org-chart CSV import.
 *
 * Users and groups are the identity service's: a business role is an identity group of type
 * ROLE (as Camunda's candidateGroups are groups), other groups are plain identity groups, and
 * both are managed through /engine-rest/group or the import. Every write here ends with
 * `directory.changed()`, so the engine's synchronous org functions see it at once in this
 * process and, by NOTIFY, soon in the others.
 */
export class OrgService {
  readonly departments: DepartmentsService;
  readonly profiles: ProfilesService;
  readonly delegations: DelegationsService;
  readonly imports: OrgImportService;

  constructor(
    private readonly db: Db,
    identity: IdentityService,
    readonly directory: OrgDirectory,
  ) {
    this.departments = new DepartmentsService(db, directory);
    this.profiles = new ProfilesService(db, identity, directory);
    this.delegations = new DelegationsService(db, directory);
    this.imports = new OrgImportService(db, directory);
  }

  /** the org tables refer to `users`, so this runs after the identity migrations */
  async migrate(): Promise<void> {
    await runMigrations(this.db, [m0001], 'lz_org_migrations');
  }
}
