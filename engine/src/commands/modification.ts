import type { CommandContext } from '../context/command-context.ts';
import { activityStarted, instanceEnded } from '../context/history.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { runCommand } from '../context/run-command.ts';
import type { EngineServices } from '../context/services.ts';
import { setVariableLocal, setVariables } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import { activateScope } from '../operations/activate-scope.ts';
import { cancelExecution } from '../operations/cancel.ts';
import { enterNode } from '../operations/enter-node.ts';
import { liveChildren, newExecution } from '../operations/executions.ts';
import { subscribeBoundaries } from '../operations/start-activity.ts';

export type ModificationInstruction =
  | { type: 'cancel'; activityInstanceId?: string; transitionInstanceId?: string; activityId?: string }
  | ({ type: 'startBeforeActivity'; activityId: string } & StartVariables)
  | ({ type: 'startAfterActivity'; activityId: string } & StartVariables)
  | ({ type: 'startTransition'; transitionId: string } & StartVariables);

interface StartVariables {
  ancestorActivityInstanceId?: string;
  /** set like Camunda's setVariable from the new activity instance (the instance gets new ones) */
  variables?: Record<string, unknown>;
  /** set on the new activity instance itself (Camunda's setVariableLocal) */
  variablesLocal?: Record<string, unknown>;
}

function invalid(detail: string): never {
  throw new LzError('LZ_ERR_MODIFICATION_INVALID', detail);
}

/**
 * Process-instance modification (Camunda's POST /process-instance/{id}/modification): the
 * instructions run in order in one command — cancel activity instances, start before or after
 * an activity, or on a sequence flow — which is how "return to an earlier step" works. Missing
 * parent scopes of a started activity are created. Scopes left empty once every instruction
 * ran are cancelled, up to the process instance (which then ends EXTERNALLY_TERMINATED).
 */
export async function modifyProcessInstance(services: EngineServices, instanceId: string, instructions: ModificationInstruction[], opts: { annotation?: string } = {}): Promise<void> {
  if (!Array.isArray(instructions) || instructions.length === 0) invalid('no instructions');
  return runCommand(services, async (ctx) => {
    const inst = await ctx.instance(instanceId);
    for (const [i, ins] of instructions.entries()) {
      try {
        await apply(ctx, inst, ins);
      } catch (e) {
        if (e instanceof LzError && e.code === 'LZ_ERR_MODIFICATION_INVALID') throw new LzError(e.code, `instruction ${i + 1} (${ins.type}): ${e.message}`);
        throw e;
      }
    }
    await pruneEmptyScopes(ctx, inst, opts.annotation ?? 'modification');
  });
}

