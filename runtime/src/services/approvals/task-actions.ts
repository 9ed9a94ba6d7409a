import { LzError, type TaskInfo } from '@liuzhuan/engine';
import type { ActRequest, ActResponse, TaskAction, TaskActionsResponse } from '../../api-types/workspace.ts';
import { badRequest, forbidden } from '../../infra/errors.ts';
import { canClaimTask, canWorkOnTask } from '../authorization/authorization.ts';
import type { Principal } from '../identity/identity.service.ts';
import type { ActionKind, AttachmentInput } from './approvals.repo.ts';
import { decodeAttachments } from './attachments.ts';
import { taskAt, tell, type ApprovalDeps, type TaskAt } from './context.ts';
import { isApprovalStep, isResubmitStep, stepPolicy } from './policy.ts';
import { returnableSteps, returnInstructions, type ReturnableStep } from './returns.ts';
import { SignerActions } from './signer-actions.ts';
import { RESUBMIT_PENDING } from './step-policy-hook.ts';
import { voteCompletion } from './votes.ts';

/** the actions that take the task form's values */
const VALUED: ReadonlySet<TaskAction> = new Set(['approve', 'reject', 'resolve', 'resubmit', 'complete']);

/** the assignee works on it; a candidate (or an admin) of an unassigned task claims it as they act */
function mayAct(p: Principal, t: TaskInfo): boolean {
  return canWorkOnTask(p, t) || (t.assignee === null && canClaimTask(p, t));
}

interface Acting extends TaskAt {
  p: Principal;
  comment: string | null;
  files: AttachmentInput[];
  /** when the action was asked for: its row sorts before what the action caused (the end it reached) */
  at: Date;
}

/**
 * Acting on a task (docs/approvals.md): the votes of an approval step, return, transfer,
 * delegate and resolve, add / remove signer, cc, resubmit; `complete` on other user tasks.
 * Each action is one engine command (or a claim and one command), then one action row with
 * its comment and attachments for the timeline.
 */
export class TaskActions {
  readonly signers: SignerActions;

  constructor(private readonly deps: ApprovalDeps) {
    this.signers = new SignerActions(deps, (a, kind, extra) => this.record(a, kind, extra));
  }

  /** the open task the caller may see (404 / 403 otherwise); an adder sees the task their signer holds */
  async visibleTask(p: Principal, taskId: string): Promise<TaskInfo> {
    const task = await this.deps.engine.getTask(taskId);
    if (task && (await this.signers.pendingAddedBy(p.id, task)).length > 0) return task;
    return this.deps.forms.visibleTask(p, taskId);
  }

  async actions(p: Principal, taskId: string): Promise<TaskActionsResponse> {
    const at = await taskAt(this.deps.engine, await this.visibleTask(p, taskId));
    const approval = isApprovalStep(at.node);
    const added = await this.signers.pendingAddedBy(p.id, at.task);
    const returnable = approval && mayAct(p, at.task) ? await returnableSteps(this.deps.engine, at.model, at.task) : [];
    return {
      actions: await this.allowed(p, at, returnable, added.length > 0),
      approval,
      commentRequired: approval ? stepPolicy(at.node).commentRequired : 'never',
      returnable,
      addedSigners: added.map((s) => ({ userId: s.userId, position: s.position, taskId: s.taskId })),
    };
  }

  private async allowed(p: Principal, at: TaskAt, returnable: ReturnableStep[], hasAdded: boolean): Promise<TaskAction[]> {
    const { task, node } = at;
    const remove: TaskAction[] = hasAdded ? ['removeSigner'] : [];
    if (!mayAct(p, task)) return remove;
    if (task.delegationState === 'PENDING') {
      // a signer added before the owner decides for themselves; a delegate hands back
      return (await this.signers.beforeSignerOf(task)) ? ['approve', 'reject', ...remove] : ['resolve', ...remove];
    }
    if (isResubmitStep(node)) return ['resubmit'];
    if (!isApprovalStep(node)) return ['complete', 'transfer', 'delegate', 'cc'];
    return ['approve', 'reject', ...(returnable.length > 0 ? (['return'] as const) : []), 'transfer', 'delegate', 'addSigner', ...remove, 'cc'];
  }

