import type { Engine } from '@liuzhuan/engine';
import type { EntitiesService } from '../entities/entities.service.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { OrgService } from '../org/org.service.ts';
import { discoverPacks, type PackSelection } from './pack-discovery.ts';
import { checkPack, installPack, type InstalledPack } from './pack-install.ts';
import { PackLoadError } from './pack-errors.ts';
import { readOrgSeed, seedOrg, type SeedResult } from './org-seed.ts';

export { PackLoadError } from './pack-errors.ts';
export { discoverPacks, type FoundPack, type PackSelection } from './pack-discovery.ts';
export { PackManifestSchema, readManifest, type PackManifest } from './pack-manifest.ts';
export { readPackResources } from './pack-resources.ts';
export { checkPack, installPack, type InstalledPack } from './pack-install.ts';
export { OrgSeedSchema, type OrgSeed } from './org-seed.schema.ts';
export { readOrgSeed, seedOrg, type SeedResult } from './org-seed.ts';

export interface PackDeps {
  engine: Engine;
  entities: EntitiesService;
  org: OrgService;
  identity: IdentityService;
  /** the plugins working topics in this process (a pack's required plugin missing → a warning) */
  plugins: readonly string[];
}

export interface PackOptions extends PackSelection {
  /** DEMO: seed each pack's seed/org.json (once) */
  demo: boolean;
  /** DEMO_PASSWORD: what the seeded users log in with */
  demoPassword: string;
}

export interface LoadedPack extends InstalledPack {
  /** the demo organisation; null when DEMO is off or the pack has none */
  seed: SeedResult | null;
}

export interface PacksReport {
  packs: LoadedPack[];
  /** what the admin should know but does not stop the start (a required plugin not loaded) */
  warnings: string[];
}

/**
 * The packs at boot (server.ts; tests call it when they want packs): finds the pack folders,
 * checks them all before installing any, installs each as one deployment with
 * deploy-changed-only, and with DEMO on seeds each pack's demo organisation once. Idempotent:
 * run on every start, an unchanged pack adds no version and a seeded org is left alone.
 */
export async function loadPacks(deps: PackDeps, opts: PackOptions): Promise<PacksReport> {
  const found = discoverPacks(opts);
  // the seeds are read (and checked) up front, so a broken one stops the start before any deployment
  const seeds = new Map(found.map((p) => [p.manifest.id, opts.demo ? readOrgSeed(p) : null]));
  const problems: string[] = [];
  for (const pack of found) {
    try {
      await checkPack(deps.engine, pack);
    } catch (e) {
      if (!(e instanceof PackLoadError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new PackLoadError(problems);
  const warnings: string[] = [];
  const packs: LoadedPack[] = [];
  for (const pack of found) {
    for (const plugin of pack.manifest.requirements?.plugins ?? []) {
      if (!deps.plugins.includes(plugin)) warnings.push(`pack ${pack.manifest.id} uses the plugin '${plugin}', which does not work in this process (PLUGINS): its tasks wait for a remote worker`);
    }
    const installed = await installPack(deps, pack);
    const s = seeds.get(pack.manifest.id);
    const seed = s ? await seedOrg({ db: deps.engine.db, org: deps.org, identity: deps.identity }, pack, s.seed, s.hash, opts.demoPassword) : null;
    packs.push({ ...installed, seed });
  }
  return { packs, warnings };
}
