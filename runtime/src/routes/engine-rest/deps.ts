import type { Engine } from '@liuzhuan/engine';
import type { EntitiesService } from '../../services/entities/entities.service.ts';
import type { IdentityService } from '../../services/identity/identity.service.ts';
import type { DeprecationGuard } from '../../services/versions/index.ts';
import type { RequestNumbers } from '../../services/request-numbers/index.ts';

/** what every route plugin is given */
export interface RouteDeps {
  engine: Engine;
  identity: IdentityService;
  /** *.entity.json resources of a deployment are entity types (checked before, stored after the engine deploy) */
  entities?: EntitiesService;
  /** deprecated versions start nothing (API contract B); absent: every version starts */
  versions?: DeprecationGuard;
  /** request numbers and titles (lz.serialPattern / lz.titleTemplate); absent: starts get none */
  numbers?: RequestNumbers;
}
