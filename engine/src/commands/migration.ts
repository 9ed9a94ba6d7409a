import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { runCommand } from '../context/run-command.ts';
import type { EngineServices } from '../context/services.ts';
import { LzError } from '../errors.ts';
import type { DefinitionRecord } from '../model/definition-store.ts';
import type { EventDefinition, NodeModel, ProcessModel } from '../model/types.ts';
import { subscribe, subscribable } from '../operations/subscribe.ts';
import { setVariableLocal } from '../context/variables.ts';

export interface MigrationInstruction {
  sourceActivityIds: string[];
  targetActivityIds: string[];
  /** Camunda's flag; event subscriptions are always made again from the target model here */
  updateEventTrigger?: boolean;
}

export interface MigrationPlan {
  sourceProcessDefinitionId: string;
  targetProcessDefinitionId: string;
  instructions: MigrationInstruction[];
}

/** Camunda's MigrationPlanValidationReport: the problems of each instruction */
export interface MigrationPlanReport {
  instructionReports: { instruction: MigrationInstruction; failures: string[] }[];
}

function invalid(detail: string): never {
  throw new LzError('LZ_ERR_MIGRATION_INVALID', detail);
}

interface CheckedPlan {
  report: MigrationPlanReport;
  mapping: Map<string, string>;
  source: DefinitionRecord;
  target: DefinitionRecord;
}

/** checks each instruction of a plan against both models */
async function checkPlan(services: EngineServices, plan: MigrationPlan): Promise<CheckedPlan> {
  const source = await services.definitions.byId(plan.sourceProcessDefinitionId);
  const target = await services.definitions.byId(plan.targetProcessDefinitionId);
  const mapping = new Map<string, string>();
  const reports: { instruction: MigrationInstruction; failures: string[] }[] = [];
  for (const ins of plan.instructions ?? []) {
    const failures: string[] = [];
    reports.push({ instruction: ins, failures });
    if (ins.sourceActivityIds?.length !== 1 || ins.targetActivityIds?.length !== 1) {
      failures.push('each instruction maps exactly one source activity to one target activity');
      continue;
    }
    const [s] = ins.sourceActivityIds;
    const [t] = ins.targetActivityIds;
    const sn = source.model.nodes.get(s!);
    const tn = target.model.nodes.get(t!);
    if (!sn) failures.push(`source activity '${s}' does not exist in ${source.row.id}`);
    if (!tn) failures.push(`target activity '${t}' does not exist in ${target.row.id}`);
    // Camunda's SameTypeValidator: an activity keeps its type across a migration (a user task's
    // task row would never be completed by a service task's worker, and the other way round)
    if (sn && tn && sn.type !== tn.type) failures.push(`'${s}' (${sn.type}) cannot become '${t}' (${tn.type}): activities have incompatible types`);
    if (mapping.has(s!)) failures.push(`source activity '${s}' is mapped twice`);
    mapping.set(s!, t!);
  }
  // a mapped activity's scopes must map to the target activity's scopes
  for (const r of reports) {
    if (r.failures.length > 0) continue;
    const s = r.instruction.sourceActivityIds[0]!;
    const t = r.instruction.targetActivityIds[0]!;
    const sScope = source.model.nodes.get(s)?.scopeId;
    const tScope = target.model.nodes.get(t)?.scopeId;
    if (!sScope || !tScope) continue;
    const expected = sScope === source.model.id ? target.model.id : mapping.get(sScope);
    if (expected !== undefined && expected !== tScope) r.failures.push(`'${s}' sits in '${sScope}', which maps to '${expected}', but '${t}' sits in '${tScope}'`);
    if (expected === undefined && sScope !== source.model.id) r.failures.push(`the scope '${sScope}' of '${s}' is not mapped`);
  }
  return { report: { instructionReports: reports }, mapping, source, target };
}

/** checks a plan against both models; returns the activity mapping */
export async function validatePlan(services: EngineServices, plan: MigrationPlan): Promise<{ mapping: Map<string, string>; source: DefinitionRecord; target: DefinitionRecord }> {
  const checked = await checkPlan(services, plan);
  const problems = checked.report.instructionReports.flatMap((r) => r.failures);
  if (problems.length > 0) invalid([...new Set(problems)].join('; '));
  return checked;
}