async function apply(ctx: CommandContext, inst: InstanceState, ins: ModificationInstruction): Promise<void> {
  const model = inst.model;
  switch (ins.type) {
    case 'cancel': {
      const id = ins.activityInstanceId ?? ins.transitionInstanceId;
      let targets: ExecutionRow[];
      if (id) {
        const e = inst.executions.get(id);
        if (!e || e.kind === 'process' || e.kind === 'event-scope') invalid(`no activity instance ${id}`);
        targets = [e];
      } else if (ins.activityId) {
        const activityId = ins.activityId.replace(/#multiInstanceBody$/, '');
        targets = [...inst.executions.values()].filter((e) => e.element_id === activityId && e.kind !== 'process' && e.kind !== 'event-scope' && !isInnerOf(inst, e));
        if (targets.length === 0) invalid(`no activity instance of '${ins.activityId}'`);
      } else {
        invalid('cancel needs activityInstanceId, transitionInstanceId or activityId');
      }
      for (const e of targets) if (inst.executions.has(e.id)) await cancelExecution(ctx, inst, e, 'cancelled by modification');
      return;
    }
    case 'startBeforeActivity':
    case 'startAfterActivity': {
      const node = model.nodes.get(ins.activityId);
      if (!node) invalid(`no activity '${ins.activityId}' in '${model.id}'`);
      const scope = resolveScope(ctx, inst, node.scopeId, ins.ancestorActivityInstanceId);
      let exec: ExecutionRow;
      if (ins.type === 'startBeforeActivity') {
        exec = enterNode(ctx, inst, scope, node.id, null);
      } else {
        if (node.outgoing.length !== 1) invalid(`'${node.id}' has ${node.outgoing.length} outgoing flows; start after it needs exactly one`);
        const flow = model.flows.get(node.outgoing[0]!)!;
        exec = enterNode(ctx, inst, scope, flow.target, flow.id);
      }
      startVariables(ctx, inst, exec, ins);
      return;
    }
    case 'startTransition': {
      const flow = model.flows.get(ins.transitionId);
      if (!flow) invalid(`no sequence flow '${ins.transitionId}' in '${model.id}'`);
      const source = model.nodes.get(flow.source)!;
      const scope = resolveScope(ctx, inst, source.scopeId, ins.ancestorActivityInstanceId);
      const exec = enterNode(ctx, inst, scope, flow.target, flow.id);
      startVariables(ctx, inst, exec, ins);
      return;
    }
    default:
      invalid(`unknown instruction type '${(ins as { type: string }).type}'`);
  }
}

function startVariables(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, ins: StartVariables): void {
  for (const [k, v] of Object.entries(ins.variablesLocal ?? {})) setVariableLocal(ctx, inst, exec.id, k, v);
  setVariables(ctx, inst, exec.id, ins.variables);
}

function isInnerOf(inst: InstanceState, e: ExecutionRow): boolean {
  const p = e.parent_id ? inst.executions.get(e.parent_id) : undefined;
  return p?.kind === 'mi-body' && p.element_id === e.element_id;
}

/**
 * The execution of scope `scopeId` a started activity goes into: found (below
 * `ancestorId` when given), or made — with its boundary events and event sub-processes listening — when the
 * instance has none (Camunda creates missing parent activity instances).
 */
function resolveScope(ctx: CommandContext, inst: InstanceState, scopeId: string, ancestorId?: string): ExecutionRow {
  const model = inst.model;
  const chain: string[] = [];
  for (let s: string | undefined = scopeId; s && s !== model.id; s = model.nodes.get(s)?.scopeId) chain.unshift(s);
  let cur: ExecutionRow = inst.root();
  if (ancestorId) {
    const a = inst.executions.get(ancestorId);
    if (!a) invalid(`no ancestor activity instance ${ancestorId}`);
    const at = a.kind === 'process' ? -1 : chain.indexOf(a.element_id!);
    if (a.kind !== 'process' && at < 0) invalid(`activity instance ${ancestorId} is not an ancestor scope of '${scopeId}'`);
    chain.splice(0, at + 1);
    cur = a;
  }
  for (const s of chain) {
    const node = model.nodes.get(s)!;
    if (node.loop) invalid(`'${s}' is a multi-instance or loop sub-process; start inside an existing instance of it (ancestorActivityInstanceId)`);
    const found = inst.children(cur.id).filter((e) => e.element_id === s && e.state === 'scope' && e.kind === 'node');
    if (found.length > 1) invalid(`'${s}' has ${found.length} instances; say which with ancestorActivityInstanceId`);
    if (found.length === 1) {
      cur = found[0]!;
      continue;
    }
    const made = newExecution(ctx, inst, cur.id, s, 'node', 'scope');
    activityStarted(ctx, inst, made, node);
    subscribeBoundaries(ctx, inst, made, node);
    activateScope(ctx, inst, made);
    cur = made;
  }
  return cur;
}

async function pruneEmptyScopes(ctx: CommandContext, inst: InstanceState, reason: string): Promise<void> {
  for (let changed = true; changed && !inst.ended; ) {
    changed = false;
    for (const e of [...inst.executions.values()]) {
      if (e.kind === 'process' || e.state !== 'scope' || !inst.executions.has(e.id)) continue;
      if (liveChildren(inst, e.id).length > 0) continue;
      await cancelExecution(ctx, inst, e, reason);
      changed = true;
    }
    if (liveChildren(inst, inst.id).length === 0) {
      await cancelExecution(ctx, inst, inst.root(), reason);
      instanceEnded(ctx, inst, 'EXTERNALLY_TERMINATED', null, reason);
      inst.removeAll();
      return;
    }
  }
}
