import { runCommand } from '../context/run-command.ts';
import type { EngineServices } from '../context/services.ts';
import { findVariable, removeVariableLocal, setVariableLocal, setVariables } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import { instanceEnded } from '../context/history.ts';
import { cancelExecution, cancelInstance } from '../operations/cancel.ts';
import { liveChildren } from '../operations/executions.ts';
import { leaveActivity } from '../operations/leave-activity.ts';
import { removeEventRows } from '../operations/owned-rows.ts';

/** deletes (cancels) a running instance and the instances it called */
export function deleteProcessInstance(services: EngineServices, instanceId: string, reason = 'deleted'): Promise<void> {
  return runCommand(services, async (ctx) => {
    const inst = await ctx.instance(instanceId);
    await cancelInstance(ctx, inst, reason, 'EXTERNALLY_TERMINATED');
  });
}

/**
 * Sets variables of an instance: on the instance (default), or on one execution's scope
 * (`executionId`), locally or with Camunda's propagation.
 */
export function setInstanceVariables(
  services: EngineServices,
  instanceId: string,
  variables: Record<string, unknown>,
  opts: { executionId?: string; local?: boolean } = {},
): Promise<void> {
  return runCommand(services, async (ctx) => {
    const inst = await ctx.instance(instanceId);
    const scope = opts.executionId ?? inst.id;
    if (!inst.executions.has(scope)) throw new LzError('LZ_ERR_EXECUTION_NOT_FOUND', scope);
    if (opts.local) for (const [k, v] of Object.entries(variables)) setVariableLocal(ctx, inst, scope, k, v);
    else setVariables(ctx, inst, scope, variables);
  });
}

/**
 * Camunda's updateVariables / updateVariablesLocal (PatchVariablesDto): sets and removes in one
 * transaction, so a bad value or a lost race changes nothing. Removing a missing name is no error.
 */
export function updateInstanceVariables(
  services: EngineServices,
  instanceId: string,
  modifications: Record<string, unknown>,
  deletions: readonly string[],
  opts: { executionId?: string; local?: boolean } = {},
): Promise<void> {
  return runCommand(services, async (ctx) => {
    const inst = await ctx.instance(instanceId);
    const scope = opts.executionId ?? inst.id;
    if (!inst.executions.has(scope)) throw new LzError('LZ_ERR_EXECUTION_NOT_FOUND', scope);
    if (opts.local) for (const [k, v] of Object.entries(modifications)) setVariableLocal(ctx, inst, scope, k, v);
    else setVariables(ctx, inst, scope, modifications);
    for (const name of deletions) {
      // like Camunda's removeVariable: the nearest scope that holds it (locally: only this one)
      const holder = opts.local ? scope : (findVariable(inst, scope, name)?.scope_id ?? null);
      if (holder) removeVariableLocal(ctx, inst, holder, name);
    }
  });
}

export function removeInstanceVariable(services: EngineServices, instanceId: string, name: string, executionId?: string): Promise<boolean> {
  return runCommand(services, async (ctx) => {
    const inst = await ctx.instance(instanceId);
    return removeVariableLocal(ctx, inst, executionId ?? inst.id, name);
  });
}

const TRIGGERABLE = new Set(['receiveTask', 'intermediateCatchEvent', 'task', 'manualTask']);

/**
 * Moves a waiting receive task or catch event on (Camunda's runtimeService.signal): the way
 * to deliver to one execution directly.
 */
export function triggerExecution(services: EngineServices, executionId: string, variables?: Record<string, unknown>): Promise<void> {
  return runCommand(services, async (ctx) => {
    const inst = await ctx.instanceOf('executions', executionId);
    const exec = inst?.executions.get(executionId);
    if (!inst) throw new LzError('LZ_ERR_EXECUTION_NOT_FOUND', executionId);
    if (!exec) throw new LzError('LZ_ERR_EXECUTION_NOT_FOUND', executionId);
    const node = inst.model.nodes.get(exec.element_id!);
    if (!node || exec.state !== 'waiting' || !TRIGGERABLE.has(node.type)) {
      throw new LzError('LZ_ERR_EXECUTION_NOT_WAITING', `execution ${executionId} at '${exec.element_id}' (${exec.state}) cannot be triggered`);
    }
    setVariables(ctx, inst, exec.id, variables);
    removeEventRows(inst, exec.id);
    ctx.agenda.push(() => leaveActivity(ctx, inst, exec));
  });
}

/**
 * Cancels one activity instance (Camunda's process-instance modification "cancel"): its
 * execution and everything below it go. A scope left without any activity instance is
 * cancelled with it, up to the process instance, which then ends as EXTERNALLY_TERMINATED.
 */
export function cancelActivityInstance(services: EngineServices, instanceId: string, activityInstanceId: string, reason = 'cancelled'): Promise<void> {
  return runCommand(services, async (ctx) => {
    const inst = await ctx.instance(instanceId);
    const exec = inst.executions.get(activityInstanceId);
    if (!exec || exec.kind === 'process') throw new LzError('LZ_ERR_EXECUTION_NOT_FOUND', `activity instance ${activityInstanceId}`);
    let scope = exec.parent_id ? inst.executions.get(exec.parent_id) : undefined;
    await cancelExecution(ctx, inst, exec, reason);
    while (scope && liveChildren(inst, scope.id).length === 0) {
      if (scope.kind === 'process') {
        instanceEnded(ctx, inst, 'EXTERNALLY_TERMINATED', null, reason);
        inst.removeAll();
        return;
      }
      const next = scope.parent_id ? inst.executions.get(scope.parent_id) : undefined;
      await cancelExecution(ctx, inst, scope, reason);
      scope = next;
    }
  });
}
