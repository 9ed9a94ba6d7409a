import type { CommandContext } from '../context/command-context.ts';
import { activityStarted, uncaughtError } from '../context/history.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { setVariableLocal, setVariables } from '../context/variables.ts';
import type { EventDefinition, NodeModel } from '../model/types.ts';
import { activateScope } from './activate-scope.ts';
import { cancelChildren, cancelExecution } from './cancel.ts';
import { enterNode } from './enter-node.ts';
import { newExecution, parentOf } from './executions.ts';
import { removeEventRows } from './owned-rows.ts';
import { isInnerInstance } from './start-activity.ts';

type Kind = 'error' | 'escalation';

interface Handler {
  inst: InstanceState;
  via: 'boundary' | 'event-subprocess';
  /** boundary: the activity it sits on; event sub-process: the scope it starts in */
  exec: ExecutionRow;
  node: NodeModel;
  def: EventDefinition;
}

function codeOf(def: EventDefinition): string | null | undefined {
  if (def.kind === 'error') return def.errorCode;
  if (def.kind === 'escalation') return def.escalationCode;
  return undefined;
}

/** a specific code beats a catch-all (Camunda ErrorEventSubProcessTest.testErrorCodeTakesPrecedence) */
function bestMatch(candidates: NodeModel[], kind: Kind, code: string | null): [NodeModel, EventDefinition] | null {
  let catchAll: [NodeModel, EventDefinition] | null = null;
  for (const n of candidates) {
    for (const def of n.events) {
      if (def.kind !== kind) continue;
      const c = codeOf(def);
      if (c !== null && c !== undefined && code !== null && c === code) return [n, def];
      if (c === null && !catchAll) catchAll = [n, def];
    }
  }
  return catchAll;
}

/**
 * Finds who catches an error or escalation thrown at `from`, searching outwards (BPMN 2.0
 * §10.5.5, Camunda's BpmnExceptionHandler): boundary events of the throwing activity, then
 * for each enclosing scope its event sub-processes (inner scope first) and the boundary
 * events of the scope itself, up through call activities into the calling instance.
 */
async function findHandler(ctx: CommandContext, inst: InstanceState, from: ExecutionRow, kind: Kind, code: string | null): Promise<Handler | null> {
  const fromNode = inst.model.nodes.get(from.element_id!);
  let curInst = inst;
  let cur: ExecutionRow = from;
  let checkBoundary = !!fromNode && !fromNode.type.endsWith('Event');
  let passedEsp: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    if (checkBoundary) {
      const host = isInnerInstance(curInst, cur) ? parentOf(curInst, cur) : cur;
      const hostNode = curInst.model.nodes.get(host.element_id!);
      const boundaries = (hostNode?.boundaryEvents ?? []).map((b) => curInst.model.nodes.get(b)!);
      const m = bestMatch(boundaries, kind, code);
      if (m) return { inst: curInst, via: 'boundary', exec: host, node: m[0], def: m[1] };
      cur = host;
    }
    const scope = cur.kind === 'process' ? null : parentOf(curInst, cur);
    if (!scope) {
      // left the process: continue at the call activity that started it
      const superExec = curInst.row.super_execution_id;
      if (!superExec || !curInst.row.super_instance_id) return null;
      const parent = await ctx.tryInstance(curInst.row.super_instance_id);
      const callExec = parent?.executions.get(superExec);
      if (!parent || !callExec) return null;
      curInst = parent;
      cur = callExec;
      checkBoundary = true;
      passedEsp = null;
      continue;
    }
    if (scope.kind === 'mi-body') {
      cur = scope;
      checkBoundary = true;
      continue;
    }
    const scopeModel = curInst.model.scopes.get(scope.kind === 'process' ? curInst.model.id : scope.element_id!);
    const starts = (scopeModel?.eventSubprocesses ?? [])
      .filter((esp) => esp !== passedEsp)
      .flatMap((esp) => curInst.model.scopes.get(esp)!.children.map((c) => curInst.model.nodes.get(c)!).filter((n) => n.type === 'startEvent'));
    const m = bestMatch(starts, kind, code);
    if (m) return { inst: curInst, via: 'event-subprocess', exec: scope, node: m[0], def: m[1] };
    const scopeNode = curInst.model.nodes.get(scope.element_id!);
    passedEsp = scopeNode?.triggeredByEvent ? scopeNode.id : null;
    cur = scope;
    checkBoundary = scope.kind === 'node' && !scopeNode?.triggeredByEvent;
    if (scope.kind === 'process') {
      cur = scope;
      checkBoundary = false;
    }
  }
  return null;
}

