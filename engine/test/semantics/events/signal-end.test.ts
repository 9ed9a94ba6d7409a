import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, subs } from './leftovers.ts';

describe('signal end events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'signal-end.bpmn');
  });
  afterAll(() => t.close());

  it('reaches the signal catch of another instance and a signal start event, in the same command', async () => {
    // given
    const waiter = await t.engine.startProcess('signalWaiter');
    expect(await subs(t.engine, waiter.id)).toEqual(['signal:batch-done@waitDone']);
    const thrower = await t.engine.startProcess('signalThrower');
    // when
    await complete(t.engine, thrower.id, 'work');
    // then: the thrower ended at its signal end
    await expectGone(t.engine, thrower.id);
    const [h] = await t.engine.getHistoricInstances({ processInstanceId: thrower.id });
    expect(h).toMatchObject({ state: 'COMPLETED', endActivityId: 'signalEnd' });
    // the waiter moved on and no longer listens
    expect(await openTasks(t.engine, waiter.id)).toEqual(['afterSignal']);
    expect(await subs(t.engine, waiter.id)).toEqual([]);
    // one new instance by the signal start
    const started = await t.engine.getProcessInstances({ processDefinitionKey: 'signalStarted' });
    expect(started).toHaveLength(1);
    expect(await openTasks(t.engine, started[0]!.id)).toEqual(['followUp']);
  });

  it('a second throw finds no waiter left, but starts another instance', async () => {
    // given
    const thrower = await t.engine.startProcess('signalThrower');
    const before = await t.engine.countProcessInstances({ processDefinitionKey: 'signalStarted' });
    // when
    await complete(t.engine, thrower.id, 'work');
    // then
    expect(await t.engine.countProcessInstances({ processDefinitionKey: 'signalStarted' })).toBe(before + 1);
    expect(await t.engine.getEventSubscriptions({ eventType: 'signal', eventName: 'batch-done' })).toHaveLength(1);
  });
});
