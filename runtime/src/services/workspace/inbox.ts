import type { Engine, HistoricInstance, TaskInfo, TaskQuery } from '@liuzhuan/engine';
import type { InboxItem, InboxTab } from '../../api-types/workspace.ts';
import type { CcService } from '../cc/index.ts';
import type { RequestInfo, RequestNumbers } from '../request-numbers/index.ts';
import type { Principal } from '../identity/identity.service.ts';
import { iso, isoOrNull, requestState, requestsOf } from './request-info.ts';

export interface Page {
  limit: number;
  offset: number;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
}

const newestFirst = (a: TaskInfo, b: TaskInfo) => b.created.getTime() - a.created.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * My inbox (contract C, GET /api/inbox): todo = open tasks assigned to me, or unassigned where I
 * am a candidate by name or group; done = tasks I completed; started = requests I started, the
 * running ones first; cc = requests copied to me. Newest first in each.
 */
export class Inbox {
  constructor(
    private readonly engine: Engine,
    private readonly cc: CcService,
    private readonly numbers: RequestNumbers | null = null,
  ) {}

  /** a tab's page, each request with its number and title when it has them */
  async list(p: Principal, tab: InboxTab, page: Page): Promise<InboxPage> {
    const out = await this.tab(p, tab, page);
    const info = this.numbers ? await this.numbers.infoOf([...new Set(out.items.map((i) => i.processInstanceId))]) : new Map<string, RequestInfo>();
    return { ...out, items: out.items.map((i) => ({ ...i, serialNo: info.get(i.processInstanceId)?.serialNo ?? null, title: info.get(i.processInstanceId)?.title ?? null })) };
  }

  private tab(p: Principal, tab: InboxTab, page: Page): Promise<InboxPage> {
    switch (tab) {
      case 'todo':
        return this.todo(p, page);
      case 'done':
        return this.done(p, page);
      case 'started':
        return this.started(p, page);
      case 'cc':
        return this.copied(p, page);
    }
  }

  private async todo(p: Principal, { limit, offset }: Page): Promise<InboxPage> {
    // two disjoint sets, each read up to the end of the page in the same order, then merged
    const sort: TaskQuery['sort'] = [
      { by: 'created', order: 'desc' },
      { by: 'id', order: 'desc' },
    ];
    const mine: TaskQuery = { assignee: p.id };
    const offered: TaskQuery = { unassigned: true, candidateOf: { userId: p.id, groups: p.groups } };
    const [a, b, na, nb] = await Promise.all([
      this.engine.getTasks({ ...mine, sort, first: 0, max: offset + limit }),
      this.engine.getTasks({ ...offered, sort, first: 0, max: offset + limit }),
      this.engine.countTasks(mine),
      this.engine.countTasks(offered),
    ]);
    const tasks = [...a, ...b].sort(newestFirst).slice(offset, offset + limit);
    const { instances, names } = await requestsOf(
      this.engine,
      tasks.map((t) => t.processInstanceId),
      tasks.map((t) => t.processDefinitionId),
    );
    const items = tasks.map((t) => ({
      id: t.id,
      taskId: t.id,
      name: t.name ?? t.taskDefinitionKey,
      processInstanceId: t.processInstanceId,
      processKey: t.processDefinitionKey,
      processName: names.get(t.processDefinitionId) ?? null,
      businessKey: t.businessKey,
      initiator: instances.get(t.processInstanceId)?.startUserId ?? null,
      created: iso(t.created),
      due: isoOrNull(t.due),
      endTime: null,
      state: 'open',
    }));
    return { items, total: na + nb };
  }

  private async done(p: Principal, { limit, offset }: Page): Promise<InboxPage> {
    const q = { taskAssignee: p.id, finished: true, deleteReason: 'completed' };
    const [tasks, total] = await Promise.all([
      this.engine.getHistoricTasks({ ...q, sort: [{ by: 'endTime', order: 'desc' }], first: offset, max: limit }),
      this.engine.countHistoricTasks(q),
    ]);
    const { instances, names } = await requestsOf(
      this.engine,
      tasks.map((t) => t.processInstanceId),
      tasks.flatMap((t) => (t.processDefinitionId ? [t.processDefinitionId] : [])),
    );
    const items = tasks.map((t) => {
      const inst = instances.get(t.processInstanceId);
      return {
        id: t.id,
        taskId: t.id,
        name: t.name ?? t.taskDefinitionKey,
        processInstanceId: t.processInstanceId,
        processKey: t.processDefinitionKey,
        processName: (t.processDefinitionId ? names.get(t.processDefinitionId) : null) ?? inst?.definitionName ?? null,
        businessKey: inst?.businessKey ?? null,
        initiator: inst?.startUserId ?? null,
        created: iso(t.startTime),
        due: isoOrNull(t.due),
        endTime: isoOrNull(t.endTime),
        state: 'completed',
      };
    });
    return { items, total };
  }

  private async started(p: Principal, { limit, offset }: Page): Promise<InboxPage> {
    // the running ones first, each part newest first: page over the two parts in turn
    const sort = [{ by: 'startTime' as const, order: 'desc' as const }];
    const [running, ended] = await Promise.all([
      this.engine.countHistoricInstances({ startedBy: p.id, finished: false }),
      this.engine.countHistoricInstances({ startedBy: p.id, finished: true }),
    ]);
    const rows: HistoricInstance[] = [];
    if (offset < running) rows.push(...(await this.engine.getHistoricInstances({ startedBy: p.id, finished: false, sort, first: offset, max: limit })));
    const left = limit - rows.length;
    if (left > 0) rows.push(...(await this.engine.getHistoricInstances({ startedBy: p.id, finished: true, sort, first: Math.max(0, offset - running), max: left })));
    const items = rows.map((h) => ({
      id: h.id,
      taskId: null,
      name: h.definitionName ?? h.definitionKey,
      processInstanceId: h.id,
      processKey: h.definitionKey,
      processName: h.definitionName,
      businessKey: h.businessKey,
      initiator: h.startUserId,
      created: iso(h.startTime),
      due: null,
      endTime: isoOrNull(h.endTime),
      state: requestState(h),
    }));
    return { items, total: running + ended };
  }

  private async copied(p: Principal, { limit, offset }: Page): Promise<InboxPage> {
    const { rows, total } = await this.cc.listFor(p.id, { first: offset, max: limit });
    const { instances } = await requestsOf(
      this.engine,
      rows.map((r) => r.processInstanceId),
      [],
    );
    const items = rows.flatMap((r) => {
      const h = instances.get(r.processInstanceId);
      // a request whose history was removed has nothing left to show
      if (!h) return [];
      return [
        {
          id: r.id,
          taskId: null,
          name: r.activityName ?? h.definitionName ?? h.definitionKey,
          processInstanceId: r.processInstanceId,
          processKey: h.definitionKey,
          processName: h.definitionName,
          businessKey: h.businessKey,
          initiator: h.startUserId,
          created: iso(r.created),
          due: null,
          endTime: isoOrNull(h.endTime),
          state: requestState(h),
          read: r.readAt !== null,
        },
      ];
    });
    return { items, total };
  }
}
