import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, path, subs } from '../events/leftovers.ts';

const HOUR = 60 * 60_000;

describe('timer boundary events', () => {
  let t: TestEngine;
  const tick = async (ms: number) => {
    t.clock.advance(ms);
    await t.engine.runDueJobs();
  };
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'timer-boundary.bpmn');
  });
  afterAll(() => t.close());

  it('interrupting: when due, the task is cancelled and the boundary path runs', async () => {
    // given
    const inst = await t.engine.startProcess('timeout');
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ type: 'timer', activityId: 'tooLate' });
    expect(job!.dueDate.getTime()).toBe(t.clock.now().getTime() + HOUR);
    // when
    await tick(HOUR);
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['escalated']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    const [review] = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'review' });
    expect(review!.endTime).not.toBeNull();
    expect(review!.deleteReason).not.toBe('completed');
    const [act] = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'review' });
    expect(act!.state).toBe('canceled');
    await complete(t.engine, inst.id, 'escalated');
    await expectGone(t.engine, inst.id);
    expect(await path(t.engine, inst.id)).not.toContain('reviewed');
  });

  it('interrupting: completing the task in time removes the timer', async () => {
    // given
    const inst = await t.engine.startProcess('timeout');
    // when
    await complete(t.engine, inst.id, 'review');
    // then
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    await tick(2 * HOUR);
    expect(await openTasks(t.engine, inst.id)).toEqual(['reviewed']);
    await t.engine.deleteProcessInstance(inst.id);
  });

  it('non-interrupting R3/PT1H fires three times beside the task, then no timer is left', async () => {
    // given
    const inst = await t.engine.startProcess('reminders');
    // when / then
    for (let i = 1; i <= 3; i++) {
      await tick(HOUR);
      expect((await t.engine.getTasks({ processInstanceId: inst.id, taskDefinitionKey: 'reminder' })).length).toBe(i);
      expect(await openTasks(t.engine, inst.id)).toContain('work');
    }
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    await tick(5 * HOUR);
    expect((await t.engine.getTasks({ processInstanceId: inst.id, taskDefinitionKey: 'reminder' })).length).toBe(3);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('non-interrupting cycle stops when the task completes', async () => {
    // given
    const inst = await t.engine.startProcess('reminders');
    await tick(HOUR);
    expect(await openTasks(t.engine, inst.id)).toEqual(['reminder', 'work']);
    // when
    await complete(t.engine, inst.id, 'work');
    // then
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    await tick(3 * HOUR);
    expect(await openTasks(t.engine, inst.id)).toEqual(['reminder']);
    // the reminder token keeps the instance alive; it ends with it
    await complete(t.engine, inst.id, 'reminder');
    await expectGone(t.engine, inst.id);
  });

  it('interrupting on a sub-process: everything inside is cancelled (tasks and subscriptions)', async () => {
    // given
    const inst = await t.engine.startProcess('subTimeout');
    expect(await openTasks(t.engine, inst.id)).toEqual(['inner1']);
    expect(await subs(t.engine, inst.id)).toEqual(['message:inner-message@inner2']);
    // when
    await tick(30 * 60_000);
    // then
    await expectGone(t.engine, inst.id);
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    const state = Object.fromEntries(acts.map((a) => [a.activityId, a.state]));
    expect(state).toMatchObject({ sub: 'canceled', inner1: 'canceled', inner2: 'canceled', subLate: 'completed', end3: 'completed' });
  });
});