/** Camunda's POST /migration/validate: every instruction with its problems (none: valid) */
export async function reportPlan(services: EngineServices, plan: MigrationPlan): Promise<MigrationPlanReport> {
  return (await checkPlan(services, plan)).report;
}

/** flow nodes that never hold a token between commands are not worth an instruction */
function migratable(node: NodeModel, model: ProcessModel): boolean {
  if (node.type === 'endEvent' || node.type === 'intermediateThrowEvent') return node.asyncBefore || node.asyncAfter;
  if (node.type === 'startEvent' && node.scopeId === model.id) return node.asyncAfter;
  return true;
}

/**
 * Camunda's POST /migration/generate: maps every activity to the activity of the same id and
 * type in the target, where its scope maps too (nested scopes follow their parents).
 */
export async function generatePlan(services: EngineServices, sourceId: string, targetId: string, opts: { updateEventTriggers?: boolean } = {}): Promise<MigrationPlan> {
  const source = (await services.definitions.byId(sourceId)).model;
  const target = (await services.definitions.byId(targetId)).model;
  const mapped = new Set<string>();
  const scopeMaps = (s: NodeModel, t: NodeModel) => (s.scopeId === source.id ? t.scopeId === target.id : mapped.has(s.scopeId) && s.scopeId === t.scopeId);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of source.nodes.values()) {
      const t = target.nodes.get(s.id);
      if (mapped.has(s.id) || !t || t.type !== s.type || !scopeMaps(s, t)) continue;
      mapped.add(s.id);
      grew = true;
    }
  }
  const instructions: MigrationInstruction[] = [];
  for (const id of source.nodes.keys()) {
    const node = source.nodes.get(id)!;
    if (!mapped.has(id) || !migratable(node, source)) continue;
    const hasTrigger = node.events.length > 0 && (node.type === 'boundaryEvent' || node.type === 'intermediateCatchEvent' || node.type === 'receiveTask' || node.type === 'startEvent');
    instructions.push({ sourceActivityIds: [id], targetActivityIds: [id], updateEventTrigger: !!opts.updateEventTriggers && hasTrigger });
  }
  return { sourceProcessDefinitionId: sourceId, targetProcessDefinitionId: targetId, instructions };
}

/**
 * Migrates running instances to another definition (Camunda's POST /migration/execute):
 * every active activity instance must be mapped; executions, tasks, external tasks and jobs
 * move to the mapped activities; event subscriptions (boundary events, event sub-processes,
 * catch events) are made again from the target model. All instances in one transaction.
 */
export async function migrateInstances(services: EngineServices, plan: MigrationPlan, processInstanceIds: string[], opts: { variables?: Record<string, unknown> } = {}): Promise<void> {
  if (processInstanceIds.length === 0) return;
  if (processInstanceIds.length > 1000) invalid('at most 1000 instances per call');
  const { mapping, source, target } = await validatePlan(services, plan);
  await runCommand(services, async (ctx) => {
    for (const id of processInstanceIds) {
      const inst = await ctx.instance(id);
      if (inst.row.definition_id !== source.row.id) invalid(`instance ${id} is of ${inst.row.definition_id}, not ${source.row.id}`);
      migrateOne(ctx, inst, mapping, target);
      if (opts.variables) for (const [k, v] of Object.entries(opts.variables)) setVariableLocal(ctx, inst, inst.id, k, v);
    }
  });
}

