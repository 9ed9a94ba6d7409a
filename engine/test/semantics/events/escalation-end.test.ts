import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, path } from './leftovers.ts';

describe('escalation end events (BPMN 2.0 §10.5.3, Camunda escalation events)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'escalation-end.bpmn');
  });
  afterAll(() => t.close());

  it('an interrupting escalation boundary on the sub-process cancels it and takes over', async () => {
    // given
    const inst = await t.engine.startProcess('escalationInterrupting');
    // when
    await complete(t.engine, inst.id, 'report');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['manager']);
    const [sub] = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'sub' });
    expect(sub!.state).toBe('canceled');
    expect(await t.engine.getVariables(inst.id)).toEqual({ escCode: 'LATE' });
    // when
    await complete(t.engine, inst.id, 'manager');
    // then
    await expectGone(t.engine, inst.id);
    expect(await path(t.engine, inst.id)).not.toContain('normal');
  });

  it('a non-interrupting escalation boundary runs beside the sub-process, which completes normally later', async () => {
    // given
    const inst = await t.engine.startProcess('escalationNonInterrupting');
    // when
    await complete(t.engine, inst.id, 'report2');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['keepWorking2', 'manager2']);
    // when
    await complete(t.engine, inst.id, 'keepWorking2');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['manager2', 'normal2']);
    const [sub] = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'sub2' });
    expect(sub!.state).toBe('completed');
    await complete(t.engine, inst.id, 'manager2');
    await complete(t.engine, inst.id, 'normal2');
    await expectGone(t.engine, inst.id);
  });

  it('an escalation nobody catches is ignored: its token ends, the rest goes on', async () => {
    // when
    const inst = await t.engine.startProcess('escalationUncaught');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['survivor']);
    await complete(t.engine, inst.id, 'survivor');
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'COMPLETED', errorCode: null });
  });
});
