import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, subs } from './leftovers.ts';

describe('terminate end events (BPMN 2.0 §10.5.3)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'terminate-end.bpmn');
  });
  afterAll(() => t.close());

  it('at process level it cancels every other branch and ends the instance', async () => {
    // given
    const inst = await t.engine.startProcess('terminateProcess');
    expect(await openTasks(t.engine, inst.id)).toEqual(['finish', 'inner', 'waitTask']);
    expect(await subs(t.engine, inst.id)).toEqual(['message:nudge@waitMessage']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toHaveLength(1);
    // when
    await complete(t.engine, inst.id, 'finish');
    // then
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'COMPLETED', endActivityId: 'terminate' });
    const tasks = await t.engine.getHistoricTasks({ processInstanceId: inst.id });
    const reasons = Object.fromEntries(tasks.map((x) => [x.taskDefinitionKey, x.deleteReason]));
    expect(reasons.finish).toBe('completed');
    expect(reasons.waitTask).not.toBe('completed');
    expect(reasons.inner).not.toBe('completed');
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.every((a) => a.endTime !== null)).toBe(true);
    const state = Object.fromEntries(acts.map((a) => [a.activityId, a.state]));
    expect(state).toMatchObject({ waitTask: 'canceled', waitMessage: 'canceled', sub: 'canceled', inner: 'canceled', terminate: 'completed' });
    // a message for the cancelled catch no longer finds anyone
    await expect(t.engine.correlateMessage('nudge', { processInstanceId: inst.id })).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_NOT_CORRELATED' });
  });

  it('inside a sub-process it ends only the sub-process; the parent goes on', async () => {
    // given
    const inst = await t.engine.startProcess('terminateSub');
    expect(await openTasks(t.engine, inst.id)).toEqual(['fast', 'outerTask', 'slow']);
    // when
    await complete(t.engine, inst.id, 'fast');
    // then: 'slow' is gone, the sub-process left by its outgoing flow, its boundary timer went with it
    expect(await openTasks(t.engine, inst.id)).toEqual(['afterSub', 'outerTask']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    const [slow] = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'slow' });
    expect(slow!.endTime).not.toBeNull();
    expect(slow!.deleteReason).not.toBe('completed');
    const [sub] = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'sub2' });
    expect(sub).toMatchObject({ state: 'completed' });
    const left = (await t.engine.getExecutions(inst.id)).map((e) => e.activityId);
    expect(left.filter((a) => ['sub2', 'slow', 'fast', 'subTerminate'].includes(a))).toEqual([]);
    // when
    await complete(t.engine, inst.id, 'afterSub');
    await complete(t.engine, inst.id, 'outerTask');
    // then
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist!.state).toBe('COMPLETED');
  });
});
