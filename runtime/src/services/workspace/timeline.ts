import { LzError, type Engine, type HistoricTask, type HistoricVariableUpdate } from '@liuzhuan/engine';
import type { TimelineItem, TimelineResponse } from '../../api-types/workspace.ts';
import { forbidden } from '../../infra/errors.ts';
import type { CcService } from '../cc/index.ts';
import type { RequestNumbers } from '../request-numbers/index.ts';
import type { ApprovalsRepo } from '../approvals/approvals.repo.ts';
import { VOTE, type VoteRecord } from '../approvals/votes.ts';
import type { Principal } from '../identity/identity.service.ts';
import { iso, isoOrNull, requestState } from './request-info.ts';

type Outcome = TimelineItem['outcome'];

/** where two items share a time: the start first, the end last, the rest as read */
const RANK: Record<TimelineItem['kind'], number> = { started: 0, task: 1, comment: 1, cc: 1, action: 1, ended: 2 };

/**
 * How a finished task ended. An approval vote (approvals/votes.ts) records `lzVote` with the
 * task id in the command that completes the task; older models set only `approved`, whose
 * update carries the task's end time (one command, one clock reading); a task completed
 * without either simply completed. A task removed otherwise (cancelled, the instance
 * deleted, returned) has no outcome; its reason goes in the message.
 */
function outcomeOf(t: HistoricTask, votes: ReadonlyMap<string, VoteRecord>, approvals: readonly HistoricVariableUpdate[]): { outcome: Outcome; message: string | null; auto?: boolean } {
  if (!t.endTime) return { outcome: 'open', message: null };
  if (t.deleteReason !== 'completed') return { outcome: null, message: t.deleteReason };
  const vote = votes.get(t.id);
  if (vote) return { outcome: vote.vote === 'approve' ? 'approved' : 'rejected', message: vote.auto ? `auto: ${vote.auto}` : null, auto: vote.auto !== null };
  const at = t.endTime.getTime();
  const update = approvals.find((u) => u.time.getTime() === at);
  if (update?.value === true) return { outcome: 'approved', message: null };
  if (update?.value === false) return { outcome: 'rejected', message: null };
  return { outcome: 'completed', message: null };
}

/**
 * A request's story (contract C, GET /api/requests/:instanceId/timeline): started, each task with
 * its assignee and outcome, the comments, the copies, ended — in time order. Seen by the
 * initiator, whoever has or had a task in it (or is a candidate of an open one), whoever it was
 * copied to, and admins.
 */
export class Timeline {
  constructor(
    private readonly engine: Engine,
    private readonly cc: CcService,
    private readonly approvals: ApprovalsRepo,
    private readonly numbers: RequestNumbers | null = null,
  ) {}

  /** the initiator, whoever has or had a task in it (or is a candidate of an open one), whoever it was copied to, admins */
  async maySee(p: Principal, instanceId: string, startedBy: string | null): Promise<boolean> {
    if (p.isAdmin || startedBy === p.id) return true;
    if ((await this.engine.countHistoricInstances({ processInstanceId: instanceId, visibleTo: { userId: p.id, groups: p.groups } })) > 0) return true;
    return this.cc.isCopied(instanceId, p.id);
  }

