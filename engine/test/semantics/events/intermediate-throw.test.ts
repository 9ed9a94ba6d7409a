import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, subs } from './leftovers.ts';

describe('intermediate throw events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'intermediate-throw.bpmn');
  });
  afterAll(() => t.close());

  it('signal: reaches other instances; the thrower\'s own later catch in the same branch does not catch it', async () => {
    // given: an instance already waiting for 'go'
    const waiting = await t.engine.startProcess('signalSelf');
    expect(await subs(t.engine, waiting.id)).toEqual(['signal:go@catchGo']);
    // when: a second instance throws 'go' and then waits for it
    const thrower = await t.engine.startProcess('signalSelf');
    // then: the first one got it, the thrower did not
    expect(await openTasks(t.engine, waiting.id)).toEqual(['afterGo']);
    expect(await openTasks(t.engine, thrower.id)).toEqual([]);
    expect(await subs(t.engine, thrower.id)).toEqual(['signal:go@catchGo']);
    await t.engine.deleteProcessInstance(waiting.id);
    await t.engine.deleteProcessInstance(thrower.id);
  });

  it('signal: a parallel branch of the thrower that already waits does catch it', async () => {
    // given
    const inst = await t.engine.startProcess('signalSibling');
    expect(await openTasks(t.engine, inst.id)).toEqual(['prepare']);
    // when
    await complete(t.engine, inst.id, 'prepare');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['gotGo', 'sent']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('escalation: a non-interrupting boundary on the sub-process catches it and the thrower goes on', async () => {
    // when
    const inst = await t.engine.startProcess('escalationThrow');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['carryOn', 'help']);
    // when
    await complete(t.engine, inst.id, 'carryOn');
    // then: the sub-process completed normally
    expect(await openTasks(t.engine, inst.id)).toEqual(['done', 'help']);
    await complete(t.engine, inst.id, 'done');
    await complete(t.engine, inst.id, 'help');
    await expectGone(t.engine, inst.id);
  });

  it('message without a topic: delivered inside the engine to a waiting catch; the thrower goes on', async () => {
    // given
    const waiter = await t.engine.startProcess('messageWait');
    // when
    const thrower = await t.engine.startProcess('messageThrow');
    // then
    expect(await openTasks(t.engine, thrower.id)).toEqual(['announced']);
    await expectGone(t.engine, waiter.id);
    // nobody waiting: the message is dropped, the thrower still goes on
    const alone = await t.engine.startProcess('messageThrow');
    expect(await openTasks(t.engine, alone.id)).toEqual(['announced']);
  });

  it('message with a topic: an external task, and the token goes on when the worker completes it', async () => {
    // given
    const inst = await t.engine.startProcess('messageExternal');
    // when
    const locked = await t.engine.fetchAndLock('w', 5, [{ topicName: 'fax.send', lockDuration: 60_000 }]);
    // then
    expect(locked.map((x) => x.activityId)).toEqual(['sendFax']);
    await t.engine.completeExternalTask(locked[0]!.id, 'w');
    expect(await openTasks(t.engine, inst.id)).toEqual(['faxed']);
    expect(await t.engine.getExternalTasks({ processInstanceId: inst.id })).toEqual([]);
  });
});
