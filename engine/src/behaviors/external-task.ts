import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluate } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import type { NodeModel } from '../model/types.ts';
import { setState } from '../operations/executions.ts';

/** The work is done outside: an external task on a topic waits to be fetched and locked by a worker. */
export function createExternalTask(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): void {
  const work = node.work!;
  if (work.kind !== 'external') throw new Error('not an external task');
  const topic = String(evaluate(inst, exec, work.topic, 'topic') ?? '').trim();
  if (!topic) throw new LzError('LZ_ERR_EXPRESSION_EVAL', `the topic of '${node.id}' is empty`, { elementId: node.id });
  const priority = work.priority ? Math.trunc(Number(evaluate(inst, exec, work.priority, 'taskPriority'))) || 0 : 0;
  inst.addExternalTask({
    id: ctx.newId(),
    topic,
    worker_id: null,
    lock_expires_at: null,
    retries: work.retries,
    error_message: null,
    error_details: null,
    instance_id: inst.id,
    execution_id: exec.id,
    element_id: node.id,
    definition_id: inst.row.definition_id!,
    definition_key: inst.row.definition_key!,
    business_key: inst.row.business_key,
    priority,
    suspended: false,
    created_at: ctx.now,
  });
  setState(inst, exec, 'waiting');
  ctx.emit({ type: 'external-task.created', topic, processInstanceId: inst.id });
}