  async of(p: Principal, instanceId: string): Promise<TimelineResponse> {
    const [h] = await this.engine.getHistoricInstances({ processInstanceId: instanceId });
    if (!h) throw new LzError('LZ_ERR_INSTANCE_NOT_FOUND', `no process instance with id ${instanceId}`);
    if (!(await this.maySee(p, h.id, h.startUserId))) throw forbidden(`you may not see request ${instanceId}: you neither started it, worked on it nor were copied`);
    const [activities, tasks, approvals, voteUpdates, comments, copies, actions, files] = await Promise.all([
      this.engine.getHistoricActivities({ processInstanceId: h.id }),
      this.engine.getHistoricTasks({ processInstanceId: h.id, sort: [{ by: 'startTime', order: 'asc' }] }),
      this.engine.getHistoricVariableUpdates({ processInstanceId: h.id, name: 'approved' }),
      this.engine.getHistoricVariableUpdates({ processInstanceId: h.id, name: VOTE }),
      this.engine.getComments({ processInstanceId: h.id }),
      this.cc.forInstance(h.id),
      this.approvals.actions(h.id),
      this.approvals.attachmentsOf(h.id),
    ]);
    const votes = new Map<string, VoteRecord>();
    for (const u of voteUpdates) {
      const v = u.value as VoteRecord | null;
      if (v && typeof v.taskId === 'string') votes.set(v.taskId, v);
    }
    const nameOf = (activityId: string | null) => (activityId ? (activities.find((a) => a.activityId === activityId)?.activityName ?? null) : null);
    const taskById = new Map(tasks.map((t) => [t.id, t]));
    const items: TimelineItem[] = [];
    const item = (i: Partial<TimelineItem> & Pick<TimelineItem, 'kind' | 'time'>) =>
      items.push({ activityId: null, name: null, user: null, endTime: null, outcome: null, message: null, ...i });

    item({ kind: 'started', activityId: h.startActivityId, name: nameOf(h.startActivityId), user: h.startUserId, time: iso(h.startTime) });
    for (const t of tasks) {
      const o = outcomeOf(t, votes, approvals);
      // a task a return or a withdrawal removed says so, rather than the engine's 'deleted'
      if (t.endTime && t.deleteReason === 'deleted') {
        const why = actions.find((a) => (a.action === 'withdraw' || (a.target && (a.action === 'return' || a.action === 'reject'))) && a.created >= t.startTime && a.created <= t.endTime!);
        if (why) o.message = why.action === 'withdraw' ? 'withdrawn' : 'returned';
      }
      item({ kind: 'task', activityId: t.taskDefinitionKey, name: t.name, user: t.assignee, time: iso(t.startTime), endTime: isoOrNull(t.endTime), ...o });
    }
    // an action's comment is also its task's comment (Camunda's): told once, on the action
    const told = new Set(actions.filter((a) => a.taskId && a.comment).map((a) => `${a.taskId}\u0000${a.userId}\u0000${a.comment}`));
    for (const c of comments) {
      if (c.taskId && told.has(`${c.taskId}\u0000${c.userId}\u0000${c.message}`)) continue;
      const t = c.taskId ? taskById.get(c.taskId) : undefined;
      item({ kind: 'comment', activityId: t?.taskDefinitionKey ?? null, name: t?.name ?? null, user: c.userId, time: iso(c.time), message: c.message });
    }
    for (const a of actions) {
      const attachments = files.filter((f) => f.actionId === a.id).map((f) => ({ id: f.id, name: f.name, size: f.size, contentType: f.contentType }));
      item({ kind: 'action', action: a.action, activityId: a.activityId, name: a.activityName, user: a.userId, time: iso(a.created), message: a.comment, target: a.target, attachments });
    }
    for (const c of copies) item({ kind: 'cc', activityId: c.activityId, name: c.activityName, user: c.userId, time: iso(c.created) });
    if (h.endTime) {
      const message = h.state === 'COMPLETED' ? null : (h.deleteReason ?? 'canceled');
      item({ kind: 'ended', activityId: h.endActivityId, name: nameOf(h.endActivityId), time: iso(h.endTime), message });
    }
    const info = this.numbers ? (await this.numbers.infoOf([h.id])).get(h.id) : undefined;
    // a stable sort: equal times keep the order above
    items.sort((a, b) => a.time.localeCompare(b.time) || RANK[a.kind] - RANK[b.kind]);
    return {
      instance: {
        id: h.id,
        key: h.definitionKey,
        name: h.definitionName,
        businessKey: h.businessKey,
        startedBy: h.startUserId,
        startTime: iso(h.startTime),
        endTime: isoOrNull(h.endTime),
        state: requestState(h),
        serialNo: info?.serialNo ?? null,
        title: info?.title ?? null,
      },
      items,
    };
  }
}
