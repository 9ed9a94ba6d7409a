import type { Engine } from '@liuzhuan/engine';
import type { EntitiesService } from '../../services/entities/entities.service.ts';
import type { IdentityService } from '../../services/identity/identity.service.ts';
import type { DeprecationGuard } from '../../services/versions/index.ts';

/** what every route plugin is given */
export interface RouteDeps {
  engine: Engine;
  identity: IdentityService;
  /** *.entity.json resources of a deployment are entity types (checked before, stored after the engine deploy) */
  entities?: EntitiesService;
  /** deprecated versions start nothing (API contract B); absent: every version starts */
  versions?: DeprecationGuard;
}