function catchVariables(def: EventDefinition, code: string | null, message: string | null): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  if (def.kind === 'error') {
    if (def.codeVariable) vars[def.codeVariable] = code;
    if (def.messageVariable) vars[def.messageVariable] = message;
  }
  if (def.kind === 'escalation' && def.codeVariable) vars[def.codeVariable] = code;
  return vars;
}

async function handle(ctx: CommandContext, h: Handler, code: string | null, message: string | null, payload: Record<string, unknown>): Promise<void> {
  const { inst, exec, node, def } = h;
  const vars = catchVariables(def, code, message);
  if (h.via === 'boundary') {
    const scope = parentOf(inst, exec);
    const interrupting = def.kind === 'error' || node.cancelActivity;
    if (interrupting) await cancelExecution(ctx, inst, exec, `${def.kind} '${code ?? ''}' caught by ${node.id}`);
    setVariables(ctx, inst, scope.id, payload);
    setVariables(ctx, inst, scope.id, vars);
    enterNode(ctx, inst, scope, node.id, null, { fired: true });
    return;
  }
  await startEventSubprocess(ctx, inst, exec, node, { ...payload }, vars);
}

/**
 * An event sub-process starts in `scope` (BPMN 2.0 §10.2.5): an interrupting one first
 * cancels everything else in the scope and stops the scope's other event sub-processes.
 */
export async function startEventSubprocess(
  ctx: CommandContext,
  inst: InstanceState,
  scope: ExecutionRow,
  start: NodeModel,
  payload: Record<string, unknown>,
  localVars: Record<string, unknown> = {},
): Promise<void> {
  const espNode = inst.model.nodes.get(start.scopeId)!;
  if (start.isInterrupting) {
    await cancelChildren(ctx, inst, scope, `interrupted by event sub-process ${espNode.id}`, (c) => c.kind === 'event-scope');
    removeEventRows(inst, scope.id);
  }
  const esp = newExecution(ctx, inst, scope.id, espNode.id, 'node', 'scope', { interrupting: start.isInterrupting });
  activityStarted(ctx, inst, esp, espNode);
  for (const [k, v] of Object.entries(localVars)) setVariableLocal(ctx, inst, esp.id, k, v);
  setVariables(ctx, inst, esp.id, payload);
  activateScope(ctx, inst, esp);
  enterNode(ctx, inst, esp, start.id, null, { fired: true });
}

/**
 * Throws a BPMN error at `from`. Caught: the handler takes over. Uncaught: like Camunda 7,
 * the throwing token simply ends (as at a none end event) and the instance's history keeps
 * the error code. Returns whether it was caught.
 */
export async function throwError(ctx: CommandContext, inst: InstanceState, from: ExecutionRow, code: string | null, message: string | null, payload: Record<string, unknown> = {}): Promise<boolean> {
  const h = await findHandler(ctx, inst, from, 'error', code);
  if (h) {
    await handle(ctx, h, code, message, payload);
    return true;
  }
  uncaughtError(ctx, inst, code);
  ctx.emit({ type: 'error.uncaught', processInstanceId: inst.id, elementId: from.element_id, errorCode: code });
  return false;
}

/** Throws an escalation; non-interrupting handlers let the thrower go on. Returns whether it was caught. */
export async function throwEscalation(ctx: CommandContext, inst: InstanceState, from: ExecutionRow, code: string | null): Promise<boolean> {
  const h = await findHandler(ctx, inst, from, 'escalation', code);
  if (!h) return false;
  await handle(ctx, h, code, null, {});
  return true;
}