  async act(p: Principal, taskId: string, body: ActRequest): Promise<ActResponse> {
    const task = await this.visibleTask(p, taskId);
    const at = await taskAt(this.deps.engine, task);
    const comment = body.comment?.trim() ? body.comment : null;
    if (comment?.includes('\u0000')) throw badRequest('a comment must not contain NUL characters');
    const approval = isApprovalStep(at.node);
    const returnable = approval && mayAct(p, task) ? await returnableSteps(this.deps.engine, at.model, task) : [];
    const added = await this.signers.pendingAddedBy(p.id, task);
    const allowed = await this.allowed(p, at, returnable, added.length > 0);
    if (!allowed.includes(body.action)) {
      if (allowed.length === 0) throw forbidden(`task ${task.id} is assigned to someone else: only its assignee or an admin may act on it`);
      if (task.delegationState === 'PENDING' && !allowed.includes('approve')) throw new LzError('LZ_ERR_TASK_DELEGATED', `task ${task.id} is delegated: resolve it before it is completed`);
      if (body.action === 'complete' && approval) throw badRequest(`task ${task.id} is an approval step: approve or reject it`);
      if ((body.action === 'approve' || body.action === 'reject') && !approval) throw badRequest(`task ${task.id} is not an approval step: complete it (action 'complete')`);
      throw badRequest(`'${body.action}' is not possible on task ${task.id} now; possible: ${allowed.join(', ')}`);
    }
    if (approval) this.checkComment(at, body.action, comment);
    const a: Acting = { ...at, p, comment, files: decodeAttachments(body.attachments), at: this.deps.engine.clock.now() };
    // the form's check first: a refused value changes nothing, not even the claim
    const values = VALUED.has(body.action) ? await this.deps.forms.checkedValues(task, body.values ?? {}) : {};
    if (body.action !== 'removeSigner' && task.assignee === null) await this.deps.engine.claimTask(task.id, p.id);
    // the comment is the task's too (Camunda's task comments; the timeline shows it once)
    if (comment && body.action !== 'removeSigner') await this.deps.engine.addComment(task.id, p.id, comment);
    await this.dispatch(a, body, returnable, values);
    return { taskId: task.id, processInstanceId: task.processInstanceId };
  }

  private checkComment(at: TaskAt, action: TaskAction, comment: string | null): void {
    const rule = stepPolicy(at.node).commentRequired;
    const deciding = action === 'approve' || action === 'reject' || action === 'return';
    const negative = action === 'reject' || action === 'return';
    if (comment === null && deciding && (rule === 'always' || (rule === 'reject' && negative))) {
      throw badRequest(`${at.node.name ?? at.node.id}: a comment is required to ${action}`);
    }
  }

