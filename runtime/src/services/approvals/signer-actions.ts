import type { TaskInfo } from '@liuzhuan/engine';
import { badRequest } from '../../infra/errors.ts';
import type { ActionKind, SignerRow } from './approvals.repo.ts';
import { tell, type ApprovalDeps } from './context.ts';
import { stepPolicy } from './policy.ts';
import type { Acting } from './task-actions.ts';
import { voteCompletion } from './votes.ts';

type RecordFn = (a: Acting, kind: ActionKind, extra?: { target?: string | null; comment?: string | null }) => Promise<string>;

/**
 * Add signer (加签) and remove signer (减签) on an approval step:
 * - before: the added signer decides first — the task is delegated to them (Camunda's
 *   delegation: I stay its owner); their approve hands it back to me, their reject rejects
 *   the step;
 * - after: my approval is recorded now and the same task goes on to them; their vote is the
 *   task's (they may also return the request, as any approver);
 * - parallel: another instance of the step's multi-instance loop, for them, beside mine.
 * A signer is removed by the one who added them while they have not decided.
 */
export class SignerActions {
  constructor(
    private readonly deps: ApprovalDeps,
    private readonly record: RecordFn,
  ) {}

  /** pending signers `userId` added on the step `task` belongs to (their own task, or the shared one) */
  async pendingAddedBy(userId: string, task: TaskInfo): Promise<SignerRow[]> {
    const rows = await this.deps.repo.signers({ instanceId: task.processInstanceId, activityId: task.taskDefinitionKey });
    return rows.filter((s) => s.state === 'pending' && s.addedBy === userId);
  }

  /** the pending before-signer a delegated task is with, if that is why it is delegated */
  async beforeSignerOf(task: TaskInfo): Promise<SignerRow | null> {
    if (task.delegationState !== 'PENDING') return null;
    const rows = await this.deps.repo.signers({ taskId: task.id });
    return rows.find((s) => s.state === 'pending' && s.position === 'before' && s.userId === task.assignee) ?? null;
  }

  async add(a: Acting, userId: string, position: SignerRow['position']): Promise<void> {
    const { engine } = this.deps;
    if (position === 'before') await engine.delegateTask(a.task.id, userId);
    else if (position === 'after') await engine.setAssignee(a.task.id, userId);
    else {
      const exec = await engine.getExecution(a.task.executionId);
      const body = exec?.parentId ? await engine.getExecution(exec.parentId) : null;
      if (body?.kind !== 'mi-body') throw badRequest(`${a.node.name ?? a.node.id} has one approver: a signer can be added before or after, not in parallel`);
      await engine.addLoopInstance(a.task.id, userId);
    }
    await this.deps.repo.addSigner({ processInstanceId: a.task.processInstanceId, taskId: a.task.id, activityId: a.node.id, addedBy: a.p.id, userId, position, created: engine.clock.now() });
    // after: I approve as I hand it on
    if (position === 'after') await this.record(a, 'approve');
    await this.record(a, 'addSigner', { target: `${position}:${userId}` });
    // before and parallel make a task of theirs, which the engine's task events announce; after hands mine on
    if (position === 'after') {
      await tell(this.deps, [userId], { kind: 'task.signer-added', title: `${a.p.id} added you as a signer of "${a.task.name ?? a.node.id}"`, link: `/tasks/${a.task.id}`, processInstanceId: a.task.processInstanceId, taskId: a.task.id });
    }
  }

  async remove(a: Acting, userId: string): Promise<void> {
    const { engine } = this.deps;
    const s = (await this.pendingAddedBy(a.p.id, a.task)).find((x) => x.userId === userId);
    if (!s) throw badRequest(`'${userId}' is not a signer you added to this step who has not decided yet`);
    const task = await engine.getTask(s.taskId);
    if (s.position === 'before') {
      if (!task || task.assignee !== userId) throw badRequest(`'${userId}' has already decided`);
      await engine.resolveTask(task.id);
    } else if (s.position === 'after') {
      // the step goes on as approved by me
      if (!task || task.assignee !== userId) throw badRequest(`'${userId}' has already decided`);
      await engine.completeTask(task.id, (scope) => voteCompletion(stepPolicy(a.node), scope, { taskId: task.id, userId: a.p.id, yes: true, auto: null }));
    } else {
      const open = (await engine.getTasks({ processInstanceId: a.task.processInstanceId, taskDefinitionKey: a.node.id })).find((t) => t.assignee === userId);
      if (!open) throw badRequest(`'${userId}' has already decided`);
      await engine.removeLoopInstance(open.id, userId);
    }
    await this.deps.repo.setSignerState(s.id, 'removed');
    await this.record(a, 'removeSigner', { target: `${s.position}:${userId}` });
  }

  /** a before-signer decides: approve hands the task back to its owner, reject rejects the step */
  async decideBefore(a: Acting, yes: boolean, values: Record<string, unknown>): Promise<void> {
    const { engine } = this.deps;
    const s = (await this.beforeSignerOf(a.task))!;
    await engine.resolveTask(a.task.id, values);
    if (!yes) await engine.completeTask(a.task.id, (scope) => voteCompletion(stepPolicy(a.node), scope, { taskId: a.task.id, userId: a.p.id, yes: false, auto: null }));
    await this.deps.repo.setSignerState(s.id, 'done');
    await this.record(a, yes ? 'approve' : 'reject');
  }

  /** the task was decided: a pending after-signer or parallel signer on it is done */
  async settled(task: TaskInfo, userId: string): Promise<void> {
    const rows = await this.deps.repo.signers({ instanceId: task.processInstanceId, activityId: task.taskDefinitionKey });
    for (const s of rows) if (s.state === 'pending' && s.userId === userId && s.position !== 'before') await this.deps.repo.setSignerState(s.id, 'done');
  }
}
