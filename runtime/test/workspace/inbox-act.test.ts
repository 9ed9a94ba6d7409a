import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../plugins/wait-until.ts';
import { openOffice, type Office, type User } from './workspace-setup.ts';

type Item = { id: string; taskId: string | null; name: string; processInstanceId: string; state: string; initiator: string | null };

// API contract C: the inbox tabs, GET /api/tasks/:taskId/actions and POST /api/tasks/:taskId/act
describe('the inbox and acting on tasks', () => {
  let o: Office;
  const inbox = async (user: User, tab: string, query = '') => {
    const res = await o.get(user, `/api/inbox?tab=${tab}${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Item[]; total: number };
  };
  const act = (user: User, taskId: string, payload: object) => o.post(user, `/api/tasks/${taskId}/act`, payload);
  beforeAll(async () => {
    o = await openOffice();
  });
  afterAll(() => o.t.close());

  it('todo lists the tasks of my candidate groups, unassigned, to every member', async () => {
    // given
    const pid = await o.startPurchase();
    const task = await o.openTask(pid);
    // when
    const mike = await inbox(o.mike, 'todo');
    const mona = await inbox(o.mona, 'todo');
    const alice = await inbox(o.alice, 'todo');
    // then
    expect(mike.items).toContainEqual(expect.objectContaining({ id: task.id, taskId: task.id, name: 'Manager approves', processInstanceId: pid, state: 'open', initiator: 'alice' }));
    expect(mike.items[0]).toMatchObject({ processKey: 'purchase', processName: 'Purchase request', businessKey: null, endTime: null, due: null });
    expect(mona.items.map((i) => i.id)).toContain(task.id);
    expect(alice.items.map((i) => i.id)).not.toContain(task.id);
  });

  it('an approval step offers approve and reject to its candidates, nothing to a stranger', async () => {
    // given
    const task = await o.openTask(await o.startPurchase());
    // when
    const mike = await o.get(o.mike, `/api/tasks/${task.id}/actions`);
    const sam = await o.get(o.sam, `/api/tasks/${task.id}/actions`);
    const missing = await o.get(o.mike, '/api/tasks/no-such-task/actions');
    // then
    expect(mike.json()).toEqual({ actions: ['approve', 'reject', 'transfer', 'delegate', 'addSigner', 'cc'], approval: true, commentRequired: 'never', returnable: [], addedSigners: [] });
    expect(sam.statusCode).toBe(403);
    expect(missing.statusCode).toBe(404);
  });

  it('approve with a value the form refuses: 400 with errors[], the task still open and unclaimed', async () => {
    // given
    const task = await o.openTask(await o.startPurchase());
    // when
    const res = await act(o.mike, task.id, { action: 'approve', values: { budget: -5 }, comment: 'ok' });
    // then
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: '/budget' })]);
    expect(await o.t.app.engine.getTask(task.id)).toMatchObject({ assignee: null });
    expect(await o.t.app.engine.getComments({ taskId: task.id })).toEqual([]);
    expect((await inbox(o.mona, 'todo')).items.map((i) => i.id)).toContain(task.id);
  });

  it('refuses the wrong action, a stranger, and unknown fields before anything changes', async () => {
    // given
    const task = await o.openTask(await o.startPurchase());
    // when
    const complete = await act(o.mike, task.id, { action: 'complete', values: {} });
    const stranger = await act(o.sam, task.id, { action: 'approve', values: {} });
    const unknown = await act(o.mike, task.id, { action: 'approve', values: {}, extra: 1 });
    const badAction = await act(o.mike, task.id, { action: 'maybe', values: {} });
    // then
    expect([complete.statusCode, stranger.statusCode, unknown.statusCode, badAction.statusCode]).toEqual([400, 403, 400, 400]);
    expect(await o.t.app.engine.getTask(task.id)).toMatchObject({ assignee: null });
  });

  it('after approving: done has the task, the others’ todo no longer, started-by-me has the instance', async () => {
    // given
    const pid = await o.startPurchase();
    const task = await o.openTask(pid);
    // when
    const res = await act(o.mike, task.id, { action: 'approve', values: { budget: 42 }, comment: 'Fine by me' });
    // then
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ taskId: task.id, processInstanceId: pid });
    const done = await inbox(o.mike, 'done');
    expect(done.items).toContainEqual(expect.objectContaining({ id: task.id, taskId: task.id, state: 'completed', processInstanceId: pid }));
    expect((await inbox(o.mona, 'todo')).items.map((i) => i.id)).not.toContain(task.id);
    expect((await inbox(o.mona, 'done')).items.map((i) => i.id)).not.toContain(task.id);
    expect((await inbox(o.alice, 'started')).items).toContainEqual(expect.objectContaining({ id: pid, taskId: null, processInstanceId: pid, state: 'active', name: 'Purchase request' }));
    const vars = await o.t.app.engine.getVariables(pid);
    expect(vars).toMatchObject({ approved: true, budget: 42 });
    expect((await o.t.app.engine.getComments({ taskId: task.id })).map((c) => [c.userId, c.message])).toEqual([['mike', 'Fine by me']]);
  });

  it('reject sets approved = false and the request ends at "Rejected"', async () => {
    // given
    const pid = await o.startPurchase('yacht');
    const task = await o.openTask(pid);
    // when
    const res = await act(o.mona, task.id, { action: 'reject', values: {}, comment: 'Too expensive' });
    // then
    expect(res.statusCode).toBe(200);
    const updates = await o.t.app.engine.getHistoricVariableUpdates({ processInstanceId: pid, name: 'approved' });
    expect(updates.map((u) => u.value)).toEqual([false]);
    const [h] = await o.t.app.engine.getHistoricInstances({ processInstanceId: pid });
    expect(h).toMatchObject({ state: 'COMPLETED', endActivityId: 'rejected' });
    expect((await inbox(o.alice, 'started')).items).toContainEqual(expect.objectContaining({ id: pid, state: 'completed' }));
  });

  it('a step that is not an approval offers complete; without a form it takes no values', async () => {
    // given: approved and copied (the cc worker runs), so the request waits at alice's "Confirm receipt"
    const pid = await o.startPurchase();
    await act(o.mike, (await o.openTask(pid)).id, { action: 'approve', values: {} });
    o.t.app.cc.start();
    const receipt = await waitUntil('the receipt task', async () => (await o.t.app.engine.getTasks({ processInstanceId: pid, taskDefinitionKey: 'receive' }))[0]);
    // when
    const actions = (await o.get(o.alice, `/api/tasks/${receipt.id}/actions`)).json();
    const approve = await act(o.alice, receipt.id, { action: 'approve', values: {} });
    const values = await act(o.alice, receipt.id, { action: 'complete', values: { anything: 1 } });
    const done = await act(o.alice, receipt.id, { action: 'complete', values: {} });
    // then
    expect(actions).toEqual({ actions: ['complete', 'transfer', 'delegate', 'cc'], approval: false, commentRequired: 'never', returnable: [], addedSigners: [] });
    expect(approve.statusCode).toBe(400);
    expect(values.statusCode).toBe(400);
    expect(values.json().errors).toEqual([{ path: '/anything', message: 'this task has no form: no values can be submitted' }]);
    expect(done.statusCode).toBe(200);
    expect(await o.t.app.engine.getProcessInstance(pid)).toBeNull();
  });

  it('started lists the running requests first, and pages', async () => {
    // given: alice has finished and running requests from the tests above, and one more running
    const newest = await o.startPurchase('chair');
    // when
    const all = await inbox(o.alice, 'started', '&limit=200');
    const second = await inbox(o.alice, 'started', '&limit=1&offset=1');
    // then
    const states = all.items.map((i) => i.state);
    expect(states).toContain('completed');
    expect(states.indexOf('completed')).toBe(states.filter((s) => s === 'active').length);
    expect(states.slice(states.indexOf('completed')).every((s) => s === 'completed')).toBe(true);
    expect(all.items[0]!.id).toBe(newest);
    expect(all.total).toBe(all.items.length);
    expect(second.items.map((i) => i.id)).toEqual([all.items[1]!.id]);
    expect(second.total).toBe(all.total);
  });

  it('todo pages over assigned and offered tasks together', async () => {
    // given: one task assigned to mike, the rest offered to managers
    const claimed = await o.openTask(await o.startPurchase('desk'));
    await o.t.app.engine.claimTask(claimed.id, 'mike');
    // when
    const all = await inbox(o.mike, 'todo', '&limit=200');
    const pages = [await inbox(o.mike, 'todo', '&limit=2&offset=0'), await inbox(o.mike, 'todo', '&limit=2&offset=2')];
    const mona = await inbox(o.mona, 'todo', '&limit=200');
    // then
    expect(all.items.map((i) => i.id)).toContain(claimed.id);
    expect(mona.items.map((i) => i.id)).not.toContain(claimed.id);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(all.items.slice(0, 4).map((i) => i.id));
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBe(mona.total + 1);
  });

  it('refuses an unknown tab and a limit out of range', async () => {
    // when
    const tab = await o.get(o.alice, '/api/inbox?tab=spam');
    const limit = await o.get(o.alice, '/api/inbox?limit=0');
    // then
    expect([tab.statusCode, limit.statusCode]).toEqual([400, 400]);
  });
});