  private async dispatch(a: Acting, body: ActRequest, returnable: ReturnableStep[], values: Record<string, unknown>): Promise<void> {
    const { engine } = this.deps;
    switch (body.action) {
      case 'approve':
      case 'reject':
        return this.vote(a, body.action === 'approve', values, returnable);
      case 'return': {
        const target = returnable.find((s) => s.activityId === body.target || (body.target === 'initiator' && s.kind === 'initiator'));
        if (!target) throw badRequest(`'${body.target ?? ''}' is not a step this request can be returned to; returnable: ${returnable.map((s) => s.activityId).join(', ') || 'none'}`);
        return this.returnTo(a, target, 'return');
      }
      case 'transfer': {
        const to = await this.otherUser(a, body.userId);
        await engine.setAssignee(a.task.id, to);
        await this.record(a, 'transfer', { target: to });
        await tell(this.deps, [to], { kind: 'task.transferred', title: `${a.p.id} transferred "${a.task.name ?? a.node.id}" to you`, link: `/tasks/${a.task.id}`, processInstanceId: a.task.processInstanceId, taskId: a.task.id });
        return;
      }
      case 'delegate': {
        const to = await this.otherUser(a, body.userId);
        await engine.delegateTask(a.task.id, to);
        await this.record(a, 'delegate', { target: to });
        return;
      }
      case 'resolve':
        await engine.resolveTask(a.task.id, values);
        await this.record(a, 'resolve', { target: a.task.owner });
        return;
      case 'addSigner': {
        const to = await this.otherUser(a, body.userId);
        if (!body.position) throw badRequest("addSigner needs a position: 'before', 'after' or 'parallel'");
        return this.signers.add(a, to, body.position);
      }
      case 'removeSigner':
        if (!body.userId) throw badRequest('removeSigner needs the userId of the signer to remove');
        return this.signers.remove(a, body.userId);
      case 'cc':
        return this.copy(a, body.users ?? []);
      case 'resubmit':
        await engine.completeTask(a.task.id, { ...values, [RESUBMIT_PENDING]: false });
        await this.record(a, 'resubmit');
        return;
      case 'complete':
        await engine.completeTask(a.task.id, values);
        await this.record(a, 'complete');
        return;
    }
  }

  /** a vote; a reject on a step whose policy returns goes back instead */
  private async vote(a: Acting, yes: boolean, values: Record<string, unknown>, returnable: ReturnableStep[]): Promise<void> {
    const policy = stepPolicy(a.node);
    if (await this.signers.beforeSignerOf(a.task)) return this.signers.decideBefore(a, yes, values);
    if (!yes && policy.rejectPolicy !== 'end') {
      const target = policy.rejectPolicy === 'initiator' ? returnable.find((s) => s.kind === 'initiator') : returnable[0];
      if (target) return this.returnTo(a, target, 'reject');
    }
    await this.deps.engine.completeTask(a.task.id, (scope) => voteCompletion(policy, scope, { taskId: a.task.id, userId: a.p.id, yes, auto: null }, values));
    await this.signers.settled(a.task, a.p.id);
    await this.record(a, yes ? 'approve' : 'reject');
  }

  private async returnTo(a: Acting, target: ReturnableStep, kind: ActionKind): Promise<void> {
    const instructions = await returnInstructions(this.deps.engine, a.model, a.task, target);
    await this.deps.engine.modifyProcessInstance(a.task.processInstanceId, instructions, { annotation: `returned to ${target.name ?? target.activityId}` });
    await this.record(a, kind, { target: target.kind === 'initiator' ? 'initiator' : target.activityId });
  }

  private async copy(a: Acting, users: string[]): Promise<void> {
    const list = [...new Set(users.map((u) => u.trim()).filter(Boolean))];
    for (const u of list) if (!(await this.deps.people.exists(u))) throw badRequest(`no user '${u}' to copy to`);
    const row = await this.record(a, 'cc', { target: list.join(',') });
    await this.deps.cc.copyDirect({ processInstanceId: a.task.processInstanceId, key: `action:${row}`, activityId: a.node.id, activityName: a.node.name, users: list });
  }

  private async otherUser(a: Acting, userId: string | undefined): Promise<string> {
    const to = userId?.trim();
    if (!to) throw badRequest('a userId is required');
    if (to === a.p.id) throw badRequest('choose someone other than yourself');
    if (!(await this.deps.people.exists(to))) throw badRequest(`no user '${to}'`);
    return to;
  }

  /** records the action row; its id */
  async record(a: Acting, action: ActionKind, extra: { target?: string | null; comment?: string | null } = {}): Promise<string> {
    const row = await this.deps.repo.record(
      {
        processInstanceId: a.task.processInstanceId,
        taskId: a.task.id,
        activityId: a.node.id,
        activityName: a.task.name ?? a.node.name,
        userId: a.p.id,
        action,
        target: extra.target ?? null,
        comment: extra.comment === undefined ? a.comment : extra.comment,
        created: a.at,
      },
      a.files,
    );
    // one action's attachments are stored once
    a.files = [];
    return row.id;
  }
}

export type { Acting };
