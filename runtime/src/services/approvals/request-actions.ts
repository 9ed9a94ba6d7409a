import { LzError, type HistoricInstance } from '@liuzhuan/engine';
import type { RequestActedResponse, RequestActionRequest, RequestCcRequest } from '../../api-types/workspace.ts';
import { badRequest, forbidden, HttpError } from '../../infra/errors.ts';
import type { Principal } from '../identity/identity.service.ts';
import type { ActionKind, AttachmentInput } from './approvals.repo.ts';
import { decodeAttachments } from './attachments.ts';
import { tell, waitingFor, type ApprovalDeps } from './context.ts';
import { withdrawPolicy } from './policy.ts';

export const URGE_WINDOW_MS = 60 * 60 * 1000;

/** what someone other than the initiator did that counts as acting on the request (cc does not) */
const ACTING: ReadonlySet<ActionKind> = new Set(['approve', 'reject', 'return', 'transfer', 'delegate', 'resolve', 'addSigner', 'complete']);

/**
 * Actions on a whole request: withdraw (撤回) and urge (催办) by the initiator, cc (抄送) by
 * the initiator or anyone who worked on it.
 */
export class RequestActions {
  constructor(private readonly deps: ApprovalDeps) {}

  private async running(instanceId: string): Promise<HistoricInstance> {
    const [h] = await this.deps.engine.getHistoricInstances({ processInstanceId: instanceId });
    if (!h) throw new LzError('LZ_ERR_INSTANCE_NOT_FOUND', `no process instance with id ${instanceId}`);
    return h;
  }

  /** the comment and attachments of a request action, checked before anything changes */
  private input(body: RequestActionRequest): { comment: string | null; files: AttachmentInput[]; at: Date } {
    const comment = body.comment?.trim() ? body.comment : null;
    if (comment?.includes('\u0000')) throw badRequest('a comment must not contain NUL characters');
    return { comment, files: decodeAttachments(body.attachments), at: this.deps.engine.clock.now() };
  }

  private async record(h: HistoricInstance, p: Principal, action: ActionKind, input: { comment: string | null; files: AttachmentInput[]; at: Date }, target: string | null = null): Promise<void> {
    await this.deps.repo.record(
      { processInstanceId: h.id, taskId: null, activityId: null, activityName: null, userId: p.id, action, target, comment: input.comment, created: input.at },
      input.files,
    );
  }

  async withdraw(p: Principal, instanceId: string, body: RequestActionRequest): Promise<RequestActedResponse> {
    const input = this.input(body);
    const h = await this.running(instanceId);
    if (h.startUserId !== p.id) throw forbidden(`only the initiator may withdraw request ${instanceId}`);
    if (h.endTime) throw badRequest(`request ${instanceId} has ended: there is nothing to withdraw`);
    const model = await this.deps.engine.getDefinitionModel(h.definitionId);
    if (withdrawPolicy(model) === 'untouched') {
      const acted = (await this.deps.repo.actions(h.id)).filter((a) => ACTING.has(a.action) && a.userId !== p.id);
      if (acted.length > 0) throw badRequest(`request ${instanceId} cannot be withdrawn: ${acted[0]!.userId} has already acted on it`);
    }
    await this.deps.engine.deleteProcessInstance(h.id, 'withdrawn');
    await this.record(h, p, 'withdraw', input);
    return { processInstanceId: h.id, tasks: 0 };
  }

  async urge(p: Principal, instanceId: string, body: RequestActionRequest): Promise<RequestActedResponse> {
    const input = this.input(body);
    const h = await this.running(instanceId);
    if (h.startUserId !== p.id) throw forbidden(`only the initiator may urge request ${instanceId}`);
    if (h.endTime) throw badRequest(`request ${instanceId} has ended`);
    const tasks = await this.deps.engine.getTasks({ processInstanceId: h.id });
    const now = this.deps.engine.clock.now();
    let urged = 0;
    for (const t of tasks) {
      if (!(await this.deps.repo.tryUrge(t.id, now, URGE_WINDOW_MS))) continue;
      urged += 1;
      await tell(this.deps, await waitingFor(this.deps.people, t), {
        kind: 'task.urged',
        title: `${p.id} urges you to handle "${t.name ?? t.taskDefinitionKey}"`,
        ...(body.comment ? { body: body.comment } : {}),
        link: `/tasks/${t.id}`,
        processInstanceId: h.id,
        taskId: t.id,
      });
    }
    if (tasks.length > 0 && urged === 0) throw new HttpError(429, 'InvalidRequestException', `request ${instanceId} was urged less than an hour ago: each task may be urged once an hour`);
    await this.record(h, p, 'urge', input, String(urged));
    return { processInstanceId: h.id, tasks: urged };
  }

  async cc(p: Principal, instanceId: string, body: RequestCcRequest, participated: (p: Principal, h: HistoricInstance) => Promise<boolean>): Promise<RequestActedResponse> {
    const h = await this.running(instanceId);
    if (h.startUserId !== p.id && !p.isAdmin && !(await participated(p, h))) throw forbidden(`you may not copy request ${instanceId}: you neither started nor worked on it`);
    const users = [...new Set(body.users.map((u) => u.trim()).filter(Boolean))];
    for (const u of users) if (!(await this.deps.people.exists(u))) throw badRequest(`no user '${u}' to copy to`);
    const row = await this.deps.repo.record({
      processInstanceId: h.id,
      taskId: null,
      activityId: null,
      activityName: null,
      userId: p.id,
      action: 'cc',
      target: users.join(','),
      comment: body.comment?.trim() ? body.comment : null,
      created: this.deps.engine.clock.now(),
    });
    await this.deps.cc.copyDirect({ processInstanceId: h.id, key: `action:${row.id}`, activityId: h.startActivityId ?? 'request', activityName: h.definitionName, users });
    await tell(this.deps, users, { kind: 'request.cc', title: `${p.id} copied "${h.definitionName ?? h.definitionKey}" to you`, link: `/requests/${h.id}`, processInstanceId: h.id });
    return { processInstanceId: h.id, tasks: 0 };
  }
}
