import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, subs } from './leftovers.ts';

describe('message end events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'message-end.bpmn');
  });
  afterAll(() => t.close());

  it('without a topic, the message reaches a receive task waiting in another instance', async () => {
    // given
    const customer = await t.engine.startProcess('customer');
    expect(await subs(t.engine, customer.id)).toEqual(['message:shipped@awaitShipment']);
    const shipper = await t.engine.startProcess('shipper');
    // when
    await complete(t.engine, shipper.id, 'ship');
    // then
    await expectGone(t.engine, shipper.id);
    expect(await openTasks(t.engine, customer.id)).toEqual(['unpack']);
    expect(await subs(t.engine, customer.id)).toEqual([]);
  });

  it('reaches a message catch event of another instance', async () => {
    // given
    const accounting = await t.engine.startProcess('accounting');
    // when
    const payer = await t.engine.startProcess('payer');
    // then
    expect(payer.ended).toBe(true);
    expect(await openTasks(t.engine, accounting.id)).toEqual(['book']);
    expect(await subs(t.engine, accounting.id)).toEqual([]);
  });

  it('a message nobody waits for is dropped; the sender still completes', async () => {
    // when
    const payer = await t.engine.startProcess('payer');
    // then
    expect(payer.ended).toBe(true);
    await expectGone(t.engine, payer.id);
  });

  it('with a topic it is an external task; the instance ends when the worker completes it', async () => {
    // given
    const inst = await t.engine.startProcess('externalSender');
    expect(inst.ended).toBe(false);
    // when
    const [task, ...more] = await t.engine.fetchAndLock('w1', 5, [{ topicName: 'mail.send', lockDuration: 60_000 }]);
    // then
    expect(more).toEqual([]);
    expect(task).toMatchObject({ activityId: 'sendInvoice', processInstanceId: inst.id });
    // when
    await t.engine.completeExternalTask(task!.id, 'w1');
    // then
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist!.endActivityId).toBe('sendInvoice');
  });
});
