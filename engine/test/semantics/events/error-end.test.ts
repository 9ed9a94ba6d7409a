import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture, deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, path } from './leftovers.ts';

describe('error end events (BPMN 2.0 §10.5.3, Camunda error end event)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'error-end.bpmn');
  });
  afterAll(() => t.close());

  it('is caught by the error boundary event of the enclosing sub-process, which is cancelled', async () => {
    // given
    const inst = await t.engine.startProcess('errorToBoundary');
    expect(await openTasks(t.engine, inst.id)).toEqual(['fail', 'waiting']);
    // when
    await complete(t.engine, inst.id, 'fail');
    // then: the whole sub-process is gone, the boundary path runs, the normal path not
    expect(await openTasks(t.engine, inst.id)).toEqual(['handle']);
    const execs = await t.engine.getExecutions(inst.id);
    expect(execs.map((e) => e.activityId).filter((a) => ['sub', 'waiting', 'fail'].includes(a))).toEqual([]);
    const [waiting] = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'waiting' });
    expect(waiting!.deleteReason).not.toBe('completed');
    const [sub] = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'sub' });
    expect(sub!.state).toBe('canceled');
    expect(await t.engine.getVariables(inst.id)).toEqual({ code: 'E1', msg: 'Order failed' });
    // when
    await complete(t.engine, inst.id, 'handle');
    // then
    await expectGone(t.engine, inst.id);
    expect(await path(t.engine, inst.id)).not.toContain('normal');
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'COMPLETED', errorCode: null });
  });

  it('is caught by an error event sub-process, which interrupts the rest of the process', async () => {
    // given
    const inst = await t.engine.startProcess('errorToEventSub');
    // when
    await complete(t.engine, inst.id, 'fail2');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['cleanup']);
    const [other] = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'other' });
    expect(other!.endTime).not.toBeNull();
    // when
    await complete(t.engine, inst.id, 'cleanup');
    // then
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'COMPLETED', errorCode: null });
  });

  it('uncaught, it ends only its token; the instance keeps the error code in history', async () => {
    // given
    const inst = await t.engine.startProcess('errorUncaught');
    // when
    await complete(t.engine, inst.id, 'fail3');
    // then: the other branch is untouched
    expect(await openTasks(t.engine, inst.id)).toEqual(['survivor']);
    // when
    await complete(t.engine, inst.id, 'survivor');
    // then
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist!.errorCode).toBe('E3');
    expect(hist!.state).toBe('COMPLETED');
  });

  it('uncaught straight after the start, the instance ends inside the start command', async () => {
    // given
    await deployInline(
      t.engine,
      'errorAtOnce',
      `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="e" />
       <endEvent id="e"><errorEventDefinition errorRef="boom" /></endEvent>`,
      '<error id="boom" errorCode="BOOM" />',
    );
    // when
    const inst = await t.engine.startProcess('errorAtOnce');
    // then
    expect(inst.ended).toBe(true);
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ errorCode: 'BOOM', endActivityId: 'e' });
  });
});
