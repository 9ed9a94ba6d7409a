import type { NodeModel } from '../model/types.ts';
import type { CommandContext } from './command-context.ts';
import type { ExecutionRow, InstanceState, TaskRow } from './instance-state.ts';

/**
 * History rows: what happened, kept after the runtime rows are gone. Written in the same
 * batch as the change they record, so history never disagrees with the runtime state.
 */
export function activityStarted(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel | null, type?: string): void {
  if (!ctx.config.history) return;
  ctx.uow.table('hist_activity_instances').insert({
    id: exec.id,
    instance_id: inst.id,
    parent_id: exec.parent_id,
    element_id: exec.element_id,
    element_type: type ?? node?.type ?? exec.kind,
    element_name: node?.name ?? null,
    task_id: null,
    called_instance_id: null,
    start_time: ctx.now,
    end_time: null,
    state: 'active',
    seq: ctx.seq(),
  });
}

export function activityEnded(ctx: CommandContext, execId: string, state: 'completed' | 'canceled'): void {
  if (!ctx.config.history) return;
  ctx.uow.table('hist_activity_instances').patch(execId, { end_time: ctx.now, state });
}

export function activityPatched(ctx: CommandContext, execId: string, cols: { task_id?: string; called_instance_id?: string; element_id?: string; element_type?: string }): void {
  if (!ctx.config.history) return;
  ctx.uow.table('hist_activity_instances').patch(execId, cols);
}

export function instanceStarted(ctx: CommandContext, inst: InstanceState, startActivityId: string | null): void {
  // the process instance row of history is written even with history off: it is how an
  // ended instance can still be found (state, end time)
  const r = inst.row;
  ctx.uow.table('hist_process_instances').insert({
    id: inst.id,
    definition_id: r.definition_id!,
    definition_key: r.definition_key!,
    business_key: r.business_key,
    start_time: r.start_time,
    end_time: null,
    state: 'ACTIVE',
    start_activity_id: startActivityId,
    end_activity_id: null,
    super_instance_id: r.super_instance_id,
    root_instance_id: r.root_instance_id!,
    delete_reason: null,
    error_code: null,
    start_user_id: r.start_user_id,
  });
}

export function instanceEnded(
  ctx: CommandContext,
  inst: InstanceState,
  state: 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED',
  endActivityId: string | null,
  reason: string | null,
): void {
  ctx.uow.table('hist_process_instances').patch(inst.id, { end_time: ctx.now, state, end_activity_id: endActivityId, delete_reason: reason });
}

export function uncaughtError(ctx: CommandContext, inst: InstanceState, code: string | null): void {
  ctx.uow.table('hist_process_instances').patch(inst.id, { error_code: code ?? '' });
}

export function taskCreated(ctx: CommandContext, task: TaskRow): void {
  if (!ctx.config.history) return;
  ctx.uow.table('hist_tasks').insert({
    id: task.id,
    instance_id: task.instance_id!,
    execution_id: task.execution_id!,
    definition_key: task.definition_key!,
    element_id: task.element_id!,
    name: task.name,
    assignee: task.assignee,
    owner: task.owner,
    priority: task.priority,
    due_date: task.due_date,
    start_time: ctx.now,
    end_time: null,
    delete_reason: null,
    original_assignee: task.original_assignee,
    assignment_note: task.assignment_note,
  });
}

export function taskChanged(ctx: CommandContext, task: TaskRow): void {
  if (!ctx.config.history) return;
  ctx.uow.table('hist_tasks').patch(task.id, { assignee: task.assignee, owner: task.owner, name: task.name, priority: task.priority, due_date: task.due_date });
}

export function taskEnded(ctx: CommandContext, taskId: string, reason: 'completed' | 'deleted' | string): void {
  if (!ctx.config.history) return;
  ctx.uow.table('hist_tasks').patch(taskId, { end_time: ctx.now, delete_reason: reason });
}

export function variableChanged(
  ctx: CommandContext,
  inst: InstanceState,
  v: { scope_id: string | null; name: string | null; type: string | null; value: unknown; rev: number | null },
  op: 'create' | 'update' | 'delete',
): void {
  if (!ctx.config.history) return;
  ctx.uow.table('hist_variable_updates').insert({
    id: ctx.newId(),
    instance_id: inst.id,
    scope_id: v.scope_id!,
    name: v.name!,
    type: v.type!,
    value: v.value,
    op,
    rev: v.rev ?? 0,
    time: ctx.now,
    seq: ctx.seq(),
  });
}

export function incidentCreated(ctx: CommandContext, i: { id: string; type: string | null; message: string | null; instance_id: string | null; element_id: string | null; job_id: string | null; external_task_id: string | null }): void {
  ctx.uow.table('hist_incidents').insert({
    id: i.id,
    type: i.type!,
    message: i.message,
    instance_id: i.instance_id!,
    element_id: i.element_id,
    job_id: i.job_id,
    external_task_id: i.external_task_id,
    created_at: ctx.now,
    end_time: null,
    state: 'open',
  });
}

export function incidentEnded(ctx: CommandContext, id: string, state: 'resolved' | 'deleted'): void {
  ctx.uow.table('hist_incidents').patch(id, { end_time: ctx.now, state });
}
