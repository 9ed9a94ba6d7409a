import { LzError, type DefinitionStatistics, type Engine } from '@liuzhuan/engine';
import type { ProcessSummaryDto, ProcessVersionDto } from '../../api-types/monitor.ts';
import type { DeprecationService } from './deprecation.service.ts';

/**
 * The deployed processes and their versions with what runs on each (API contract B): one
 * aggregate read from the engine (instances and incidents per version) plus the deprecations.
 */
export class VersionsService {
  constructor(
    private readonly engine: Engine,
    private readonly deprecations: DeprecationService,
  ) {}

  /** every process key: its latest version, how many versions, running instances over all, deprecated version numbers */
  async processes(): Promise<ProcessSummaryDto[]> {
    const [stats, deprecated] = await Promise.all([this.engine.getDefinitionStatistics(), this.deprecations.deprecatedIds()]);
    const byKey = new Map<string, DefinitionStatistics[]>();
    // newest version first per key
    for (const s of stats) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
    return [...byKey.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, versions]) => {
        const latest = versions[0]!;
        return {
          key,
          name: latest.name ?? key,
          latestVersion: latest.version,
          latestDefinitionId: latest.id,
          versions: versions.length,
          running: versions.reduce((n, v) => n + v.instances, 0),
          deprecatedVersions: versions
            .filter((v) => deprecated.has(v.id))
            .map((v) => v.version)
            .sort((a, b) => a - b),
        };
      });
  }

  /** the versions of one key, newest first; 404 for an unknown key */
  async versions(key: string): Promise<ProcessVersionDto[]> {
    const stats = await this.engine.getDefinitionStatistics({ key });
    if (stats.length === 0) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', `no process definition with key '${key}'`);
    const deprecated = await this.deprecations.deprecatedAmong(stats.map((s) => s.id));
    return stats.map((s) => ({
      id: s.id,
      version: s.version,
      name: s.name ?? s.key,
      deploymentId: s.deploymentId,
      deployedAt: s.deployedAt.toISOString(),
      running: s.instances,
      incidents: s.incidents,
      deprecated: deprecated.has(s.id),
    }));
  }
}
