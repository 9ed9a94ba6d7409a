import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks } from '../events/leftovers.ts';

// Camunda 7 process-instance modification (RuntimeService.createProcessInstanceModification /
// POST /process-instance/{id}/modification): the instructions of one call run in order, in one
// transaction. "Return to an earlier step" = cancel the current activity instance and start
// before the earlier activity.

describe('modification: return to an earlier step and other moves', () => {
  let t: TestEngine;
  /** the activity instance ids (activity tree) of one activity */
  const instancesOf = async (id: string, activityId: string) =>
    (await t.engine.getActivityTree(id))!.childActivityInstances.filter((c) => c.activityId === activityId).map((c) => c.id);
  /** an instance of 'loan' waiting at 'check' (assignee carl) */
  const atCheck = async () => {
    const inst = await t.engine.startProcess('loan', { variables: { author: 'ann', checker: 'carl' } });
    await complete(t.engine, inst.id, 'draft');
    return inst;
  };
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'return-to-step.bpmn');
  });
  afterAll(() => t.close());

  it('cancel + startBeforeActivity returns the instance to an earlier task, assignee evaluated again', async () => {
    // given: at 'check'; meanwhile the author changed
    const inst = await atCheck();
    const [checkTask] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.setVariables(inst.id, { author: 'bob' });
    const [checkAi] = await instancesOf(inst.id, 'check');
    // when
    await t.engine.modifyProcessInstance(inst.id, [
      { type: 'cancel', activityInstanceId: checkAi! },
      { type: 'startBeforeActivity', activityId: 'draft' },
    ]);
    // then: 'draft' is there again, for the current author; 'check' is gone
    const tasks = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(tasks.map((x) => [x.taskDefinitionKey, x.assignee])).toEqual([['draft', 'bob']]);
    expect(await t.engine.getTask(checkTask!.id)).toBeNull();
    const execs = await t.engine.getExecutions(inst.id);
    expect(execs.map((e) => e.activityId).sort()).toEqual(['draft', 'loan']);
    // history: the cancelled task is 'deleted', its activity instance 'canceled'
    const [histCheck] = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'check' });
    expect(histCheck).toMatchObject({ id: checkTask!.id, deleteReason: 'deleted' });
    expect(histCheck?.endTime).not.toBeNull();
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.filter((a) => a.activityId !== 'start').map((a) => [a.activityId, a.state])).toEqual([
      ['draft', 'completed'],
      ['check', 'canceled'],
      ['draft', 'active'],
    ]);
    expect((await t.engine.getHistoricInstances({ processInstanceId: inst.id }))[0]?.state).toBe('ACTIVE');
    // when: the flow goes on as modelled
    await complete(t.engine, inst.id, 'draft');
    // then
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => [x.taskDefinitionKey, x.assignee])).toEqual([['check', 'carl']]);
  });

  it('variables of a start instruction are set before the activity starts', async () => {
    // given
    const inst = await atCheck();
    // when: back to 'draft', for another author
    await t.engine.modifyProcessInstance(inst.id, [
      { type: 'cancel', activityId: 'check' },
      { type: 'startBeforeActivity', activityId: 'draft', variables: { author: 'dora', reason: 'incomplete' } },
    ]);
    // then: the assignee expression saw the new value; the variables are visible to the instance
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(task).toMatchObject({ taskDefinitionKey: 'draft', assignee: 'dora' });
    // (Camunda: setVariable on the new execution writes where the variable exists, else up to the instance)
    expect(await t.engine.getVariables(inst.id)).toEqual({ author: 'dora', checker: 'carl', reason: 'incomplete' });
  });

  it('startAfterActivity starts on the single outgoing flow of the activity', async () => {
    // given
    const inst = await t.engine.startProcess('loan', { variables: { author: 'ann', checker: 'carl' } });
    // when: skip 'check' (start after it) and drop 'draft'
    await t.engine.modifyProcessInstance(inst.id, [
      { type: 'startAfterActivity', activityId: 'check' },
      { type: 'cancel', activityId: 'draft' },
    ]);
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['approve']);
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.map((a) => a.activityId)).not.toContain('check');
    expect(acts.find((a) => a.activityId === 'draft')?.state).toBe('canceled');
  });

  it('startTransition starts on a sequence flow', async () => {
    // given
    const inst = await t.engine.startProcess('loan', { variables: { author: 'ann', checker: 'carl' } });
    // when
    await t.engine.modifyProcessInstance(inst.id, [
      { type: 'startTransition', transitionId: 'toApprove' },
      { type: 'cancel', activityId: 'draft' },
    ]);
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['approve']);
    // when: the rest of the flow runs as modelled
    await complete(t.engine, inst.id, 'approve');
    // then
    await expectGone(t.engine, inst.id);
    expect((await t.engine.getHistoricInstances({ processInstanceId: inst.id }))[0]).toMatchObject({ state: 'COMPLETED', endActivityId: 'end' });
  });

  it('cancel by activityId cancels every instance of that activity', async () => {
    // given: two instances of 'check'
    const inst = await atCheck();
    await t.engine.modifyProcessInstance(inst.id, [{ type: 'startBeforeActivity', activityId: 'check' }]);
    const checks = await t.engine.getTasks({ processInstanceId: inst.id, taskDefinitionKey: 'check' });
    expect(checks).toHaveLength(2);
    // when
    await t.engine.modifyProcessInstance(inst.id, [
      { type: 'cancel', activityId: 'check' },
      { type: 'startBeforeActivity', activityId: 'approve' },
    ]);
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['approve']);
    const hist = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'check' });
    expect(hist.map((h) => h.deleteReason)).toEqual(['deleted', 'deleted']);
  });

  it('cancelling the last activity instance ends the instance EXTERNALLY_TERMINATED', async () => {
    // given
    const inst = await atCheck();
    const [checkAi] = await instancesOf(inst.id, 'check');
    // when
    await t.engine.modifyProcessInstance(inst.id, [{ type: 'cancel', activityInstanceId: checkAi! }]);
    // then: nothing of it is left at run time
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist?.state).toBe('EXTERNALLY_TERMINATED');
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.every((a) => a.endTime !== null)).toBe(true);
    expect(acts.find((a) => a.activityId === 'check')?.state).toBe('canceled');
  });
});
