import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const APPROVAL = readFileSync(new URL('./approval.bpmn', import.meta.url), 'utf8');

type User = { id: string; password: string };

describe('/engine-rest/task: claim, complete, delegate, resolve', () => {
  let t: TestApp;
  let bob: User;
  let carol: User;
  let dave: User;
  let mallory: User;
  const start = async (businessKey?: string) => {
    const inst = await t.app.engine.startProcess('approval', { businessKey, startUserId: 'admin' });
    const [task] = await t.app.engine.getTasks({ processInstanceId: inst.id });
    return { instanceId: inst.id, taskId: task!.id };
  };
  beforeAll(async () => {
    t = await createTestApp();
    bob = await t.user('bob', { groups: ['sales'] });
    carol = await t.user('carol', { groups: ['hr'] });
    dave = await t.user('dave', { groups: ['hr'] });
    mallory = await t.user('mallory', { groups: ['staff'] });
    await t.app.engine.deploy([{ name: 'approval.bpmn', content: APPROVAL }]);
  });
  afterAll(() => t.close());

  it('a candidate group member claims, completes with typed variables, and the instance moves on', async () => {
    // given
    const { instanceId, taskId } = await start('order-1');
    // when
    const claim = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/claim`, payload: { userId: 'bob' } });
    const complete = await t.request(bob, {
      method: 'POST',
      url: `/engine-rest/task/${taskId}/complete`,
      payload: { variables: { approved: { value: true, type: 'Boolean' }, amount: { value: 1200, type: 'Long' }, note: { value: 'ok', type: 'String' } } },
    });
    // then
    expect(claim.statusCode).toBe(204);
    expect(complete.statusCode).toBe(204);
    expect(await t.app.engine.getTask(taskId)).toBeNull();
    const [next] = await t.app.engine.getTasks({ processInstanceId: instanceId });
    expect(next).toMatchObject({ taskDefinitionKey: 'confirm', assignee: 'dave' });
    const vars = (await t.admin({ method: 'GET', url: `/engine-rest/task/${next!.id}/variables` })).json();
    expect(vars).toEqual({
      approved: { value: true, type: 'Boolean', valueInfo: {} },
      amount: { value: 1200, type: 'Long', valueInfo: {} },
      note: { value: 'ok', type: 'String', valueInfo: {} },
    });
  });

  it('reads one task as Camunda TaskDto; 404 for an unknown id', async () => {
    // given
    const { instanceId, taskId } = await start();
    // when
    const res = await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}` });
    const missing = await t.request(bob, { method: 'GET', url: '/engine-rest/task/no-such-task' });
    // then
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: taskId,
      name: 'Review request',
      assignee: null,
      owner: null,
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
      lastUpdated: null,
      due: null,
      followUp: null,
      delegationState: null,
      description: null,
      executionId: expect.any(String),
      parentTaskId: null,
      priority: 60,
      processDefinitionId: expect.stringContaining('approval'),
      processInstanceId: instanceId,
      caseExecutionId: null,
      caseDefinitionId: null,
      caseInstanceId: null,
      taskDefinitionKey: 'review',
      suspended: false,
      formKey: null,
      camundaFormRef: null,
      tenantId: null,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ type: 'InvalidRequestException', message: expect.stringContaining('no-such-task') });
  });

  it('completing before claiming, or someone else’s task, is 403 and changes nothing', async () => {
    // given
    const { instanceId, taskId } = await start();
    // when: bob may see it (candidate group) but has not claimed it
    const unclaimed = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/complete`, payload: { variables: { approved: { value: true } } } });
    await t.request(carol, { method: 'POST', url: `/engine-rest/task/${taskId}/claim`, payload: { userId: 'carol' } });
    const othersTask = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/complete`, payload: {} });
    const stranger = await t.request(mallory, { method: 'POST', url: `/engine-rest/task/${taskId}/complete`, payload: {} });
    const strangerReads = await t.request(mallory, { method: 'GET', url: `/engine-rest/task/${taskId}` });
    // then
    expect(unclaimed.statusCode).toBe(403);
    expect(unclaimed.json()).toMatchObject({ type: 'AuthorizationException', message: expect.stringContaining('claim') });
    expect(othersTask.statusCode).toBe(403);
    expect(stranger.statusCode).toBe(403);
    expect(strangerReads.statusCode).toBe(403);
    expect(await t.app.engine.getTask(taskId)).toMatchObject({ assignee: 'carol' });
    expect(await t.app.engine.getVariables(instanceId)).toEqual({});
  });

  it('claiming a task someone else holds is 409 TaskAlreadyClaimedException; claiming for another user is 403', async () => {
    // given
    const { taskId } = await start();
    await t.request(carol, { method: 'POST', url: `/engine-rest/task/${taskId}/claim`, payload: { userId: 'carol' } });
    // when
    const again = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/claim`, payload: { userId: 'bob' } });
    const forOther = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${(await start()).taskId}/claim`, payload: { userId: 'carol' } });
    const noUser = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/claim`, payload: {} });
    // then
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'TaskAlreadyClaimedException' });
    expect(forOther.statusCode).toBe(403);
    expect(noUser.statusCode).toBe(400);
    expect(await t.app.engine.getTask(taskId)).toMatchObject({ assignee: 'carol' });
  });

  it('unclaim gives the task back to its candidates; an admin sets the assignee', async () => {
    // given
    const { taskId } = await start();
    await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/claim`, payload: { userId: 'bob' } });
    // when
    const byOther = await t.request(carol, { method: 'POST', url: `/engine-rest/task/${taskId}/unclaim` });
    const unclaim = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/unclaim` });
    const afterUnclaim = await t.app.engine.getTask(taskId);
    const assign = await t.admin({ method: 'POST', url: `/engine-rest/task/${taskId}/assignee`, payload: { userId: 'carol' } });
    // then
    expect(byOther.statusCode).toBe(403);
    expect(unclaim.statusCode).toBe(204);
    expect(afterUnclaim?.assignee).toBeNull();
    expect(assign.statusCode).toBe(204);
    expect(await t.app.engine.getTask(taskId)).toMatchObject({ assignee: 'carol' });
  });

  it('delegate hands the task to a delegate; resolve gives it back to the owner, who completes it', async () => {
    // given
    const { instanceId, taskId } = await start();
    await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/claim`, payload: { userId: 'bob' } });
    // when
    const delegate = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/delegate`, payload: { userId: 'dave' } });
    const delegated = (await t.request(dave, { method: 'GET', url: `/engine-rest/task/${taskId}` })).json();
    const ownerCompletes = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/complete`, payload: {} });
    const resolve = await t.request(dave, { method: 'POST', url: `/engine-rest/task/${taskId}/resolve`, payload: { variables: { approved: { value: false, type: 'Boolean' } } } });
    const resolved = (await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}` })).json();
    const complete = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/complete`, payload: { withVariablesInReturn: true } });
    // then
    expect(delegate.statusCode).toBe(204);
    expect(delegated).toMatchObject({ assignee: 'dave', owner: 'bob', delegationState: 'PENDING' });
    expect(ownerCompletes.statusCode).toBe(403);
    expect(resolve.statusCode).toBe(204);
    expect(resolved).toMatchObject({ assignee: 'bob', owner: 'bob', delegationState: 'RESOLVED' });
    expect(complete.statusCode).toBe(200);
    expect(complete.json()).toEqual({ approved: { value: false, type: 'Boolean', valueInfo: {} } });
    const [hist] = (await t.admin({ method: 'GET', url: `/engine-rest/history/process-instance?processInstanceId=${instanceId}` })).json() as { state: string }[];
    expect(hist?.state).toBe('COMPLETED');
  });

  it('resolve of a task that is not delegated is 400; delegate without a userId is 400', async () => {
    // given
    const { taskId } = await start();
    await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/claim`, payload: { userId: 'bob' } });
    // when
    const resolve = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/resolve`, payload: {} });
    const delegate = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/delegate`, payload: {} });
    const badVariable = await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/complete`, payload: { variables: { d: { value: 'soon', type: 'Date' } } } });
    // then
    expect(resolve.statusCode).toBe(400);
    expect(delegate.statusCode).toBe(400);
    expect(badVariable.statusCode).toBe(400);
    expect(await t.app.engine.getTask(taskId)).toMatchObject({ assignee: 'bob', delegationState: null });
  });

  it('submit-form completes the task with its variables', async () => {
    // given
    const { instanceId, taskId } = await start();
    await t.request(carol, { method: 'POST', url: `/engine-rest/task/${taskId}/claim`, payload: { userId: 'carol' } });
    // when
    const res = await t.request(carol, { method: 'POST', url: `/engine-rest/task/${taskId}/submit-form`, payload: { variables: { approved: { value: false } } } });
    // then
    expect(res.statusCode).toBe(204);
    const [hist] = await t.app.engine.getHistoricInstances({ processInstanceId: instanceId });
    expect(hist).toMatchObject({ state: 'COMPLETED', endActivityId: 'rejected' });
  });

  it('PUT /task/{id} changes name, description, priority, due, follow-up and owner; only the assignee or an admin', async () => {
    // given
    const { taskId } = await start();
    await t.request(bob, { method: 'POST', url: `/engine-rest/task/${taskId}/claim`, payload: { userId: 'bob' } });
    // when
    const byCandidate = await t.request(carol, { method: 'PUT', url: `/engine-rest/task/${taskId}`, payload: { name: 'nope' } });
    const update = await t.request(bob, {
      method: 'PUT',
      url: `/engine-rest/task/${taskId}`,
      payload: { name: 'Review order', description: 'look closely', priority: 80, due: '2026-03-01T10:00:00.000+0100', followUp: '2026-02-20T08:00:00.000+0000', owner: 'carol' },
    });
    const badDate = await t.request(bob, { method: 'PUT', url: `/engine-rest/task/${taskId}`, payload: { name: 'x', due: 'tomorrow' } });
    // then
    expect(byCandidate.statusCode).toBe(403);
    expect(update.statusCode).toBe(204);
    expect(badDate.statusCode).toBe(400);
    expect((await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}` })).json()).toMatchObject({
      name: 'Review order',
      description: 'look closely',
      priority: 80,
      due: '2026-03-01T09:00:00.000+0000',
      followUp: '2026-02-20T08:00:00.000+0000',
      owner: 'carol',
      assignee: 'bob',
    });
  });
});