function migrateOne(ctx: CommandContext, inst: InstanceState, mapping: Map<string, string>, target: DefinitionRecord): void {
  const unmapped = [...inst.executions.values()].filter((e) => e.kind !== 'process' && e.kind !== 'event-scope' && !mapping.has(e.element_id!)).map((e) => e.element_id);
  if (unmapped.length > 0) invalid(`instance ${inst.id}: active activities not mapped: ${[...new Set(unmapped)].join(', ')}`);
  const targetModel: ProcessModel = target.model;
  // timers keep their due date when their event is mapped to a timer event of the target;
  // other subscriptions and timers are made again from the target model below
  const kept = new Set<string>();
  for (const j of [...inst.jobs.values()]) {
    if (j.type !== 'timer') continue;
    const t = mapping.get(j.element_id!);
    const timer = t ? targetModel.nodes.get(t)?.events.find((d) => d.kind === 'timer') : undefined;
    if (!t || !timer) continue;
    j.element_id = t;
    j.handler = { ...(j.handler as object), eventId: timer.id };
    kept.add(`${j.execution_id}/${t}`);
  }
  for (const e of [...inst.executions.values()]) {
    for (const j of [...inst.jobs.values()]) if (j.execution_id === e.id && j.type === 'timer' && !kept.has(`${e.id}/${j.element_id}`)) inst.removeJob(j.id);
    for (const s of [...inst.subscriptions.values()]) if (s.execution_id === e.id && s.type !== 'compensate') inst.removeSubscription(s.id);
    if (e.kind === 'event-scope') {
      inst.removeExecution(e.id); // a completed sub-process's compensation does not survive a migration
      continue;
    }
    if (e.kind === 'process') {
      e.element_id = targetModel.id;
      inst.touchExecution(e);
      continue;
    }
    e.element_id = mapping.get(e.element_id!)!;
    inst.touchExecution(e);
    ctx.uow.table('hist_activity_instances').patch(e.id, { element_id: e.element_id });
  }
  for (const t of inst.tasks.values()) {
    t.element_id = inst.executions.get(t.execution_id!)?.element_id ?? t.element_id;
    t.definition_id = target.row.id;
    t.definition_key = target.row.key;
    inst.touchTask(t);
    ctx.uow.table('hist_tasks').patch(t.id, { element_id: t.element_id, definition_key: target.row.key });
  }
  for (const x of inst.externalTasks.values()) {
    x.element_id = inst.executions.get(x.execution_id!)?.element_id ?? x.element_id;
    x.definition_id = target.row.id;
    x.definition_key = target.row.key;
    ctx.uow.table('external_tasks').changed(x);
  }
  for (const j of inst.jobs.values()) {
    if (j.type !== 'timer') j.element_id = (j.execution_id && inst.executions.get(j.execution_id)?.element_id) || j.element_id;
    j.definition_id = target.row.id;
    j.definition_key = target.row.key;
    inst.touchJob(j);
  }
  inst.row.definition_id = target.row.id;
  inst.row.definition_key = target.row.key;
  inst.touchInstance();
  inst.setDefinition(target);
  ctx.uow.table('hist_process_instances').patch(inst.id, { definition_id: target.row.id, definition_key: target.row.key });
  // listen again as the target model says (kept timers are not made twice)
  const listen = (owner: ExecutionRow, node: NodeModel, def: EventDefinition) => {
    if (!subscribable(def) || (def.kind === 'timer' && kept.has(`${owner.id}/${node.id}`))) return;
    subscribe(ctx, inst, owner, node, def);
  };
  for (const e of [...inst.executions.values()]) {
    const node = targetModel.nodes.get(e.element_id!);
    if (e.state === 'scope' && (e.kind === 'process' || (node && !node.loop))) {
      const scopeModel = targetModel.scopes.get(e.kind === 'process' ? targetModel.id : e.element_id!);
      for (const espId of scopeModel?.eventSubprocesses ?? []) {
        for (const c of targetModel.scopes.get(espId)!.children) {
          const start = targetModel.nodes.get(c)!;
          if (start.type === 'startEvent') for (const def of start.events) listen(e, start, def);
        }
      }
    }
    if (!node || e.kind === 'process') continue;
    const inner = e.kind === 'node' && inst.executions.get(e.parent_id!)?.kind === 'mi-body';
    if (!inner && (e.state === 'waiting' || e.state === 'scope')) {
      for (const b of node.boundaryEvents) {
        const bn = targetModel.nodes.get(b)!;
        for (const def of bn.events) listen(e, bn, def);
      }
    }
    if (e.state === 'waiting' && (node.type === 'intermediateCatchEvent' || node.type === 'receiveTask')) {
      for (const def of node.events) listen(e, node, def);
    }
    if (e.state === 'waiting' && node.type === 'eventBasedGateway') {
      for (const fid of node.outgoing) {
        const t = targetModel.nodes.get(targetModel.flows.get(fid)!.target)!;
        for (const def of t.events) listen(e, t, def);
      }
    }
  }
  ctx.emit({ type: 'process-instance.migrated', processInstanceId: inst.id, processDefinitionId: target.row.id });
}
