import type { Engine } from '@liuzhuan/engine';
import type { IdentityService } from '../../services/identity/identity.service.ts';

/** what every route plugin is given */
export interface RouteDeps {
  engine: Engine;
  identity: IdentityService;
}
