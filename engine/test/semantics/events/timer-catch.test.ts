import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { expectGone, openTasks } from './leftovers.ts';

const MIN = 60_000;

describe('intermediate timer catch events', () => {
  let t: TestEngine;
  const tick = async (ms: number) => {
    t.clock.advance(ms);
    await t.engine.runDueJobs();
  };
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'timer-catch.bpmn');
  });
  afterAll(() => t.close());

  it('timeDuration: a timer job due that long after entering; the token waits until then', async () => {
    // given
    const inst = await t.engine.startProcess('waitDuration');
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ type: 'timer', activityId: 'wait' });
    expect(job!.dueDate.getTime()).toBe(t.clock.now().getTime() + 120 * MIN);
    // when
    await tick(119 * MIN);
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual([]);
    // when
    await tick(MIN);
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['after']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    await t.engine.deleteProcessInstance(inst.id);
  });

  it('a timer job can be executed before it is due (Camunda executeJob)', async () => {
    // given
    const inst = await t.engine.startProcess('waitDuration');
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    // when
    expect(await t.engine.executeJob(job!.id)).toBe(true);
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['after']);
    await t.engine.deleteProcessInstance(inst.id);
  });

  it('timeDate: due at that instant', async () => {
    // given
    const inst = await t.engine.startProcess('waitDate');
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job!.dueDate.toISOString()).toBe('2026-01-06T00:00:00.000Z');
    // when
    t.clock.set(new Date('2026-01-06T00:00:00Z'));
    await t.engine.runDueJobs();
    // then
    await expectGone(t.engine, inst.id);
  });

  it('timer values from variables (JUEL duration, JUEL date, FEEL duration) are evaluated on entering', async () => {
    // given
    const now = t.clock.now().getTime();
    const deadline = new Date(now + 3 * 60 * MIN);
    const inst = await t.engine.startProcess('waitExpression', { variables: { delay: 'PT1H', deadline: deadline.toISOString(), minutes: 15 } });
    let [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job!.dueDate.getTime()).toBe(now + 60 * MIN);
    // when
    await tick(60 * MIN);
    // then: the date timer waits for the deadline
    [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ activityId: 'byJuelDate' });
    expect(job!.dueDate.getTime()).toBe(deadline.getTime());
    // when
    await tick(120 * MIN);
    // then
    [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ activityId: 'byFeel' });
    expect(job!.dueDate.getTime()).toBe(deadline.getTime() + 15 * MIN);
    await tick(15 * MIN);
    await expectGone(t.engine, inst.id);
  });

  it('a Date variable works as a timeDate', async () => {
    // given
    const deadline = new Date(t.clock.now().getTime() + 30 * MIN);
    const inst = await t.engine.startProcess('waitExpression', { variables: { delay: 'PT0S', deadline, minutes: 1 } });
    await tick(0);
    // then
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ activityId: 'byJuelDate' });
    expect(job!.dueDate.getTime()).toBe(deadline.getTime());
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('a timer value that is not a timer fails the command that enters it', async () => {
    await expect(t.engine.startProcess('waitExpression', { variables: { delay: 'soon', deadline: 'x', minutes: 1 } })).rejects.toMatchObject({
      code: 'LZ_ERR_TIMER_INVALID',
    });
  });
});
