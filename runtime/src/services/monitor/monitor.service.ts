import { LzError, type ActivityInstance, type Engine, type HistoricInstanceQuery } from '@liuzhuan/engine';
import type { HeatmapDto, InstanceDetailDto, InstanceListDto, InstanceListQueryDto } from '../../api-types/monitor.ts';
import { instanceSummary, plainValue } from './instance-summary.ts';

const STATE_FILTER: Record<NonNullable<InstanceListQueryDto['state']>, Partial<HistoricInstanceQuery>> = {
  active: { finished: false, withIncident: false },
  incident: { withIncident: true },
  completed: { states: ['COMPLETED'] },
  canceled: { states: ['EXTERNALLY_TERMINATED', 'INTERNALLY_TERMINATED'] },
};

/**
 * The monitor (API contract B): instances from history (running and ended alike, newest first),
 * one instance with its diagram, tokens, path, incidents and variables, and a definition's
 * heatmap. Everything is read through the engine's queries; nothing here writes.
 */
export class MonitorService {
  constructor(private readonly engine: Engine) {}

  async instances(q: InstanceListQueryDto): Promise<InstanceListDto> {
    const hq: HistoricInstanceQuery = { businessKey: q.businessKey, startedBy: q.startedBy, ...(q.state ? STATE_FILTER[q.state] : {}) };
    if (q.version !== undefined && q.key === undefined) throw new LzError('LZ_ERR_BAD_REQUEST', 'version needs key: a version number is one per process key');
    if (q.key !== undefined && q.version !== undefined) {
      const [def] = await this.engine.getDefinitions({ key: q.key, version: q.version });
      if (!def) return { items: [], total: 0 };
      hq.processDefinitionId = def.id;
    } else if (q.key !== undefined) hq.processDefinitionKey = q.key;
    const [rows, total] = await Promise.all([
      this.engine.getHistoricInstances({ ...hq, sort: [{ by: 'startTime', order: 'desc' }], first: q.offset ?? 0, max: q.limit ?? 50 }),
      this.engine.countHistoricInstances(hq),
    ]);
    const incidents = await this.incidentCounts(rows.filter((r) => r.endTime === null).map((r) => r.id));
    return { items: rows.map((r) => instanceSummary(r, incidents.get(r.id) ?? 0)), total };
  }

  async instance(id: string): Promise<InstanceDetailDto> {
    const [h] = await this.engine.getHistoricInstances({ processInstanceId: id });
    if (!h) throw new LzError('LZ_ERR_INSTANCE_NOT_FOUND', `no process instance with id '${id}'`);
    const running = h.endTime === null;
    const [incidents, xml, tree, path, variables] = await Promise.all([
      running ? this.engine.queryIncidents({ processInstanceId: id, sort: [{ by: 'incidentTimestamp' }] }) : [],
      this.engine.getDefinitionXml(h.definitionId),
      running ? this.engine.getActivityTree(id) : null,
      this.engine.getHistoricActivities({ processInstanceId: id, sort: [{ by: 'occurrence' }] }),
      this.variables(id, running),
    ]);
    return {
      instance: instanceSummary(h, incidents.length),
      xml: xml?.content ?? '',
      active: tree ? activeCounts(tree) : [],
      path: path.map((a) => ({ activityId: a.activityId, activityType: a.activityType, startTime: a.startTime.toISOString(), endTime: a.endTime ? a.endTime.toISOString() : null, canceled: a.canceled })),
      incidents: incidents.map((i) => ({
        id: i.id,
        activityId: i.activityId,
        type: i.incidentType,
        message: i.incidentMessage,
        jobId: i.jobId,
        externalTaskId: i.externalTaskId,
        time: i.incidentTimestamp.toISOString(),
      })),
      variables,
    };
  }

  /** per activity of the definition: finished instances with their mean and longest duration, and those still active */
  async heatmap(definitionId: string): Promise<HeatmapDto> {
    const [def] = await this.engine.getDefinitions({ id: definitionId });
    if (!def) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', `no process definition with id '${definitionId}'`);
    const stats = await this.engine.getHistoricActivityStatistics(definitionId);
    return { activities: stats.map((s) => ({ activityId: s.activityId, count: s.finished, avgMs: Math.round(s.avgMs), maxMs: Math.round(s.maxMs), active: s.active })) };
  }

  private async incidentCounts(instanceIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (instanceIds.length === 0) return counts;
    for (const i of await this.engine.queryIncidents({ processInstanceIds: instanceIds })) counts.set(i.processInstanceId, (counts.get(i.processInstanceId) ?? 0) + 1);
    return counts;
  }

  /** the process-level variables: live while it runs, their last values from history once it ended */
  private async variables(id: string, running: boolean): Promise<InstanceDetailDto['variables']> {
    const rows = running
      ? await this.engine.getTypedVariables(id, id)
      : (await this.engine.getHistoricVariableInstances({ processInstanceId: id })).filter((v) => v.scopeId === id).sort((a, b) => a.name.localeCompare(b.name));
    return rows.map((v) => ({ name: v.name, type: v.type, value: plainValue(v.type, v.value) }));
  }
}

/** activity instances per activity in an activity tree (the process and multi-instance bodies left out) */
function activeCounts(root: ActivityInstance): { activityId: string; count: number }[] {
  const counts = new Map<string, number>();
  const add = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  const walk = (a: ActivityInstance) => {
    for (const t of a.childTransitionInstances) add(t.activityId);
    for (const c of a.childActivityInstances) {
      if (c.activityType !== 'multiInstanceBody') add(c.activityId);
      walk(c);
    }
  };
  walk(root);
  return [...counts.entries()].map(([activityId, count]) => ({ activityId, count }));
}
