import type { Engine, HistoricInstance } from '@liuzhuan/engine';

/** what the workspace's lists and the timeline say about a request (a process instance) */

export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Camunda's history states in the words of the app: active, suspended, completed, canceled */
export function requestState(h: Pick<HistoricInstance, 'state'>): string {
  switch (h.state) {
    case 'ACTIVE':
      return 'active';
    case 'SUSPENDED':
      return 'suspended';
    case 'COMPLETED':
      return 'completed';
    default:
      // EXTERNALLY_TERMINATED (deleted by someone) and INTERNALLY_TERMINATED (a terminate end event)
      return 'canceled';
  }
}

/** the historic instances and definition names for the rows of one page, by id (two reads however long the page) */
export async function requestsOf(engine: Engine, instanceIds: readonly string[], definitionIds: readonly string[]): Promise<{ instances: Map<string, HistoricInstance>; names: Map<string, string | null> }> {
  const ids = [...new Set(instanceIds)];
  const defs = [...new Set(definitionIds)];
  const instances = ids.length > 0 ? await engine.getHistoricInstances({ processInstanceIds: ids }) : [];
  const definitions = defs.length > 0 ? await engine.getDefinitions({ ids: defs }) : [];
  return { instances: new Map(instances.map((i) => [i.id, i])), names: new Map(definitions.map((d) => [d.id, d.name])) };
}
