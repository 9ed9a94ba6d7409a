import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

/** a user task with an input mapping: `limit` lives on the task's own scope */
const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="task-vars-defs">
  <process id="taskVars" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="work" />
    <userTask id="work" camunda:assignee="bob">
      <extensionElements><camunda:inputOutput><camunda:inputParameter name="limit">\${amount * 2}</camunda:inputParameter></camunda:inputOutput></extensionElements>
    </userTask>
    <sequenceFlow id="f2" sourceRef="work" targetRef="e" /><endEvent id="e" />
  </process>
</definitions>`;

type User = { id: string; password: string };

describe('/engine-rest/task/{id}/variables and /localVariables', () => {
  let t: TestApp;
  let bob: User;
  let carol: User;
  const start = async () => {
    const inst = await t.app.engine.startProcess('taskVars', { variables: { amount: 21, customer: 'ACME' } });
    const [task] = await t.app.engine.getTasks({ processInstanceId: inst.id });
    return { instanceId: inst.id, taskId: task!.id, executionId: task!.executionId };
  };
  beforeAll(async () => {
    t = await createTestApp();
    bob = await t.user('bob', { groups: ['sales'] });
    carol = await t.user('carol', { groups: ['sales'] });
    await t.app.engine.deploy([{ name: 'task-vars.bpmn', content: MODEL }]);
  });
  afterAll(() => t.close());

  it('reads what the task sees (its own scope first) and what is local to it', async () => {
    // given
    const { taskId } = await start();
    // when
    const all = (await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}/variables` })).json();
    const local = (await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}/localVariables` })).json();
    const one = (await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}/variables/customer` })).json();
    const missingLocal = await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}/localVariables/customer` });
    // then
    expect(all).toEqual({
      amount: { value: 21, type: 'Integer', valueInfo: {} },
      customer: { value: 'ACME', type: 'String', valueInfo: {} },
      limit: { value: 42, type: 'Integer', valueInfo: {} },
    });
    expect(local).toEqual({ limit: { value: 42, type: 'Integer', valueInfo: {} } });
    expect(one).toEqual({ value: 'ACME', type: 'String', valueInfo: {} });
    expect(missingLocal.statusCode).toBe(404);
    expect(missingLocal.json()).toMatchObject({ message: expect.stringContaining('customer') });
  });

  it('PUT sets a typed variable where Camunda would (the nearest scope holding it, else the instance); local stays on the task', async () => {
    // given
    const { instanceId, taskId, executionId } = await start();
    // when
    const put = await t.request(bob, { method: 'PUT', url: `/engine-rest/task/${taskId}/variables/due`, payload: { value: '2026-02-01T09:00:00.000+0100', type: 'Date' } });
    const putExisting = await t.request(bob, { method: 'PUT', url: `/engine-rest/task/${taskId}/variables/limit`, payload: { value: 50, type: 'Long' } });
    const putLocal = await t.request(bob, { method: 'PUT', url: `/engine-rest/task/${taskId}/localVariables/note`, payload: { value: '{"a":1}', type: 'Json' } });
    // then
    expect([put.statusCode, putExisting.statusCode, putLocal.statusCode]).toEqual([204, 204, 204]);
    const instanceVars = await t.app.engine.getTypedVariables(instanceId, instanceId);
    expect(instanceVars.find((v) => v.name === 'due')).toMatchObject({ type: 'Date' });
    expect(instanceVars.some((v) => v.name === 'note' || v.name === 'limit')).toBe(false);
    const taskScope = await t.app.engine.getVariables(instanceId, executionId);
    expect(taskScope).toMatchObject({ limit: 50, note: { a: 1 } });
    const due = (await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}/variables/due` })).json();
    expect(due).toEqual({ value: '2026-02-01T08:00:00.000+0000', type: 'Date', valueInfo: {} });
    const note = (await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}/localVariables/note` })).json();
    expect(note).toEqual({ value: '{"a":1}', type: 'Json', valueInfo: {} });
  });

  it('POST applies modifications and deletions; DELETE removes one', async () => {
    // given
    const { instanceId, taskId } = await start();
    // when
    const post = await t.request(bob, {
      method: 'POST',
      url: `/engine-rest/task/${taskId}/variables`,
      payload: { modifications: { region: { value: 'north' }, amount: { value: 7, type: 'Integer' } }, deletions: ['customer'] },
    });
    const del = await t.request(bob, { method: 'DELETE', url: `/engine-rest/task/${taskId}/localVariables/limit` });
    const delMissing = await t.request(bob, { method: 'DELETE', url: `/engine-rest/task/${taskId}/variables/never-set` });
    // then
    expect([post.statusCode, del.statusCode, delMissing.statusCode]).toEqual([204, 204, 204]);
    expect(await t.app.engine.getVariables(instanceId)).toEqual({ amount: 7, region: 'north' });
    expect((await t.request(bob, { method: 'GET', url: `/engine-rest/task/${taskId}/localVariables` })).json()).toEqual({});
  });

  it('only the assignee (or an admin) writes; bad values are 400 and change nothing', async () => {
    // given
    const { instanceId, taskId } = await start();
    const before = await t.app.engine.getVariables(instanceId);
    // when
    const stranger = await t.request(carol, { method: 'PUT', url: `/engine-rest/task/${taskId}/variables/amount`, payload: { value: 1, type: 'Integer' } });
    const strangerReads = await t.request(carol, { method: 'GET', url: `/engine-rest/task/${taskId}/variables` });
    const badType = await t.request(bob, { method: 'PUT', url: `/engine-rest/task/${taskId}/variables/amount`, payload: { value: 1, type: 'Bytes' } });
    const badDate = await t.request(bob, {
      method: 'POST',
      url: `/engine-rest/task/${taskId}/variables`,
      payload: { modifications: { amount: { value: 9, type: 'Integer' }, when: { value: 'soon', type: 'Date' } } },
    });
    const extra = await t.request(bob, { method: 'PUT', url: `/engine-rest/task/${taskId}/variables/amount`, payload: { value: 1, type: 'Integer', scope: 'global' } });
    const byAdmin = await t.admin({ method: 'PUT', url: `/engine-rest/task/${taskId}/variables/amount`, payload: { value: 99, type: 'Integer' } });
    // then
    expect(stranger.statusCode).toBe(403);
    expect(strangerReads.statusCode).toBe(403);
    expect(badType.statusCode).toBe(400);
    expect(badDate.statusCode).toBe(400);
    expect(extra.statusCode).toBe(400);
    expect(byAdmin.statusCode).toBe(204);
    expect(await t.app.engine.getVariables(instanceId)).toEqual({ ...before, amount: 99 });
  });
});
