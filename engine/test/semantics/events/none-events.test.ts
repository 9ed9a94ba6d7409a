import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, path } from './leftovers.ts';

describe('none start, none intermediate throw and none end events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'none-events.bpmn');
  });
  afterAll(() => t.close());

  it('a plain start runs from the none start event through the none throw to the wait state', async () => {
    // when
    const inst = await t.engine.startProcess('noneEvents', { businessKey: 'bk-1' });
    // then
    expect(inst.ended).toBe(false);
    expect(await openTasks(t.engine, inst.id)).toEqual(['work']);
    expect(await path(t.engine, inst.id)).toEqual(['start', 'milestone', 'work']);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ startActivityId: 'start', businessKey: 'bk-1', endTime: null });
  });

  it('the none end event completes the instance and nothing is left', async () => {
    // given
    const inst = await t.engine.startProcess('noneEvents');
    // when
    await complete(t.engine, inst.id, 'work');
    // then
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'COMPLETED', endActivityId: 'end', errorCode: null });
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.every((a) => a.endTime !== null)).toBe(true);
    expect(acts.map((a) => a.activityType)).toEqual(['startEvent', 'intermediateThrowEvent', 'userTask', 'endEvent']);
  });

  it('a none end event ends only its own token: the instance ends with the last one (BPMN 2.0 §13.5.6)', async () => {
    // given
    const inst = await t.engine.startProcess('twoEnds');
    expect(await openTasks(t.engine, inst.id)).toEqual(['a', 'b']);
    // when
    await complete(t.engine, inst.id, 'a');
    // then
    expect(await t.engine.getProcessInstance(inst.id)).not.toBeNull();
    expect(await openTasks(t.engine, inst.id)).toEqual(['b']);
    // when
    await complete(t.engine, inst.id, 'b');
    // then
    await expectGone(t.engine, inst.id);
    expect((await path(t.engine, inst.id)).filter((a) => a.startsWith('end'))).toEqual(['endA', 'endB']);
  });
});
