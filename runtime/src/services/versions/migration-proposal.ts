import { isLzError, LzError, type Engine, type NodeModel, type ProcessModel } from '@liuzhuan/engine';
import type { MigrationProposalDto } from '../../api-types/monitor.ts';

/**
 * A migration proposal between two versions (API contract B): the engine's generated plan
 * (activities of equal id, type and scope — Camunda's MigrationPlanGenerator), checked by its
 * validation report, and for every source activity the plan leaves out, why, with how many
 * running instances stand at it (those could not be migrated with this plan).
 */
export async function migrationProposal(engine: Engine, sourceId: string, targetId: string): Promise<MigrationProposalDto> {
  const defs = await engine.getDefinitions({ ids: [sourceId, targetId] });
  for (const id of [sourceId, targetId]) {
    // query parameters, not a resource path: an unknown id is a bad request (as /engine-rest/migration)
    if (!defs.some((d) => d.id === id)) throw new LzError('LZ_ERR_BAD_REQUEST', `no process definition with id '${id}'`);
  }
  const targetVersion = defs.find((d) => d.id === targetId)!.version;
  const plan = await engine.generateMigrationPlan(sourceId, targetId).catch((e: unknown) => {
    throw isLzError(e, 'LZ_ERR_DEFINITION_NOT_FOUND') ? new LzError('LZ_ERR_BAD_REQUEST', e.message) : e;
  });
  const report = await engine.reportMigrationPlan(plan);
  const failed = new Map<string, string>();
  const instructions: MigrationProposalDto['instructions'] = [];
  for (const r of report.instructionReports) {
    const s = r.instruction.sourceActivityIds[0]!;
    if (r.failures.length > 0) failed.set(s, r.failures.join('; '));
    else instructions.push({ sourceActivityIds: [...r.instruction.sourceActivityIds], targetActivityIds: [...r.instruction.targetActivityIds] });
  }
  const mapped = new Set(instructions.map((i) => i.sourceActivityIds[0]!));
  const [source, target, stats, runningInstances] = await Promise.all([
    engine.getDefinitionModel(sourceId),
    engine.getDefinitionModel(targetId),
    engine.getActivityStatistics(sourceId),
    engine.countProcessInstances({ processDefinitionId: sourceId }),
  ]);
  const runningAt = new Map(stats.map((s) => [s.activityId, s.instances]));
  const unmapped: MigrationProposalDto['unmapped'] = [];
  for (const node of source.nodes.values()) {
    if (mapped.has(node.id)) continue;
    const running = runningAt.get(node.id) ?? 0;
    const reason = failed.get(node.id) ?? whyUnmapped(node, source, target, targetVersion, mapped);
    // left out of the plan only because no token ever waits there (a plain start or end event)
    if (reason === null && running === 0) continue;
    unmapped.push({ activityId: node.id, name: node.name, running, reason: reason ?? `'${node.id}' is not mapped` });
  }
  return { instructions, unmapped, runningInstances };
}

/** why the generator left a source activity out; null when it has a twin in the target */
function whyUnmapped(node: NodeModel, source: ProcessModel, target: ProcessModel, targetVersion: number, mapped: ReadonlySet<string>): string | null {
  const twin = target.nodes.get(node.id);
  if (!twin) return `no activity with this id in version ${targetVersion}`;
  if (twin.type !== node.type) return `type changed from ${node.type} to ${twin.type}`;
  const inRoot = node.scopeId === source.id;
  const twinInRoot = twin.scopeId === target.id;
  if (inRoot !== twinInRoot || (!inRoot && node.scopeId !== twin.scopeId)) {
    return `moved from ${inRoot ? 'the process' : `'${node.scopeId}'`} into ${twinInRoot ? 'the process' : `'${twin.scopeId}'`}`;
  }
  if (!inRoot && !mapped.has(node.scopeId)) return `its scope '${node.scopeId}' is not mapped`;
  return null;
}
