import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const APPROVAL = readFileSync(new URL('./approval.bpmn', import.meta.url), 'utf8');

type User = { id: string; password: string };

describe('/engine-rest/task/{id}/comment and /identity-links', () => {
  let t: TestApp;
  let bob: User;
  let carol: User;
  let mallory: User;
  const start = async () => {
    const inst = await t.app.engine.startProcess('approval');
    return { instanceId: inst.id, taskId: (await t.app.engine.getTasks({ processInstanceId: inst.id }))[0]!.id };
  };
  beforeAll(async () => {
    t = await createTestApp();
    bob = await t.user('bob', { groups: ['sales'] });
    carol = await t.user('carol', { groups: ['hr'] });
    mallory = await t.user('mallory', { groups: ['staff'] });
    await t.app.engine.deploy([{ name: 'approval.bpmn', content: APPROVAL }]);
  });
  afterAll(() => t.close());

  it('creates comments, lists them and reads one; they stay readable after the task is done', async () => {
    // given
    const { instanceId, taskId } = await start();
    // when
    const created = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/comment/create`, payload: { message: 'Looks fine to me' } });
    await t.request(carol, { method: 'POST', url: `/engine-rest/task/${taskId}/comment/create`, payload: { message: 'Agreed' } });
    const comment = created.json() as { id: string };
    const one = await t.request(carol, { method: 'GET', url: `/engine-rest/task/${taskId}/comment/${comment.id}` });
    const missing = await t.request(carol, { method: 'GET', url: `/engine-rest/task/${taskId}/comment/nope` });
    await t.app.engine.claimTask(taskId, 'bob');
    await t.app.engine.completeTask(taskId, { approved: false });
    const afterwards = await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}/comment` });
    // then
    expect(created.statusCode).toBe(200);
    expect(created.json()).toEqual({
      id: expect.any(String),
      userId: 'bob',
      taskId,
      processInstanceId: instanceId,
      time: expect.stringMatching(/\+0000$/),
      message: 'Looks fine to me',
      removalTime: null,
      rootProcessInstanceId: instanceId,
      links: [{ method: 'GET', href: expect.stringContaining(`/engine-rest/task/${taskId}/comment/${comment.id}`), rel: 'self' }],
    });
    expect(one.json()).toMatchObject({ id: comment.id, message: 'Looks fine to me' });
    expect(missing.statusCode).toBe(404);
    expect(afterwards.statusCode).toBe(200);
    expect((afterwards.json() as { message: string; userId: string }[]).map((c) => [c.userId, c.message])).toEqual([
      ['bob', 'Looks fine to me'],
      ['carol', 'Agreed'],
    ]);
  });

  it('a comment needs a message; a stranger may neither read nor write comments', async () => {
    // given
    const { taskId } = await start();
    // when
    const empty = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/comment/create`, payload: { message: '  ' } });
    const noBody = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/comment/create`, payload: {} });
    const strangerWrites = await t.request(mallory, { method: 'POST', url: `/engine-rest/task/${taskId}/comment/create`, payload: { message: 'hi' } });
    const strangerReads = await t.request(mallory, { method: 'GET', url: `/engine-rest/task/${taskId}/comment` });
    const unknownTask = await t.request(bob, { method: 'GET', url: '/engine-rest/task/nope/comment' });
    // then
    expect(empty.statusCode).toBe(400);
    expect(noBody.statusCode).toBe(400);
    expect(strangerWrites.statusCode).toBe(403);
    expect(strangerReads.statusCode).toBe(403);
    expect(unknownTask.statusCode).toBe(404);
    expect(await t.app.engine.getComments({ taskId })).toEqual([]);
  });

  it('lists identity links: candidates, assignee, owner; filters by type', async () => {
    // given
    const { taskId } = await start();
    await t.app.engine.claimTask(taskId, 'bob');
    // when
    const all = (await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}/identity-links` })).json();
    const candidates = (await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}/identity-links?type=candidate` })).json();
    // then
    expect(all).toEqual([
      { userId: 'bob', groupId: null, type: 'assignee' },
      { userId: 'carol', groupId: null, type: 'candidate' },
      { userId: null, groupId: 'sales', type: 'candidate' },
    ]);
    expect(candidates).toHaveLength(2);
  });

  it('the assignee or an admin adds and deletes links; a candidate may not', async () => {
    // given
    const { taskId } = await start();
    await t.app.engine.claimTask(taskId, 'bob');
    // when
    const byCandidate = await t.request(carol, { method: 'POST', url: `/engine-rest/task/${taskId}/identity-links`, payload: { groupId: 'hr', type: 'candidate' } });
    const addGroup = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/identity-links`, payload: { groupId: 'staff', type: 'candidate' } });
    const malloryNowSees = await t.request(mallory, { method: 'GET', url: `/engine-rest/task/${taskId}` });
    const addOwner = await t.admin({ method: 'POST', url: `/engine-rest/task/${taskId}/identity-links`, payload: { userId: 'carol', type: 'owner' } });
    const removeCarol = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/identity-links/delete`, payload: { userId: 'carol', type: 'candidate' } });
    const bad = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/identity-links`, payload: { userId: 'x', groupId: 'y', type: 'candidate' } });
    const badType = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/identity-links`, payload: { userId: 'x', type: 'watcher' } });
    // then
    expect(byCandidate.statusCode).toBe(403);
    expect(addGroup.statusCode).toBe(204);
    expect(malloryNowSees.statusCode).toBe(200);
    expect(addOwner.statusCode).toBe(204);
    expect(removeCarol.statusCode).toBe(204);
    expect(bad.statusCode).toBe(400);
    expect(badType.statusCode).toBe(400);
    expect(await t.app.engine.getTask(taskId)).toMatchObject({ owner: 'carol', candidateUsers: [], candidateGroups: ['sales', 'staff'] });
  });
});
