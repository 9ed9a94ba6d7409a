import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const EVENTS = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="eventDefs">
  <message id="paid" name="payment-received" />
  <message id="placed" name="order-placed" />
  <signal id="fire" name="fire-alarm" />
  <process id="payment" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="waitPay" />
    <intermediateCatchEvent id="waitPay"><messageEventDefinition messageRef="paid" /></intermediateCatchEvent>
    <sequenceFlow id="f2" sourceRef="waitPay" targetRef="book" /><userTask id="book" />
  </process>
  <process id="intake" isExecutable="true">
    <startEvent id="ms"><messageEventDefinition messageRef="placed" /></startEvent>
    <sequenceFlow id="i1" sourceRef="ms" targetRef="handle" /><userTask id="handle" />
  </process>
  <process id="alarm" isExecutable="true">
    <startEvent id="as" /><sequenceFlow id="a1" sourceRef="as" targetRef="ring" />
    <intermediateCatchEvent id="ring"><signalEventDefinition signalRef="fire" /></intermediateCatchEvent>
    <sequenceFlow id="a2" sourceRef="ring" targetRef="evacuate" /><userTask id="evacuate" />
  </process>
</definitions>`;

type User = { id: string; password: string };

describe('/engine-rest/message and /engine-rest/signal', () => {
  let t: TestApp;
  let zed: User;
  const at = async (id: string) => (await t.app.engine.getExecutions(id)).filter((e) => e.kind !== 'process').map((e) => e.activityId);
  const pay = (businessKey: string, variables: Record<string, unknown> = {}) => t.app.engine.startProcess('payment', { businessKey, variables }).then((i) => i.id);
  const message = (payload: Record<string, unknown>, user?: User) => (user ? t.request(user, { method: 'POST', url: '/engine-rest/message', payload }) : t.admin({ method: 'POST', url: '/engine-rest/message', payload }));
  beforeAll(async () => {
    t = await createTestApp();
    zed = await t.user('zed', { roles: ['employee'] });
    await t.app.engine.deploy([{ name: 'events.bpmn', content: EVENTS }]);
  });
  afterAll(() => t.close());

  it('correlates by business key to the one waiting instance: 204, it moves on with the variables', async () => {
    // given
    const a = await pay('INV-1');
    const b = await pay('INV-2');
    // when: any signed-in user (a system account, a clerk) reports the payment
    const res = await message({ messageName: 'payment-received', businessKey: 'INV-1', processVariables: { amount: { value: 120, type: 'Long' } } }, zed);
    // then
    expect(res.statusCode).toBe(204);
    expect(await at(a)).toEqual(['book']);
    expect(await at(b)).toEqual(['waitPay']);
    expect(await t.app.engine.getVariables(a)).toMatchObject({ amount: 120 });
  });

  it('answers 400 when the message correlates to nothing, and when it is not named', async () => {
    // when
    const none = await message({ messageName: 'payment-received', businessKey: 'INV-none' });
    const unnamed = await message({ businessKey: 'INV-2' });
    // then
    expect(none.statusCode).toBe(400);
    expect(none.json()).toEqual({
      type: 'RestException',
      message: "org.camunda.bpm.engine.MismatchingMessageCorrelationException: Cannot correlate message 'payment-received': No process definition or execution matches the parameters",
    });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().message).toBe('No message name supplied');
  });

  it('answers 400 for two matches without all; with all both move, and the results are listed when asked', async () => {
    // given
    const a = await pay('INV-3');
    const b = await pay('INV-3');
    // when
    const two = await message({ messageName: 'payment-received', businessKey: 'INV-3' });
    const untouched = [await at(a), await at(b)];
    const all = await message({ messageName: 'payment-received', businessKey: 'INV-3', all: true, resultEnabled: true });
    // then
    expect(two.statusCode).toBe(400);
    expect(two.json().message).toContain('MismatchingMessageCorrelationException');
    expect(untouched).toEqual([['waitPay'], ['waitPay']]);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual(
      expect.arrayContaining([
        { resultType: 'Execution', execution: { id: expect.any(String), processInstanceId: a, ended: true, tenantId: null }, processInstance: null },
        { resultType: 'Execution', execution: { id: expect.any(String), processInstanceId: b, ended: true, tenantId: null }, processInstance: null },
      ]),
    );
    expect([await at(a), await at(b)]).toEqual([['book'], ['book']]);
  });

  it('matches typed correlation keys and a process instance id', async () => {
    // given
    const a = await pay('INV-4', { customer: 'acme', total: 10 });
    const b = await pay('INV-4', { customer: 'globex', total: 10 });
    // when
    const byKeys = await message({ messageName: 'payment-received', correlationKeys: { customer: { value: 'globex', type: 'String' }, total: { value: 10, type: 'Integer' } } });
    const byId = await message({ messageName: 'payment-received', processInstanceId: a, processVariablesLocal: { receipt: { value: 'R-1' } } });
    // then
    expect([byKeys.statusCode, byId.statusCode]).toEqual([204, 204]);
    expect([await at(a), await at(b)]).toEqual([['book'], ['book']]);
  });

  it('starts an instance at a message start event; the result names it with its variables', async () => {
    // when
    const res = await message({ messageName: 'order-placed', businessKey: 'ORD-1', processVariables: { item: { value: 'desk' } }, resultEnabled: true, variablesInResultEnabled: true });
    // then
    expect(res.statusCode).toBe(200);
    const [r] = res.json();
    expect(r).toEqual({
      resultType: 'ProcessDefinition',
      execution: null,
      processInstance: { links: [], id: expect.any(String), definitionId: expect.stringMatching(/^intake:/), businessKey: 'ORD-1', caseInstanceId: null, ended: false, suspended: false, tenantId: null },
      variables: { item: { value: 'desk', type: 'String', valueInfo: {} } },
    });
    expect(await at(r.processInstance.id)).toEqual(['handle']);
  });

  it('refuses what it cannot honour with 400: bad variables, unknown fields, triggered-scope variables', async () => {
    const badVar = await message({ messageName: 'payment-received', processVariables: { n: { value: 'x', type: 'Integer' } } });
    const unknown = await message({ messageName: 'payment-received', colour: 'red' });
    const scoped = await message({ messageName: 'payment-received', processVariablesToTriggeredScope: { a: { value: 1 } } });
    expect([badVar.statusCode, unknown.statusCode, scoped.statusCode]).toEqual([400, 400, 400]);
  });

  it('delivers a signal to every waiting instance (204), with variables; or to one execution', async () => {
    // given
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await t.app.engine.startProcess('alarm')).id);
    const one = (await t.app.engine.startProcess('alarm')).id;
    // when: only the last one, by its execution
    const execution = (await t.app.engine.getExecutions(one)).find((e) => e.activityId === 'ring')!.id;
    const targeted = await t.request(zed, { method: 'POST', url: '/engine-rest/signal', payload: { name: 'fire-alarm', executionId: execution } });
    const onlyOne = await Promise.all(ids.map(at));
    // when: everyone
    const res = await t.request(zed, { method: 'POST', url: '/engine-rest/signal', payload: { name: 'fire-alarm', variables: { floor: { value: 3, type: 'Integer' } } } });
    // then
    expect(targeted.statusCode).toBe(204);
    expect(await at(one)).toEqual(['evacuate']);
    expect(onlyOne).toEqual([['ring'], ['ring'], ['ring']]);
    expect(res.statusCode).toBe(204);
    for (const id of ids) {
      expect(await at(id)).toEqual(['evacuate']);
      expect(await t.app.engine.getVariables(id)).toMatchObject({ floor: 3 });
    }
  });

  it('a signal nobody waits for is still 204; no name is 400; an unknown execution 404', async () => {
    const nobody = await t.admin({ method: 'POST', url: '/engine-rest/signal', payload: { name: 'nobody-listens' } });
    const unnamed = await t.admin({ method: 'POST', url: '/engine-rest/signal', payload: { variables: {} } });
    const unknown = await t.admin({ method: 'POST', url: '/engine-rest/signal', payload: { name: 'fire-alarm', executionId: 'nope' } });
    expect(nobody.statusCode).toBe(204);
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().message).toBe('No signal name given');
    expect(unknown.statusCode).toBe(404);
  });
});
