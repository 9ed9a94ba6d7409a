import type { DefinitionInfo, Engine } from '@liuzhuan/engine';
import type { CatalogueItem } from '../../api-types/workspace.ts';
import { canStart } from '../authorization/authorization.ts';
import type { Principal } from '../identity/identity.service.ts';

export interface CatalogueOptions {
  /** deprecated versions start no new instances (contract B); absent: none is */
  isDeprecated?: (definitionId: string) => Promise<boolean>;
}

/**
 * What I may start (contract C, GET /api/catalogue): per key the newest version that is not
 * deprecated, when its candidate starters admit me (none named = everyone; admins see all).
 * Left out: keys whose version is suspended, not startable in the tasklist
 * (camunda:isStartableInTasklist="false") or without a none start event (started by messages,
 * signals or timers only) — the catalogue could not start them.
 */
export class Catalogue {
  constructor(
    private readonly engine: Engine,
    private readonly opts: CatalogueOptions = {},
  ) {}

  async list(p: Principal): Promise<CatalogueItem[]> {
    const items: CatalogueItem[] = [];
    for (const latest of await this.engine.getDefinitions({ latestOnly: true })) {
      const def = await this.startable(latest);
      if (!def || def.suspended) continue;
      const model = await this.engine.getDefinitionModel(def.id);
      if (!model.startableInTasklist || !model.noneStart || !canStart(p, model)) continue;
      items.push({
        key: def.key,
        name: def.name ?? model.name ?? def.key,
        definitionId: def.id,
        version: def.version,
        hasStartForm: model.startFormKey !== null,
        description: model.documentation,
      });
    }
    return items.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
  }

  /** the newest version of the key that is not deprecated */
  private async startable(latest: DefinitionInfo): Promise<DefinitionInfo | null> {
    const deprecated = this.opts.isDeprecated;
    if (!deprecated || !(await deprecated(latest.id))) return latest;
    for (const def of await this.engine.getDefinitions({ key: latest.key, sortBy: 'version', sortOrder: 'desc' })) {
      if (!(await deprecated(def.id))) return def;
    }
    return null;
  }
}
