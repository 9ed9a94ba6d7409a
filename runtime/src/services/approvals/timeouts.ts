import type { TaskInfo } from '@liuzhuan/engine';
import { tell, taskAt, type ApprovalDeps } from './context.ts';
import { isApprovalStep, stepPolicy } from './policy.ts';
import { voteCompletion } from './votes.ts';

const UNITS_MS: Record<string, number> = { W: 7 * 86_400_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1_000 };

/** an ISO 8601 duration (PnW, PnDTnHnMnS; no years or months) in milliseconds, null when malformed */
export function durationMs(iso: string): number | null {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(iso.trim());
  if (!m || iso.trim().toUpperCase() === 'P' || /T$/i.test(iso.trim())) return null;
  const [, w, d, h, min, s] = m;
  const ms = Number(w ?? 0) * UNITS_MS.W! + Number(d ?? 0) * UNITS_MS.D! + Number(h ?? 0) * UNITS_MS.H! + Number(min ?? 0) * UNITS_MS.M! + Number(s ?? 0) * UNITS_MS.S!;
  return ms > 0 ? ms : null;
}

/**
 * Timeouts of approval steps (lz.timeout, lz.timeoutAction): a task open longer than its
 * timeout reminds its approver (every timeout, lz.remindTimes times), is approved or rejected
 * automatically, or goes to the approver's direct manager (escalate) — not only a reminder.
 * Each step is claimed in the approval_timeouts row first, so several runtimes sweeping the
 * same database act once.
 */
export class Timeouts {
  constructor(private readonly deps: ApprovalDeps) {}

  /** acts on every task whose timeout has passed at `now`; how many actions it took */
  async sweep(now: Date = this.deps.engine.clock.now()): Promise<number> {
    let acted = 0;
    for (const task of await this.deps.engine.getTasks({})) if (await this.one(task, now)) acted += 1;
    return acted;
  }

  private async one(task: TaskInfo, now: Date): Promise<boolean> {
    const at = await taskAt(this.deps.engine, task);
    if (!isApprovalStep(at.node)) return false;
    const policy = stepPolicy(at.node);
    const ms = policy.timeout ? durationMs(policy.timeout) : null;
    if (ms === null) return false;
    const state = await this.deps.repo.timeoutState(task.id);
    if (state.done || task.created.getTime() + ms * (state.reminders + 1) > now.getTime()) return false;
    const { engine, repo } = this.deps;
    const record = (action: 'remind' | 'approve' | 'reject' | 'escalate', target: string | null) =>
      repo.record({ processInstanceId: task.processInstanceId, taskId: task.id, activityId: at.node.id, activityName: task.name, userId: null, action, target, comment: `timeout after ${policy.timeout}`, created: now });
    switch (policy.timeoutAction) {
      case 'remind': {
        const reminders = state.reminders + 1;
        if (!(await repo.claimTimeout(task.id, state.reminders, { reminders, done: reminders >= policy.remindTimes }))) return false;
        await record('remind', task.assignee);
        if (task.assignee) await tell(this.deps, [task.assignee], { kind: 'task.reminder', title: `"${task.name ?? at.node.id}" is waiting for you`, link: `/tasks/${task.id}`, processInstanceId: task.processInstanceId, taskId: task.id });
        return true;
      }
      case 'autoApprove':
      case 'autoReject': {
        if (!(await repo.claimTimeout(task.id, state.reminders, { reminders: state.reminders, done: true }))) return false;
        const yes = policy.timeoutAction === 'autoApprove';
        await engine.completeTask(task.id, (scope) => voteCompletion(policy, scope, { taskId: task.id, userId: null, yes, auto: 'timeout' }));
        await record(yes ? 'approve' : 'reject', null);
        return true;
      }
      case 'escalate': {
        const manager = task.assignee ? this.deps.people.managerOf(task.assignee) : null;
        if (!(await repo.claimTimeout(task.id, state.reminders, { reminders: state.reminders, done: true }))) return false;
        if (!manager) {
          await record('remind', task.assignee);
          return true;
        }
        await engine.setAssignee(task.id, manager);
        await record('escalate', manager);
        await tell(this.deps, [manager], { kind: 'task.escalated', title: `"${task.name ?? at.node.id}" was escalated to you: ${task.assignee} did not act within ${policy.timeout}`, link: `/tasks/${task.id}`, processInstanceId: task.processInstanceId, taskId: task.id });
        return true;
      }
    }
  }
}
