import type { Engine, EngineListener, HistoricInstance, TaskInfo } from '@liuzhuan/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { NotificationInput } from './types.ts';

type EngineEvent = Parameters<EngineListener>[0];

export interface EventPeople {
  members(groupId: string): Promise<string[]>;
}

/** the web app's pages (designer/src/features/task/routes.ts, request/routes.ts) */
export const taskLink = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;
export const requestLink = (instanceId: string) => `/requests/${encodeURIComponent(instanceId)}`;

/**
 * The notifications the engine's after-commit events make by themselves:
 * - `task.created` → the task's assignee, else its candidate users and the members of its
 *   candidate groups: kind `task.assigned` (a task that passed at once — auto-approval, the
 *   resubmit step on filing — is gone by then and tells nobody)
 * - `task.delegated` → the delegate: kind `task.delegated`
 * - `process-instance.completed` / `.cancelled` of a request (a top-level instance with a
 *   start user) → its initiator: kind `request.completed` / `request.canceled`; a request its
 *   initiator withdrew (reason `withdrawn`) tells nobody
 * Claims and assignee changes (`task.assigned`) tell nobody here: a transfer tells its new
 * assignee from the approval action, and a claim is the claimer's own doing.
 *
 * The listener only queues the work; the work runs after the engine's command has returned,
 * and its failures are logged, never thrown into the engine.
 */
export class EngineEventNotifier {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly engine: Engine,
    private readonly people: EventPeople,
    private readonly notify: (userIds: string[], n: NotificationInput) => Promise<unknown>,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** subscribes; the returned function unsubscribes */
  listen(): () => void {
    return this.engine.on((e) => {
      try {
        if (!HANDLED.has(e.type)) return;
        const work = this.handle(e).catch((err: unknown) => this.log.warn({ err, event: e.type }, 'notification for an engine event failed'));
        this.inFlight.add(work);
        void work.finally(() => this.inFlight.delete(work));
      } catch (err) {
        this.log.warn({ err, event: e.type }, 'notification for an engine event failed');
      }
    });
  }

  /** resolves once the notifications of the events so far are written (tests, shutdown) */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async handle(e: EngineEvent): Promise<void> {
    switch (e.type) {
      case 'task.created':
        return this.taskCreated(String(e.taskId));
      case 'task.delegated':
        return this.taskDelegated(String(e.taskId), typeof e.owner === 'string' ? e.owner : null);
      case 'process-instance.completed':
        return this.requestEnded(String(e.processInstanceId), 'completed', null);
      case 'process-instance.cancelled':
        return this.requestEnded(String(e.processInstanceId), 'canceled', typeof e.reason === 'string' ? e.reason : null);
    }
  }

  private async taskCreated(taskId: string): Promise<void> {
    const task = await this.engine.getTask(taskId);
    if (!task) return;
    const users = await this.waitingFor(task);
    if (users.length === 0) return;
    const h = await this.instance(task.processInstanceId);
    await this.notify(users, {
      kind: 'task.assigned',
      title: `New task: ${taskName(task)}`,
      ...(h ? { body: requestLine(h) } : {}),
      link: taskLink(task.id),
      processInstanceId: task.processInstanceId,
      taskId: task.id,
    });
  }

  private async taskDelegated(taskId: string, owner: string | null): Promise<void> {
    const task = await this.engine.getTask(taskId);
    if (!task?.assignee) return;
    const h = await this.instance(task.processInstanceId);
    await this.notify([task.assignee], {
      kind: 'task.delegated',
      title: `${owner ?? 'Someone'} delegated "${taskName(task)}" to you`,
      ...(h ? { body: requestLine(h) } : {}),
      link: taskLink(task.id),
      processInstanceId: task.processInstanceId,
      taskId: task.id,
    });
  }

  private async requestEnded(instanceId: string, how: 'completed' | 'canceled', reason: string | null): Promise<void> {
    if (how === 'canceled' && reason === 'withdrawn') return;
    const h = await this.instance(instanceId);
    if (!h || h.superProcessInstanceId !== null || !h.startUserId) return;
    const name = h.definitionName ?? h.definitionKey;
    let body: string | undefined;
    if (how === 'completed' && h.endActivityId) {
      const end = (await this.engine.getDefinitionModel(h.definitionId).catch(() => null))?.nodes.get(h.endActivityId)?.name;
      if (end) body = `Result: ${end}`;
    }
    if (how === 'canceled' && reason) body = `Reason: ${reason}`;
    await this.notify([h.startUserId], {
      kind: how === 'completed' ? 'request.completed' : 'request.canceled',
      title: how === 'completed' ? `Your request "${name}" is complete` : `Your request "${name}" was canceled`,
      ...(body ? { body } : {}),
      link: requestLink(h.id),
      processInstanceId: h.id,
    });
  }

  private async waitingFor(t: TaskInfo): Promise<string[]> {
    if (t.assignee) return [t.assignee];
    const out = new Set(t.candidateUsers);
    for (const g of t.candidateGroups) for (const u of await this.people.members(g)) out.add(u);
    return [...out];
  }

  private async instance(id: string): Promise<HistoricInstance | null> {
    const [h] = await this.engine.getHistoricInstances({ processInstanceId: id });
    return h ?? null;
  }
}

const HANDLED = new Set(['task.created', 'task.delegated', 'process-instance.completed', 'process-instance.cancelled']);

const taskName = (t: TaskInfo) => t.name ?? t.taskDefinitionKey;

function requestLine(h: HistoricInstance): string {
  const name = h.definitionName ?? h.definitionKey;
  return h.startUserId ? `${name}, started by ${h.startUserId}` : name;
}
