import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluate, readVariable, setVariable, setVariableLocal } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import type { NodeModel } from '../model/types.ts';
import { consumeToken } from '../operations/consume.ts';
import { leaveActivity } from '../operations/leave-activity.ts';
import { publishMessage } from '../operations/messages.ts';
import { throwError } from '../operations/propagate.ts';
import type { Behavior } from './behavior.ts';
import { BpmnError } from './bpmn-error.ts';
import { createExternalTask } from './external-task.ts';
import { parkAfterFailure } from './park.ts';
import { runScript } from './script.ts';

/**
 * Service, send, business-rule and script tasks (and message throw events with a topic): the
 * work is an external task on a topic, an expression, a registered handler, a script, or a
 * message published inside the engine. Handler and script failures never leave half-written
 * variables: writes are buffered and applied only on success; the failure parks the execution
 * behind a job with retries (then an incident).
 */
export const workTask: Behavior = {
  async execute(ctx, inst, exec, node) {
    const work = node.work;
    if (!work) throw new LzError('LZ_ERR_DEPLOY_INVALID', `'${node.id}' has no implementation`);
    if (work.kind === 'external') {
      createExternalTask(ctx, inst, exec, node);
      return;
    }
    if (work.kind === 'publish-message') {
      await publishMessage(ctx, inst, exec, node);
      return leaveActivity(ctx, inst, exec);
    }
    const writes: [string, unknown, boolean][] = [];
    let bpmnError: { code: string; message?: string } | null = null;
    try {
      if (work.kind === 'expression') {
        const value = evaluate(inst, exec, work.expression, 'camunda:expression');
        if (work.resultVariable) writes.push([work.resultVariable, value, false]);
      } else if (work.kind === 'delegate') {
        bpmnError = runDelegate(ctx, inst, exec, node, work.name, work.fields, writes);
      } else if (work.kind === 'script') {
        const outcome = await runScript(ctx, inst, exec, work.format, work.source, writes, work.feel);
        if (outcome.bpmnError) bpmnError = outcome.bpmnError;
        else if (work.resultVariable) writes.push([work.resultVariable, outcome.value, false]);
      }
    } catch (e) {
      return parkAfterFailure(ctx, inst, exec, node, e);
    }
    // a BPMN error is a business outcome, not a failure: what the script set stays (Camunda)
    for (const [name, value, local] of writes) {
      if (local) setVariableLocal(ctx, inst, exec.id, name, value);
      else setVariable(ctx, inst, exec.id, name, value);
    }
    if (bpmnError) {
      await throwError(ctx, inst, exec, bpmnError.code, bpmnError.message ?? null);
      // uncaught: the token ends where it was thrown (Camunda 7)
      if (inst.executions.has(exec.id)) consumeToken(ctx, inst, exec);
      return;
    }
    return leaveActivity(ctx, inst, exec);
  },
};

function runDelegate(
  ctx: CommandContext,
  inst: InstanceState,
  exec: ExecutionRow,
  node: NodeModel,
  name: string,
  fields: Readonly<Record<string, unknown>>,
  writes: [string, unknown, boolean][],
): { code: string; message?: string } | null {
  const handler = ctx.services.delegates.get(name);
  if (!handler) throw new LzError('LZ_ERR_DELEGATE_FAILED', `no handler registered for '${name}'`);
  const pending = new Map<string, unknown>();
  try {
    handler({
      id: exec.id,
      processInstanceId: inst.id,
      processDefinitionId: inst.row.definition_id!,
      processBusinessKey: inst.row.business_key,
      activityId: node.id,
      fields,
      getVariable: (n) => (pending.has(n) ? pending.get(n) : readVariable(inst, exec.id, n).value ?? null),
      setVariable: (n, v) => {
        pending.set(n, v);
        writes.push([n, v, false]);
      },
      setVariableLocal: (n, v) => {
        pending.set(n, v);
        writes.push([n, v, true]);
      },
    });
  } catch (e) {
    if (e instanceof BpmnError) return { code: e.errorCode, message: e.message };
    throw new LzError('LZ_ERR_DELEGATE_FAILED', `${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return null;
}
