import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks } from '../events/leftovers.ts';

describe('error and escalation propagation (BPMN 2.0 §10.5.5, Camunda error propagation)', () => {
  let t: TestEngine;
  const childOf = async (callerId: string) => {
    const [c] = await t.engine.getProcessInstances({ superProcessInstanceId: callerId });
    expect(c).toBeDefined();
    return c!;
  };
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'propagation.bpmn');
  });
  afterAll(() => t.close());

  it('an error passes a boundary for another code and is caught on the enclosing sub-process', async () => {
    // given
    const inst = await t.engine.startProcess('nested');
    expect(await openTasks(t.engine, inst.id)).toEqual(['innerTask', 'outerTask']);
    // when
    await complete(t.engine, inst.id, 'innerTask');
    // then: both sub-processes are gone, with everything in them
    expect(await openTasks(t.engine, inst.id)).toEqual(['recover']);
    const left = (await t.engine.getExecutions(inst.id)).map((e) => e.activityId);
    expect(left.filter((a) => ['outer', 'inner', 'outerTask', 'innerTask'].includes(a))).toEqual([]);
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    const state = Object.fromEntries(acts.map((a) => [a.activityId, a.state]));
    expect(state).toMatchObject({ outer: 'canceled', inner: 'canceled', outerTask: 'canceled' });
    expect(state.innerHandled).toBeUndefined();
    await complete(t.engine, inst.id, 'recover');
    await expectGone(t.engine, inst.id);
  });

  it('an error end in a called process is caught by the error boundary on the call activity', async () => {
    // given
    const caller = await t.engine.startProcess('caller', { variables: { late: false } });
    const child = await childOf(caller.id);
    // when
    await complete(t.engine, child.id, 'childWork');
    // then: the child ended, the caller took the error path
    await expectGone(t.engine, child.id);
    expect(await openTasks(t.engine, caller.id)).toEqual(['compensateChild']);
    expect(await t.engine.getVariables(caller.id)).toMatchObject({ code: 'CHILD_FAILED' });
    const [callAct] = await t.engine.getHistoricActivities({ processInstanceId: caller.id, activityId: 'callChild' });
    expect(callAct!.state).toBe('canceled');
    await complete(t.engine, caller.id, 'compensateChild');
    await expectGone(t.engine, caller.id);
  });

  it('an escalation in a called process reaches a non-interrupting boundary on the call activity; the child goes on', async () => {
    // given
    const caller = await t.engine.startProcess('caller', { variables: { late: true } });
    const child = await childOf(caller.id);
    // when
    await complete(t.engine, child.id, 'childWork');
    // then
    expect(await openTasks(t.engine, caller.id)).toEqual(['chase']);
    expect(await openTasks(t.engine, child.id)).toEqual(['childAfterLate']);
    // when the child completes, the call activity completes normally
    await complete(t.engine, child.id, 'childAfterLate');
    await expectGone(t.engine, child.id);
    expect(await openTasks(t.engine, caller.id)).toEqual(['callerDone', 'chase']);
  });

  it('deleting the caller removes the called instance with all its rows', async () => {
    // given: the caller is deleted while the child waits
    const caller = await t.engine.startProcess('caller', { variables: { late: false } });
    const child = await childOf(caller.id);
    // when
    await t.engine.deleteProcessInstance(caller.id);
    // then
    await expectGone(t.engine, caller.id);
    await expectGone(t.engine, child.id);
  });

  it('an interrupting timer on the call activity cancels the called instance', async () => {
    // given
    const caller = await t.engine.startProcess('caller', { variables: { late: false } });
    const child = await childOf(caller.id);
    // when
    t.clock.advance(7 * 24 * 60 * 60_000);
    await t.engine.runDueJobs();
    // then
    expect(await openTasks(t.engine, caller.id)).toEqual(['timedOutCall']);
    await expectGone(t.engine, child.id);
    const [h] = await t.engine.getHistoricInstances({ processInstanceId: child.id });
    expect(h!.state).toBe('INTERNALLY_TERMINATED');
    await complete(t.engine, caller.id, 'timedOutCall');
    await expectGone(t.engine, caller.id);
  });
});
