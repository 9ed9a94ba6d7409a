import type { DefinitionInfo, Engine } from '@liuzhuan/engine';
import type { ProcessDefinitionDtoType } from './process-definition.schema.ts';

/** a stored definition → Camunda's ProcessDefinitionDto (the compiled model adds what the row lacks) */
export async function toDefinitionDto(engine: Engine, d: DefinitionInfo): Promise<ProcessDefinitionDtoType> {
  const model = await engine.getDefinitionModel(d.id).catch(() => null);
  return {
    id: d.id,
    key: d.key,
    category: null,
    description: null,
    name: d.name,
    version: d.version,
    resource: d.resourceName,
    deploymentId: d.deploymentId,
    diagram: null,
    suspended: d.suspended,
    tenantId: null,
    versionTag: d.versionTag,
    historyTimeToLive: d.historyTimeToLive,
    startableInTasklist: model?.startableInTasklist ?? true,
  };
}

export function toDefinitionDtos(engine: Engine, defs: DefinitionInfo[]): Promise<ProcessDefinitionDtoType[]> {
  return Promise.all(defs.map((d) => toDefinitionDto(engine, d)));
}
