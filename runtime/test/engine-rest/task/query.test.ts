import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const APPROVAL = readFileSync(new URL('./approval.bpmn', import.meta.url), 'utf8');

type User = { id: string; password: string };
type Task = { id: string; processInstanceId: string; taskDefinitionKey: string; assignee: string | null; [k: string]: unknown };

describe('/engine-rest/task queries', () => {
  let t: TestApp;
  let bob: User;
  let carol: User;
  let dave: User;
  let mallory: User;
  /** [0] unassigned review, [1] review claimed by bob, [2] review claimed by carol, [3] confirm (assignee dave) */
  const inst: string[] = [];
  const task: string[] = [];
  const ids = (list: Task[]) => list.map((x) => x.id).sort();
  beforeAll(async () => {
    t = await createTestApp();
    bob = await t.user('bob', { groups: ['sales'] });
    carol = await t.user('carol', { groups: ['hr'] });
    dave = await t.user('dave', { groups: ['hr'] });
    mallory = await t.user('mallory', { groups: ['staff'] });
    const e = t.app.engine;
    await e.deploy([{ name: 'approval.bpmn', content: APPROVAL }]);
    for (let i = 0; i < 4; i++) {
      const started = await e.startProcess('approval', { businessKey: `order-${i}` });
      inst.push(started.id);
      task.push((await e.getTasks({ processInstanceId: started.id }))[0]!.id);
    }
    await e.claimTask(task[1]!, 'bob');
    await e.claimTask(task[2]!, 'carol');
    await e.updateTask(task[2]!, { due: new Date('2026-03-01T00:00:00Z'), priority: 10, name: 'Urgent review' });
    await e.claimTask(task[3]!, 'bob');
    await e.completeTask(task[3]!, { approved: true });
    task[3] = (await e.getTasks({ processInstanceId: inst[3] }))[0]!.id;
  });
  afterAll(() => t.close());

  const query = async (url: string, user?: User) => {
    const res = user ? await t.request(user, { method: 'GET', url }) : await t.admin({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Task[];
  };

  it('filters like Camunda: instance, keys, assignee, business key, name', async () => {
    expect(ids(await query(`/engine-rest/task?processInstanceId=${inst[0]}`))).toEqual([task[0]]);
    expect(ids(await query(`/engine-rest/task?processInstanceIdIn=${inst[0]},${inst[1]}`))).toEqual([task[0], task[1]].sort());
    expect(ids(await query('/engine-rest/task?taskDefinitionKey=confirm'))).toEqual([task[3]]);
    expect(ids(await query('/engine-rest/task?taskDefinitionKeyIn=review,confirm'))).toHaveLength(4);
    expect(ids(await query('/engine-rest/task?processDefinitionKey=approval'))).toHaveLength(4);
    expect(ids(await query('/engine-rest/task?processDefinitionKeyIn=other'))).toEqual([]);
    expect(ids(await query('/engine-rest/task?assignee=bob'))).toEqual([task[1]]);
    expect(ids(await query('/engine-rest/task?assigneeLike=%25ar%25'))).toEqual([task[2]]);
    expect(ids(await query('/engine-rest/task?unassigned=true'))).toEqual([task[0]]);
    expect(ids(await query('/engine-rest/task?assigned=true'))).toHaveLength(3);
    expect(ids(await query('/engine-rest/task?processInstanceBusinessKey=order-2'))).toEqual([task[2]]);
    expect(ids(await query('/engine-rest/task?name=urgent%20review'))).toEqual([task[2]]);
    expect(ids(await query('/engine-rest/task?nameLike=%25Review%25'))).toHaveLength(3);
    expect(ids(await query('/engine-rest/task?priority=10'))).toEqual([task[2]]);
    expect(ids(await query('/engine-rest/task?maxPriority=59'))).toEqual([task[2], task[3]].sort());
    expect(ids(await query('/engine-rest/task?minPriority=55'))).toEqual([task[0], task[1]].sort());
    expect(ids(await query('/engine-rest/task?dueBefore=2026-03-02T00:00:00.000%2B0000'))).toEqual([task[2]]);
    expect(ids(await query('/engine-rest/task?dueAfter=2026-03-02T00:00:00.000+0000'))).toEqual([]);
  });

  it('candidate filters find unassigned tasks unless includeAssignedTasks; candidateUser counts the user’s groups', async () => {
    expect(ids(await query('/engine-rest/task?candidateGroup=sales'))).toEqual([task[0]]);
    expect(ids(await query('/engine-rest/task?candidateGroup=sales&includeAssignedTasks=true'))).toEqual([task[0], task[1], task[2]].sort());
    expect(ids(await query('/engine-rest/task?candidateGroups=hr,sales'))).toEqual([task[0]]);
    expect(ids(await query('/engine-rest/task?candidateUser=bob'))).toEqual([task[0]]);
    expect(ids(await query('/engine-rest/task?candidateUser=carol&includeAssignedTasks=true'))).toEqual([task[0], task[1], task[2]].sort());
    expect(ids(await query('/engine-rest/task?candidateUser=dave'))).toEqual([]);
    expect(ids(await query('/engine-rest/task?withCandidateGroups=true&includeAssignedTasks=true'))).toHaveLength(3);
    expect(ids(await query('/engine-rest/task?withoutCandidateGroups=true'))).toEqual([task[3]]);
    expect(ids(await query('/engine-rest/task?involvedUser=carol'))).toEqual([task[0], task[1], task[2]].sort());
  });

  it('sorts, pages and counts; POST takes a TaskQueryDto with several sort keys', async () => {
    // when
    const byPriority = await query('/engine-rest/task?sortBy=priority&sortOrder=asc');
    const page = await query('/engine-rest/task?sortBy=priority&sortOrder=asc&firstResult=1&maxResults=1');
    const count = await t.admin({ method: 'GET', url: '/engine-rest/task/count?taskDefinitionKey=review' });
    const post = await t.admin({
      method: 'POST',
      url: '/engine-rest/task?maxResults=2',
      payload: { processInstanceIdIn: inst, taskDefinitionKeyIn: ['review'], sorting: [{ sortBy: 'assignee', sortOrder: 'desc' }, { sortBy: 'id', sortOrder: 'asc' }] },
    });
    const postCount = await t.admin({ method: 'POST', url: '/engine-rest/task/count', payload: { candidateGroup: 'sales', includeAssignedTasks: true } });
    // then
    expect(byPriority.map((x) => x.priority)).toEqual([10, 50, 60, 60]);
    expect(page.map((x) => x.priority)).toEqual([50]);
    expect(count.json()).toEqual({ count: 3 });
    expect(post.statusCode).toBe(200);
    // PostgreSQL puts NULL first when descending
    expect((post.json() as Task[]).map((x) => x.assignee)).toEqual([null, 'carol']);
    expect(postCount.json()).toEqual({ count: 3 });
  });

  it('gives a non-admin only the tasks they may see', async () => {
    // bob: candidate of the sales tasks, and his own; dave: the confirm task; mallory: nothing
    expect(ids(await query('/engine-rest/task', bob))).toEqual([task[0], task[1], task[2]].sort());
    expect(ids(await query('/engine-rest/task', dave))).toEqual([task[3]]);
    expect(await query('/engine-rest/task', mallory)).toEqual([]);
    expect((await t.request(mallory, { method: 'GET', url: '/engine-rest/task/count' })).json()).toEqual({ count: 0 });
    expect(ids(await query('/engine-rest/task?assignee=dave', carol))).toEqual([]);
    const posted = await t.request(mallory, { method: 'POST', url: '/engine-rest/task', payload: { assignee: 'dave' } });
    expect(posted.json()).toEqual([]);
  });

  it('answers bad query input with 400', async () => {
    for (const url of [
      '/engine-rest/task?sortBy=priority',
      '/engine-rest/task?sortBy=bogus&sortOrder=asc',
      '/engine-rest/task?dueBefore=someday',
      '/engine-rest/task?includeAssignedTasks=true',
      '/engine-rest/task?assigned=true&unassigned=true',
      '/engine-rest/task?priority=high',
      '/engine-rest/task?unknownParam=1',
      '/engine-rest/task?maxResults=-1',
    ]) {
      const res = await t.admin({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ type: 'InvalidRequestException' });
    }
    const badBody = await t.admin({ method: 'POST', url: '/engine-rest/task', payload: { processVariables: [{ name: 'x', operator: 'eq', value: 1 }] } });
    expect(badBody.statusCode).toBe(400);
  });
});
