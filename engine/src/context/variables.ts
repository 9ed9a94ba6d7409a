import { LzError } from '../errors.ts';
import type { CompiledExpression, VariableContext } from '../expressions/index.ts';
import type { CommandContext } from './command-context.ts';
import { variableChanged } from './history.ts';
import type { ExecutionRow, InstanceState, VariableRow } from './instance-state.ts';
import { fromStored, toStored } from './variable-values.ts';

/** the executions from `execId` up to the process instance: the variable scopes in reach */
function* scopeChain(inst: InstanceState, execId: string): Generator<string> {
  let id: string | null = execId;
  let guard = 0;
  while (id && guard++ < 10_000) {
    yield id;
    id = inst.executions.get(id)?.parent_id ?? null;
  }
}

export function findVariable(inst: InstanceState, execId: string, name: string): VariableRow | undefined {
  for (const scope of scopeChain(inst, execId)) {
    const v = inst.variables.get(scope)?.get(name);
    if (v) return v;
  }
  return undefined;
}

export function readVariable(inst: InstanceState, execId: string, name: string): { found: boolean; value: unknown } {
  const v = findVariable(inst, execId, name);
  return v ? { found: true, value: fromStored(v.type!, v.value) } : { found: false, value: undefined };
}

/** every variable visible from an execution, the nearest scope winning */
export function visibleVariables(inst: InstanceState, execId: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const scope of scopeChain(inst, execId)) {
    for (const [name, v] of inst.variables.get(scope) ?? []) if (!(name in out)) out[name] = fromStored(v.type!, v.value);
  }
  return out;
}

export function localVariables(inst: InstanceState, scopeId: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of inst.variables.get(scopeId) ?? []) out[name] = fromStored(v.type!, v.value);
  return out;
}

/**
 * Camunda's setVariable: the variable is written in the nearest scope that already has it,
 * otherwise it is created on the process instance.
 */
export function setVariable(ctx: CommandContext, inst: InstanceState, execId: string, name: string, value: unknown): void {
  const existing = findVariable(inst, execId, name);
  setVariableLocal(ctx, inst, existing ? existing.scope_id! : inst.id, name, value);
}

export function setVariables(ctx: CommandContext, inst: InstanceState, execId: string, vars: Record<string, unknown> | null | undefined): void {
  if (!vars) return;
  for (const [name, value] of Object.entries(vars)) setVariable(ctx, inst, execId, name, value);
}

export function setVariableLocal(ctx: CommandContext, inst: InstanceState, scopeId: string, name: string, value: unknown): void {
  const stored = toStored(name, value);
  const scope = inst.scopeVars(scopeId);
  const existing = scope.get(name);
  inst.variablesChanged = true;
  inst.varVersion += 1;
  inst.changedAt.set(name, inst.varVersion);
  if (existing) {
    existing.type = stored.type;
    existing.value = stored.value;
    existing.rev = (existing.rev ?? 0) + 1;
    ctx.uow.table('variables').changed(existing);
    variableChanged(ctx, inst, existing, 'update');
    return;
  }
  const row: VariableRow = {
    id: ctx.newId(),
    instance_id: inst.id,
    scope_id: scopeId,
    name,
    type: stored.type,
    value: stored.value,
    rev: 1,
    created_at: ctx.now,
  };
  scope.set(name, row);
  ctx.uow.table('variables').insert(row);
  variableChanged(ctx, inst, row, 'create');
}

export function removeVariableLocal(ctx: CommandContext, inst: InstanceState, scopeId: string, name: string): boolean {
  const scope = inst.variables.get(scopeId);
  const v = scope?.get(name);
  if (!scope || !v) return false;
  scope.delete(name);
  ctx.uow.table('variables').remove(v.id);
  inst.variablesChanged = true;
  inst.varVersion += 1;
  inst.changedAt.set(name, inst.varVersion);
  variableChanged(ctx, inst, { ...v, value: null }, 'delete');
  return true;
}

/** what an expression sees from an execution: its variables plus `execution`, and the engine's functions */
export function variableContext(inst: InstanceState, exec: ExecutionRow | string, extra?: Record<string, unknown>): VariableContext {
  const execId = typeof exec === 'string' ? exec : exec.id;
  const row = typeof exec === 'string' ? inst.executions.get(exec) : exec;
  return {
    functions: inst.functions,
    has(name) {
      if (extra && name in extra) return true;
      return name === 'execution' || findVariable(inst, execId, name) !== undefined;
    },
    get(name) {
      if (extra && name in extra) return extra[name];
      const v = findVariable(inst, execId, name);
      if (v) return fromStored(v.type!, v.value);
      if (name === 'execution') {
        return {
          id: execId,
          processInstanceId: inst.id,
          processBusinessKey: inst.row.business_key,
          businessKey: inst.row.business_key,
          processDefinitionId: inst.row.definition_id,
          activityId: row?.element_id ?? null,
          currentActivityId: row?.element_id ?? null,
        };
      }
      return undefined;
    },
  };
}

/** evaluate with the element named in any error */
export function evaluate(inst: InstanceState, exec: ExecutionRow | string, expr: CompiledExpression, what: string, extra?: Record<string, unknown>): unknown {
  try {
    return expr.evaluate(variableContext(inst, exec, extra));
  } catch (e) {
    if (e instanceof LzError) {
      const elementId = typeof exec === 'string' ? inst.executions.get(exec)?.element_id : exec.element_id;
      throw new LzError(e.code, `${what} of '${elementId ?? '?'}' in process '${inst.model.id}': ${e.message}`, { ...e.details, elementId });
    }
    throw e;
  }
}

export function evaluateCondition(inst: InstanceState, exec: ExecutionRow | string, expr: CompiledExpression, what: string, extra?: Record<string, unknown>): boolean {
  const v = evaluate(inst, exec, expr, what, extra);
  if (typeof v !== 'boolean') throw new LzError('LZ_ERR_CONDITION_NOT_BOOLEAN', `${what} gave ${JSON.stringify(v)}`);
  return v;
}

/**
 * The variables a task is completed with: propagated like setVariable (Camunda 7), or — when
 * the element keeps its results local (Zeebe output mappings) — set on the task's own scope,
 * from where its output mappings pick what goes out.
 */
export function setResults(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, vars: Record<string, unknown> | null | undefined): void {
  if (!vars) return;
  const node = inst.model.nodes.get(exec.element_id!);
  if (node?.localResults) for (const [name, value] of Object.entries(vars)) setVariableLocal(ctx, inst, exec.id, name, value);
  else setVariables(ctx, inst, exec.id, vars);
}
