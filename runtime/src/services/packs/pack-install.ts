import { isLzError, type DeployedDefinition, type DeployResource, type Engine } from '@liuzhuan/engine';
import type { EntitiesService } from '../entities/entities.service.ts';
import { checkEntityFiles, registerEntityFiles } from '../entities/deployment-types.ts';
import type { FoundPack } from './pack-discovery.ts';
import { PackLoadError } from './pack-errors.ts';
import { readPackResources } from './pack-resources.ts';

export interface InstalledPack {
  id: string;
  version: string;
  name: Readonly<Record<string, string>>;
  /** the deployment holding the pack's current files (an earlier one when nothing changed) */
  deploymentId: string;
  /** every process of the pack at its current version */
  definitions: DeployedDefinition[];
  /** the processes this install gave a new version (none when the pack did not change) */
  newVersions: DeployedDefinition[];
  startable: string[];
}

const where = (pack: FoundPack, resource?: string) => (resource ? `${pack.dir}/${resource.split('/').slice(1).join('/')}` : pack.dir);

/**
 * The pack's own rules (readPackResources) and the engine's deploy-time checks of every model,
 * nothing stored; throws PackLoadError listing every problem with its file and element.
 */
export async function checkPack(engine: Engine, pack: FoundPack): Promise<DeployResource[]> {
  const { resources, problems } = readPackResources(pack);
  if (problems.length > 0) throw new PackLoadError(problems);
  const modelProblems = await engine.validate(resources).catch((e: unknown) => {
    if (isLzError(e)) throw new PackLoadError([`${pack.dir}: ${e.message}`]);
    throw e;
  });
  if (modelProblems.length > 0) throw new PackLoadError(modelProblems.map((p) => `${where(pack, p.resource)}: ${p.elementId}: ${p.message}`));
  return resources;
}

/**
 * Installs a pack as ONE ordinary deployment of all its .bpmn, .form and .entity.json files,
 * with deploy-changed-only: the engine keeps the version of every process whose file did not
 * change (an unchanged pack writes nothing), an edited one gets a new version and its running
 * instances finish on the old. Entity types are checked before anything is deployed and stored
 * after, with the deployment id — exactly what POST /engine-rest/deployment/create does.
 */
export async function installPack(deps: { engine: Engine; entities: EntitiesService }, pack: FoundPack): Promise<InstalledPack> {
  const resources = await checkPack(deps.engine, pack);
  let entityTypes;
  try {
    entityTypes = await checkEntityFiles(deps.entities, resources);
  } catch (e) {
    if (!isLzError(e)) throw e;
    const errors = (Array.isArray(e.details.errors) ? e.details.errors : []) as { path: string; message: string }[];
    throw new PackLoadError(errors.length > 0 ? errors.map((x) => `${where(pack, x.path.split('#')[0])} ${x.path.split('#')[1] || '/'}: ${x.message}`) : [`${pack.dir}: ${e.message}`]);
  }
  const { id, version, name, startable } = pack.manifest;
  const result = await deps.engine.deploy(resources, { name: `${id}@${version}`, source: `pack:${id}`, changedOnly: true });
  if (entityTypes.length > 0) await registerEntityFiles(deps.entities, entityTypes, result.id);
  return { id, version, name, deploymentId: result.id, definitions: result.definitions, newVersions: result.definitions.filter((d) => d.isNew), startable: [...startable] };
}
