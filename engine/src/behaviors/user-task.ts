import type { CommandContext } from '../context/command-context.ts';
import { activityPatched, taskCreated } from '../context/history.ts';
import type { ExecutionRow, InstanceState, TaskRow } from '../context/instance-state.ts';
import { evaluate } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import { compileExpression, type CompiledExpression } from '../expressions/index.ts';
import type { NodeModel } from '../model/types.ts';
import { setState } from '../operations/executions.ts';
import { addDuration, parseDuration } from '../timers/index.ts';
import type { Behavior } from './behavior.ts';
import { redirectAssignment } from './task-assignment.ts';
import { finishTask, policyOnCreated } from './task-policy.ts';

const nameCache = new WeakMap<NodeModel, CompiledExpression | null>();

/** a task name may hold expressions (`name="My Task ${loopCounter}"`) */
export function taskName(inst: InstanceState, exec: ExecutionRow, node: NodeModel): string | null {
  if (!node.name || !/[$#]\{/.test(node.name)) return node.name;
  let expr = nameCache.get(node);
  if (expr === undefined) {
    try {
      expr = compileExpression(node.name);
    } catch {
      expr = null;
    }
    nameCache.set(node, expr);
  }
  if (!expr) return node.name;
  const v = evaluate(inst, exec, expr, 'name');
  return v === null || v === undefined ? null : String(v);
}

function list(v: unknown): string[] | null {
  if (v === null || v === undefined || v === '') return null;
  const items = Array.isArray(v) ? v.map(String) : String(v).split(',');
  const out = items.map((s) => s.trim()).filter(Boolean);
  return out.length ? out : null;
}

function dateOf(v: unknown, what: string, node: NodeModel, now: Date): Date | null {
  if (v === null || v === undefined || v === '') return null;
  // "a time period relative to the time the task is created" (Camunda user task docs)
  if (typeof v === 'string' && /^P/i.test(v.trim())) {
    try {
      return addDuration(now, parseDuration(v.trim()));
    } catch {
      throw new LzError('LZ_ERR_EXPRESSION_EVAL', `${what} of '${node.id}' is not a date or period: ${v}`, { elementId: node.id });
    }
  }
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) throw new LzError('LZ_ERR_EXPRESSION_EVAL', `${what} of '${node.id}' is not a date: ${String(v)}`, { elementId: node.id });
  return d;
}

function opt(inst: InstanceState, exec: ExecutionRow, e: CompiledExpression | null, what: string): unknown {
  return e ? evaluate(inst, exec, e, what) : null;
}

/** A user task makes a task row and waits for someone to complete it. */
export const userTask: Behavior = {
  execute(ctx: CommandContext, inst, exec, node) {
    const def = node.userTask!;
    const priority = opt(inst, exec, def.priority, 'priority');
    const assignee = opt(inst, exec, def.assignee, 'assignee');
    const task: TaskRow = {
      id: ctx.newId(),
      instance_id: inst.id,
      execution_id: exec.id,
      definition_id: inst.row.definition_id!,
      definition_key: inst.row.definition_key!,
      element_id: node.id,
      name: taskName(inst, exec, node),
      description: node.documentation,
      assignee: assignee === null || assignee === undefined || assignee === '' ? null : String(assignee),
      owner: null,
      delegation_state: null,
      priority: priority === null || priority === undefined || priority === '' ? 50 : Math.trunc(Number(priority)) || 50,
      due_date: dateOf(opt(inst, exec, def.dueDate, 'dueDate'), 'dueDate', node, ctx.now),
      follow_up_date: dateOf(opt(inst, exec, def.followUpDate, 'followUpDate'), 'followUpDate', node, ctx.now),
      form_key: def.formKey,
      candidate_users: list(opt(inst, exec, def.candidateUsers, 'candidateUsers')),
      candidate_groups: list(opt(inst, exec, def.candidateGroups, 'candidateGroups')),
      created_at: ctx.now,
      business_key: inst.row.business_key,
      original_assignee: null,
      assignment_note: null,
    };
    const originalAssignee = redirectAssignment(ctx, inst, task);
    const passes = policyOnCreated(ctx, inst, exec, node, task);
    inst.addTask(task);
    taskCreated(ctx, task);
    activityPatched(ctx, exec.id, { task_id: task.id });
    setState(inst, exec, 'waiting');
    ctx.emit({
      type: 'task.created',
      taskId: task.id,
      processInstanceId: inst.id,
      taskDefinitionKey: node.id,
      assignee: task.assignee,
      ...(originalAssignee !== null ? { originalAssignee } : {}),
    });
    if (passes) finishTask(ctx, inst, exec, task, passes);
  },
};
