import { LzError, type Engine, type TaskInfo } from '@liuzhuan/engine';
import type { ActRequest, TaskAction, TaskActionsResponse } from '../../api-types/workspace.ts';
import { badRequest, forbidden } from '../../infra/errors.ts';
import { canClaimTask, canWorkOnTask } from '../authorization/authorization.ts';
import type { FormsService } from '../forms/forms.service.ts';
import type { Principal } from '../identity/identity.service.ts';

/** simple mode marks an approval step with this camunda:property (contract D) */
export const APPROVAL_PROPERTY = 'lz.approval';

/** the assignee works on it; a candidate (or an admin) of an unassigned task claims it as they act */
function mayAct(p: Principal, t: TaskInfo): boolean {
  return canWorkOnTask(p, t) || (t.assignee === null && canClaimTask(p, t));
}

/**
 * Acting on a task from the inbox (contract C): approve / reject on an approval step, complete
 * on any other user task. The values go through the task form's server check and completion
 * (FormsService), the comment is stored on the task, approve / reject set `approved`.
 */
export class TaskActions {
  constructor(
    private readonly engine: Engine,
    private readonly forms: FormsService,
  ) {}

  /** the open task the caller may see (404 / 403 otherwise) — the same check as the task form's */
  visibleTask(p: Principal, taskId: string): Promise<TaskInfo> {
    return this.forms.visibleTask(p, taskId);
  }

  async isApproval(task: TaskInfo): Promise<boolean> {
    const node = (await this.engine.getDefinitionModel(task.processDefinitionId)).nodes.get(task.taskDefinitionKey);
    return node?.properties[APPROVAL_PROPERTY]?.trim().toLowerCase() === 'true';
  }

  async actions(p: Principal, taskId: string): Promise<TaskActionsResponse> {
    const task = await this.visibleTask(p, taskId);
    const approval = await this.isApproval(task);
    const actions: TaskAction[] = !mayAct(p, task) || task.delegationState === 'PENDING' ? [] : approval ? ['approve', 'reject'] : ['complete'];
    return { actions, approval };
  }

  async act(p: Principal, taskId: string, body: ActRequest): Promise<{ taskId: string; processInstanceId: string }> {
    const task = await this.visibleTask(p, taskId);
    if (!mayAct(p, task)) throw forbidden(`task ${task.id} is assigned to someone else: only its assignee or an admin may act on it`);
    // a delegated task goes back to its owner by resolving, not completing (Camunda 7)
    if (task.delegationState === 'PENDING') throw new LzError('LZ_ERR_TASK_DELEGATED', `task ${task.id} is delegated: resolve it before it is completed`);
    const approval = await this.isApproval(task);
    if (approval && body.action === 'complete') throw badRequest(`task ${task.id} is an approval step: approve or reject it`);
    if (!approval && body.action !== 'complete') throw badRequest(`task ${task.id} is not an approval step: complete it (action 'complete')`);
    const comment = body.comment?.trim() ? body.comment : null;
    // checked before anything is written (the engine refuses these too, but after the claim)
    if (comment?.includes('\u0000')) throw badRequest('a comment must not contain NUL characters');
    await this.forms.completeChecked(task, body.values, {
      extra: approval ? { approved: body.action === 'approve' } : {},
      before: async () => {
        // done lists the tasks I completed: a candidate becomes the assignee as they act
        if (task.assignee === null) await this.engine.claimTask(task.id, p.id);
        if (comment) await this.engine.addComment(task.id, p.id, comment);
      },
    });
    return { taskId: task.id, processInstanceId: task.processInstanceId };
  }
}
