import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, path } from './leftovers.ts';

describe('compensation end events (BPMN 2.0 §10.7)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'compensation-end.bpmn');
  });
  afterAll(() => t.close());

  async function bookBoth(onlyFlight: boolean): Promise<string> {
    const inst = await t.engine.startProcess('trip', { variables: { onlyFlight } });
    await complete(t.engine, inst.id, 'bookHotel');
    await complete(t.engine, inst.id, 'bookFlight');
    return inst.id;
  }

  it('compensates every completed activity, newest first, and waits for the handlers before ending', async () => {
    // when
    const id = await bookBoth(false);
    // then: the end event waits; the handlers run (flight first: reverse order of completion)
    expect(await openTasks(t.engine, id)).toEqual(['cancelFlight', 'cancelHotel']);
    const handlers = (await path(t.engine, id)).filter((a) => a.startsWith('cancel'));
    expect(handlers).toEqual(['cancelFlight', 'cancelHotel']);
    expect(await t.engine.getProcessInstance(id)).not.toBeNull();
    // when
    await complete(t.engine, id, 'cancelFlight');
    expect(await t.engine.getProcessInstance(id)).not.toBeNull();
    await complete(t.engine, id, 'cancelHotel');
    // then
    await expectGone(t.engine, id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: id });
    expect(hist).toMatchObject({ state: 'COMPLETED', endActivityId: 'compensateAll' });
  });

  it('with activityRef it compensates only that activity', async () => {
    // when
    const id = await bookBoth(true);
    // then
    expect(await openTasks(t.engine, id)).toEqual(['cancelFlight']);
    await complete(t.engine, id, 'cancelFlight');
    await expectGone(t.engine, id);
    expect(await path(t.engine, id)).not.toContain('cancelHotel');
  });

  it('deleting the instance compensates nothing', async () => {
    // given: the hotel is booked, the flight not yet
    const inst = await t.engine.startProcess('trip', { variables: { onlyFlight: false } });
    await complete(t.engine, inst.id, 'bookHotel');
    // when
    await t.engine.deleteProcessInstance(inst.id, 'changed plans');
    // then: deleting does not compensate (Camunda: compensation only by a throw event)
    await expectGone(t.engine, inst.id);
    expect(await path(t.engine, inst.id)).not.toContain('cancelHotel');
  });
});
