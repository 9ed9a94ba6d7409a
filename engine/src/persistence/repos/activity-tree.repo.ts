import type { ProcessModel } from '../../model/types.ts';
import type { Db } from '../db.ts';

/** Camunda's activity-instance tree: scopes containing the activity instances inside them. */
export interface ActivityInstance {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  activityName: string | null;
  processInstanceId: string;
  processDefinitionId: string;
  childActivityInstances: ActivityInstance[];
  childTransitionInstances: TransitionInstance[];
  executionIds: string[];
  incidentIds: string[];
}

export interface TransitionInstance {
  id: string;
  parentActivityInstanceId: string;
  activityId: string;
  activityType: string;
  processInstanceId: string;
  processDefinitionId: string;
  executionId: string;
  targetActivityId: string;
}

interface Row {
  id: string;
  parent_id: string | null;
  element_id: string;
  kind: string;
  state: string;
}

export async function loadActivityTree(db: Db, processInstanceId: string, model: (definitionId: string) => Promise<ProcessModel>): Promise<ActivityInstance | null> {
  const [inst] = await db.query<{ definition_id: string }>(`SELECT definition_id FROM process_instances WHERE id = $1`, [processInstanceId]);
  if (!inst) return null;
  const rows = await db.query<Row>(`SELECT id, parent_id, element_id, kind, state FROM executions WHERE instance_id = $1 ORDER BY id`, [processInstanceId]);
  const incidents = await db.query<{ id: string; execution_id: string | null }>(`SELECT id, execution_id FROM incidents WHERE instance_id = $1`, [processInstanceId]);
  const m = await model(inst.definition_id);
  const byParent = new Map<string, Row[]>();
  for (const r of rows) if (r.parent_id) byParent.set(r.parent_id, [...(byParent.get(r.parent_id) ?? []), r]);
  const build = (r: Row, parentId: string | null): ActivityInstance => {
    const node = m.nodes.get(r.element_id);
    const isBody = r.kind === 'mi-body';
    const out: ActivityInstance = {
      id: r.id,
      parentActivityInstanceId: parentId,
      activityId: isBody ? `${r.element_id}#multiInstanceBody` : r.element_id,
      activityType: r.kind === 'process' ? 'processDefinition' : isBody ? 'multiInstanceBody' : (node?.type ?? r.kind),
      activityName: r.kind === 'process' ? m.name : (node?.name ?? null),
      processInstanceId,
      processDefinitionId: inst.definition_id,
      childActivityInstances: [],
      childTransitionInstances: [],
      executionIds: [r.id],
      incidentIds: incidents.filter((i) => i.execution_id === r.id).map((i) => i.id),
    };
    for (const c of byParent.get(r.id) ?? []) {
      // a completed sub-process kept for compensation shows only while handlers run inside it
      if (c.kind === 'event-scope' && !(byParent.get(c.id) ?? []).some((x) => x.kind !== 'event-scope')) continue;
      if (c.state === 'async-before' || c.state === 'async-after') {
        out.childTransitionInstances.push({
          id: c.id,
          parentActivityInstanceId: r.id,
          activityId: c.element_id,
          activityType: m.nodes.get(c.element_id)?.type ?? 'unknown',
          processInstanceId,
          processDefinitionId: inst.definition_id,
          executionId: c.id,
          targetActivityId: c.element_id,
        });
      } else {
        out.childActivityInstances.push(build(c, r.id));
      }
    }
    return out;
  };
  const root = rows.find((r) => r.kind === 'process');
  return root ? build(root, null) : null;
}
