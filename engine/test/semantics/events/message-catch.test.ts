import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, subs } from './leftovers.ts';

describe('intermediate message catch events (Camunda correlateMessage)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'message-catch.bpmn');
  });
  afterAll(() => t.close());

  it('waits with a subscription and moves on when correlated by business key, with the message variables', async () => {
    // given
    const a = await t.engine.startProcess('awaitPayment', { businessKey: 'order-1' });
    const b = await t.engine.startProcess('awaitPayment', { businessKey: 'order-2' });
    expect(await subs(t.engine, a.id)).toEqual(['message:payment@payment']);
    // when
    const [r] = await t.engine.correlateMessage('payment', { businessKey: 'order-2', variables: { paid: 20 } });
    // then
    expect(r).toMatchObject({ resultType: 'Execution', processInstanceId: b.id });
    expect(await openTasks(t.engine, b.id)).toEqual(['ship']);
    expect(await subs(t.engine, b.id)).toEqual([]);
    expect(await t.engine.getVariables(b.id)).toEqual({ paid: 20 });
    expect(await openTasks(t.engine, a.id)).toEqual([]);
    expect(await subs(t.engine, a.id)).toEqual(['message:payment@payment']);
    // cleanup for the next tests
    await t.engine.correlateMessage('payment', { businessKey: 'order-1' });
    for (const id of [a.id, b.id]) {
      await complete(t.engine, id, 'ship');
      await expectGone(t.engine, id);
    }
  });

  it('correlates by process variables (correlationKeys)', async () => {
    // given
    const a = await t.engine.startProcess('awaitPayment', { variables: { orderNo: 11, region: 'north' } });
    const b = await t.engine.startProcess('awaitPayment', { variables: { orderNo: 12, region: 'north' } });
    // when
    await t.engine.correlateMessage('payment', { correlationKeys: { orderNo: 12, region: 'north' } });
    // then
    expect(await openTasks(t.engine, b.id)).toEqual(['ship']);
    expect(await openTasks(t.engine, a.id)).toEqual([]);
    // a key that matches only partly matches nothing
    await expect(t.engine.correlateMessage('payment', { correlationKeys: { orderNo: 11, region: 'south' } })).rejects.toMatchObject({
      code: 'LZ_ERR_MESSAGE_NOT_CORRELATED',
    });
    await t.engine.deleteProcessInstance(a.id);
    await t.engine.deleteProcessInstance(b.id);
  });

  it('more than one waiting match is LZ_ERR_MESSAGE_AMBIGUOUS and nothing moves', async () => {
    // given
    const a = await t.engine.startProcess('awaitPayment', { businessKey: 'same' });
    const b = await t.engine.startProcess('awaitPayment', { businessKey: 'same' });
    // when / then
    await expect(t.engine.correlateMessage('payment', { businessKey: 'same' })).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_AMBIGUOUS' });
    expect(await openTasks(t.engine, a.id)).toEqual([]);
    expect(await openTasks(t.engine, b.id)).toEqual([]);
    // with all: true both get it
    const results = await t.engine.correlateMessage('payment', { businessKey: 'same', all: true });
    expect(results.map((x) => x.processInstanceId).sort()).toEqual([a.id, b.id].sort());
    expect(await openTasks(t.engine, a.id)).toEqual(['ship']);
    expect(await openTasks(t.engine, b.id)).toEqual(['ship']);
    await t.engine.deleteProcessInstance(a.id);
    await t.engine.deleteProcessInstance(b.id);
  });

  it('nothing waiting for the message is LZ_ERR_MESSAGE_NOT_CORRELATED', async () => {
    // given
    const a = await t.engine.startProcess('awaitPayment', { businessKey: 'x' });
    // when / then
    await expect(t.engine.correlateMessage('payment', { businessKey: 'y' })).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_NOT_CORRELATED' });
    await expect(t.engine.correlateMessage('Payment', { businessKey: 'x' })).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_NOT_CORRELATED' });
    // a message is not kept for later: the next catch does not see it
    expect(await openTasks(t.engine, a.id)).toEqual([]);
    await t.engine.deleteProcessInstance(a.id);
    await expectGone(t.engine, a.id);
  });

  it('a message name expression is evaluated when the catch is entered', async () => {
    // given
    const inst = await t.engine.startProcess('awaitReply', { variables: { topic: 'invoice' } });
    expect(await subs(t.engine, inst.id)).toEqual(['message:reply-invoice@reply']);
    // when
    await t.engine.correlateMessage('reply-invoice');
    // then
    await expectGone(t.engine, inst.id);
  });

  it('a zeebe correlation key is matched against the message correlationKey', async () => {
    // given
    const a = await t.engine.startProcess('awaitKeyed', { variables: { orderId: 'A-1' } });
    const b = await t.engine.startProcess('awaitKeyed', { variables: { orderId: 'B-2' } });
    // when
    await t.engine.correlateMessage('keyed', { correlationKey: 'B-2' });
    // then
    await expectGone(t.engine, b.id);
    expect(await subs(t.engine, a.id)).toEqual(['message:keyed@keyedCatch']);
    await t.engine.correlateMessage('keyed', { correlationKey: 'A-1' });
    await expectGone(t.engine, a.id);
  });

  it('deleting a waiting instance removes its subscription', async () => {
    // given
    const inst = await t.engine.startProcess('awaitPayment');
    // when
    await t.engine.deleteProcessInstance(inst.id, 'no longer needed');
    // then
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist!.deleteReason).toBe('no longer needed');
  });
});
