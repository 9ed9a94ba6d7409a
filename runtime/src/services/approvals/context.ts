import type { Engine, NodeModel, ProcessModel, TaskInfo } from '@liuzhuan/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { CcService } from '../cc/index.ts';
import type { FormsService } from '../forms/forms.service.ts';
import type { ApprovalsRepo } from './approvals.repo.ts';

/** how approval actions tell people (the notification service; absent → nobody is told) */
export interface Notifier {
  notify(userIds: string[], n: { kind: string; title: string; body?: string; link?: string; processInstanceId?: string; taskId?: string }): Promise<unknown>;
}

/** the people side of actions: does a user exist, who manages whom, a group's members */
export interface People {
  exists(userId: string): Promise<boolean>;
  managerOf(userId: string): string | null;
  members(groupId: string): Promise<string[]>;
}

export interface ApprovalDeps {
  engine: Engine;
  forms: FormsService;
  cc: CcService;
  repo: ApprovalsRepo;
  people: People;
  notifier: () => Notifier | null;
  log: FastifyBaseLogger;
}

export interface TaskAt {
  task: TaskInfo;
  model: ProcessModel;
  node: NodeModel;
}

export async function taskAt(engine: Engine, task: TaskInfo): Promise<TaskAt> {
  const model = await engine.getDefinitionModel(task.processDefinitionId);
  const node = model.nodes.get(task.taskDefinitionKey);
  if (!node) throw new Error(`task ${task.id}: no node ${task.taskDefinitionKey} in its model`);
  return { task, model, node };
}

/** who a task is waiting for: its assignee, else its candidate users and the members of its candidate groups */
export async function waitingFor(people: People, t: Pick<TaskInfo, 'assignee' | 'candidateUsers' | 'candidateGroups'>): Promise<string[]> {
  if (t.assignee) return [t.assignee];
  const out = new Set(t.candidateUsers);
  for (const g of t.candidateGroups) for (const u of await people.members(g)) out.add(u);
  return [...out];
}

/** tells people after an action committed: a failure to notify is logged, never the action's error */
export async function tell(deps: ApprovalDeps, userIds: string[], n: Parameters<Notifier['notify']>[1]): Promise<void> {
  const notifier = deps.notifier();
  if (!notifier || userIds.length === 0) return;
  try {
    await notifier.notify(userIds, n);
  } catch (e) {
    deps.log.warn({ err: e, kind: n.kind }, 'approval notification failed');
  }
}
