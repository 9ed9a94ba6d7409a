import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const SHIPPING = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="shippingDefs">
  <message id="delivered" name="parcel-delivered" />
  <process id="shipping" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="pack" />
    <receiveTask id="pack" name="Packed?" /><sequenceFlow id="f2" sourceRef="pack" targetRef="deliver" />
    <receiveTask id="deliver" messageRef="delivered" /><sequenceFlow id="f3" sourceRef="deliver" targetRef="confirm" />
    <userTask id="confirm" camunda:assignee="\${clerk}" /><sequenceFlow id="f4" sourceRef="confirm" targetRef="e" />
    <endEvent id="e" />
  </process>
</definitions>`;

type User = { id: string; password: string };

describe('/engine-rest/execution', () => {
  let t: TestApp;
  let ann: User;
  let zed: User;
  const start = async (businessKey: string) => (await t.app.engine.startProcess('shipping', { businessKey, variables: { clerk: 'ann' }, startUserId: 'ann' })).id;
  const at = async (instanceId: string, activityId: string) => {
    const res = await t.admin({ method: 'GET', url: `/engine-rest/execution?processInstanceId=${instanceId}&activityId=${activityId}` });
    return (res.json() as { id: string }[]).map((e) => e.id);
  };
  const activities = async (id: string) => (await t.app.engine.getExecutions(id)).filter((e) => e.kind !== 'process').map((e) => e.activityId);
  beforeAll(async () => {
    t = await createTestApp();
    ann = await t.user('ann', { roles: ['employee'] });
    zed = await t.user('zed', { roles: ['employee'] });
    await t.app.engine.deploy([{ name: 'shipping.bpmn', content: SHIPPING }]);
  });
  afterAll(() => t.close());

  it('queries executions by instance, activity, business key and subscription, as Camunda ExecutionDto', async () => {
    // given
    const a = await start('SHIP-1');
    const b = await start('SHIP-2');
    const [bPack] = await at(b, 'pack');
    await t.app.engine.trigger(bPack!);
    // when
    const atPack = await t.admin({ method: 'GET', url: '/engine-rest/execution?activityId=pack' });
    const byKey = await t.admin({ method: 'GET', url: '/engine-rest/execution?businessKey=SHIP-1' });
    const waiting = await t.admin({ method: 'GET', url: '/engine-rest/execution?messageEventSubscriptionName=parcel-delivered' });
    const count = await t.admin({ method: 'POST', url: '/engine-rest/execution/count', payload: { processDefinitionKey: 'shipping', processVariables: [{ name: 'clerk', operator: 'eq', value: 'ann' }] } });
    const sorted = await t.admin({ method: 'GET', url: '/engine-rest/execution?processDefinitionKey=shipping&sortBy=instanceId&sortOrder=desc' });
    const one = await t.request(ann, { method: 'GET', url: `/engine-rest/execution/${a}` });
    // then
    expect(atPack.json()).toEqual([{ id: expect.any(String), processInstanceId: a, ended: false, tenantId: null }]);
    expect((byKey.json() as { id: string }[]).map((e) => e.id)).toContain(a);
    expect(waiting.json()).toEqual([expect.objectContaining({ processInstanceId: b })]);
    expect(count.json()).toEqual({ count: 4 });
    const order = (sorted.json() as { processInstanceId: string }[]).map((e) => e.processInstanceId);
    expect(order).toEqual([...order].sort().reverse());
    expect(one.json()).toEqual({ id: a, processInstanceId: a, ended: false, tenantId: null });
  });

  it('signals a waiting receive task with variables (204); 400 when it does not wait, 404 for an unknown id', async () => {
    // given
    const id = await start('SHIP-3');
    const [pack] = await at(id, 'pack');
    // when: any signed-in user reports the event
    const res = await t.request(zed, { method: 'POST', url: `/engine-rest/execution/${pack}/signal`, payload: { variables: { weight: { value: 12, type: 'Integer' } } } });
    const again = await t.request(zed, { method: 'POST', url: `/engine-rest/execution/${pack}/signal`, payload: {} });
    const [deliver] = await at(id, 'deliver');
    const notTriggerable = await t.admin({ method: 'POST', url: `/engine-rest/execution/${id}/signal`, payload: {} });
    const unknown = await t.admin({ method: 'POST', url: '/engine-rest/execution/nope/signal', payload: {} });
    // then
    expect(res.statusCode).toBe(204);
    expect(await activities(id)).toEqual(['deliver']);
    expect(await t.app.engine.getVariables(id)).toMatchObject({ weight: 12 });
    expect(again.statusCode).toBe(404);
    expect(deliver).toBeDefined();
    expect(notTriggerable.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(404);
  });

  it('reads and triggers a message subscription of an execution', async () => {
    // given
    const id = await start('SHIP-4');
    await t.app.engine.trigger((await at(id, 'pack'))[0]!);
    const [deliver] = await at(id, 'deliver');
    // when
    const sub = await t.request(ann, { method: 'GET', url: `/engine-rest/execution/${deliver}/messageSubscriptions/parcel-delivered` });
    const other = await t.admin({ method: 'GET', url: `/engine-rest/execution/${deliver}/messageSubscriptions/other` });
    const hidden = await t.request(zed, { method: 'GET', url: `/engine-rest/execution/${deliver}/messageSubscriptions/parcel-delivered` });
    const trigger = await t.request(zed, { method: 'POST', url: `/engine-rest/execution/${deliver}/messageSubscriptions/parcel-delivered/trigger`, payload: { variables: { at: { value: 'door' } } } });
    const twice = await t.request(zed, { method: 'POST', url: `/engine-rest/execution/${deliver}/messageSubscriptions/parcel-delivered/trigger`, payload: {} });
    // then
    expect(sub.statusCode).toBe(200);
    expect(sub.json()).toEqual({
      id: expect.any(String),
      eventType: 'message',
      eventName: 'parcel-delivered',
      executionId: deliver,
      processInstanceId: id,
      activityId: 'deliver',
      createdDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
      tenantId: null,
    });
    expect(other.statusCode).toBe(404);
    expect(hidden.statusCode).toBe(403);
    expect(trigger.statusCode).toBe(204);
    expect(await activities(id)).toEqual(['confirm']);
    expect(await t.app.engine.getVariables(id)).toMatchObject({ at: 'door' });
    expect(twice.statusCode).toBe(404);
  });

  it('reads and writes the local variables of an execution; writes are for admins, reads for who may see it', async () => {
    // given
    const id = await start('SHIP-5');
    const [pack] = await at(id, 'pack');
    const url = `/engine-rest/execution/${pack}/localVariables`;
    // when
    const put = await t.admin({ method: 'PUT', url: `${url}/box`, payload: { value: 'large', type: 'String' } });
    const patch = await t.admin({ method: 'POST', url, payload: { modifications: { count: { value: 2, type: 'Integer' } } } });
    const read = await t.request(ann, { method: 'GET', url });
    const one = await t.request(ann, { method: 'GET', url: `${url}/count` });
    const byEmployee = await t.request(ann, { method: 'PUT', url: `${url}/box`, payload: { value: 'small', type: 'String' } });
    const hidden = await t.request(zed, { method: 'GET', url });
    const del = await t.admin({ method: 'DELETE', url: `${url}/box` });
    // then
    expect([put.statusCode, patch.statusCode, del.statusCode]).toEqual([204, 204, 204]);
    expect(read.json()).toEqual({ box: { value: 'large', type: 'String', valueInfo: {} }, count: { value: 2, type: 'Integer', valueInfo: {} } });
    expect(one.json()).toEqual({ value: 2, type: 'Integer', valueInfo: {} });
    expect(byEmployee.statusCode).toBe(403);
    expect(hidden.statusCode).toBe(403);
    // the instance's own variables are untouched
    expect(await t.app.engine.getVariables(id)).toEqual({ clerk: 'ann' });
    expect(await t.app.engine.getVariables(id, pack)).toEqual({ count: 2 });
  });

  it('shows an employee only executions of instances they may see; 404 for an unknown execution', async () => {
    await start('SHIP-6');
    const mine = await t.request(ann, { method: 'GET', url: '/engine-rest/execution/count' });
    const none = await t.request(zed, { method: 'GET', url: '/engine-rest/execution/count' });
    const all = await t.admin({ method: 'GET', url: '/engine-rest/execution/count' });
    const unknown = await t.admin({ method: 'GET', url: '/engine-rest/execution/nope' });
    expect(mine.json().count).toBe(all.json().count);
    expect(none.json()).toEqual({ count: 0 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Execution with id nope does not exist');
  });
});
