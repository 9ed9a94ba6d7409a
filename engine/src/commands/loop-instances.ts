import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { runCommand } from '../context/run-command.ts';
import type { EngineServices } from '../context/services.ts';
import { readVariable, setVariableLocal } from '../context/variables.ts';
import { completeBody, spawnInner } from '../behaviors/multi-instance.ts';
import { LzError } from '../errors.ts';
import type { MultiInstanceModel, NodeModel } from '../model/types.ts';
import { cancelExecution } from '../operations/cancel.ts';
import { parentOf, setData } from '../operations/executions.ts';
import { isInnerInstance } from '../operations/start-activity.ts';

/**
 * Adding and removing instances of a running multi-instance activity — Flowable's
 * addMultiInstanceExecution / deleteMultiInstanceExecution, the engine side of "add signer"
 * (加签) and "remove signer" (减签). The body is found from one of its tasks. Parallel: the new
 * instance starts at once; sequential: it comes right after the one running now. The
 * counters (`nrOfInstances`, `nrOfActiveInstances`) follow.
 */
async function bodyOfTask(ctx: CommandContext, taskId: string): Promise<{ inst: InstanceState; body: ExecutionRow; node: NodeModel; loop: MultiInstanceModel }> {
  const inst = await ctx.instanceOf('tasks', taskId);
  const task = inst?.tasks.get(taskId);
  if (!inst || !task) throw new LzError('LZ_ERR_TASK_NOT_FOUND', taskId);
  const exec = inst.executions.get(task.execution_id!);
  if (!exec || !isInnerInstance(inst, exec)) throw new LzError('LZ_ERR_BAD_REQUEST', `task ${taskId} is not an instance of a multi-instance activity`);
  const node = inst.model.nodes.get(exec.element_id!)!;
  const loop = node.loop;
  const body = parentOf(inst, exec);
  if (loop?.kind !== 'multi' || !loop.collection || !body.data.mi?.collection) {
    throw new LzError('LZ_ERR_BAD_REQUEST', `'${node.id}' loops over no collection: instances can be added only to a collection loop`);
  }
  return { inst, body, node, loop };
}

function counters(ctx: CommandContext, inst: InstanceState, body: ExecutionRow): void {
  const mi = body.data.mi!;
  setVariableLocal(ctx, inst, body.id, 'nrOfInstances', mi.total);
  setVariableLocal(ctx, inst, body.id, 'nrOfActiveInstances', mi.active);
}

export function addLoopInstance(services: EngineServices, taskId: string, element: unknown): Promise<void> {
  return runCommand(services, async (ctx) => {
    const { inst, body, node, loop } = await bodyOfTask(ctx, taskId);
    const mi = body.data.mi!;
    const collection = [...mi.collection!];
    if (loop.sequential) {
      // right after the running one: `next` is the index the loop starts next
      collection.splice(mi.next, 0, element);
      setData(inst, body, { mi: { ...mi, collection, total: mi.total + 1 } });
      counters(ctx, inst, body);
      return;
    }
    collection.push(element);
    setData(inst, body, { mi: { ...mi, collection, total: mi.total + 1, next: collection.length - 1 } });
    spawnInner(ctx, inst, body, node, loop);
    counters(ctx, inst, body);
  });
}

/**
 * Removes the instance for `element` that has not completed: a waiting one is cancelled, a
 * sequential one not yet started leaves the list. Refused when it is the last one open.
 */
export function removeLoopInstance(services: EngineServices, taskId: string, element: unknown): Promise<void> {
  return runCommand(services, async (ctx) => {
    const { inst, body, node, loop } = await bodyOfTask(ctx, taskId);
    const mi = body.data.mi!;
    const collection = [...mi.collection!];
    const same = (v: unknown) => JSON.stringify(v) === JSON.stringify(element);
    const waiting = loop.sequential ? collection.findIndex((v, i) => i >= mi.next && same(v)) : -1;
    if (waiting >= 0) {
      collection.splice(waiting, 1);
      setData(inst, body, { mi: { ...mi, collection, total: mi.total - 1 } });
      counters(ctx, inst, body);
      return;
    }
    const inner = inst.children(body.id).find((e) => e.element_id === node.id && same(loop.elementVariable ? readVariable(inst, e.id, loop.elementVariable).value : undefined));
    if (!inner) throw new LzError('LZ_ERR_BAD_REQUEST', `no open instance of '${node.id}' for ${JSON.stringify(element)}`);
    const open = inst.children(body.id).filter((e) => e.element_id === node.id).length;
    if (open <= 1 && (!loop.sequential || mi.next >= mi.total)) throw new LzError('LZ_ERR_BAD_REQUEST', `the instance for ${JSON.stringify(element)} is the last one open of '${node.id}'`);
    await cancelExecution(ctx, inst, inner, 'instance removed');
    const left = { ...mi, total: mi.total - 1, active: mi.active - 1 };
    setData(inst, body, { mi: left });
    counters(ctx, inst, body);
    if (left.completed >= left.total) return completeBody(ctx, inst, body, node, loop);
    if (loop.sequential) spawnInner(ctx, inst, body, node, loop);
  });
}
