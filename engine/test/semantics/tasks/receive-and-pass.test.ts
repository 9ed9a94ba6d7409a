import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

describe('receive task, none task, manual task, camunda:expression', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'receive-and-pass.bpmn');
  });
  afterAll(() => t.close());

  it('a receive task with a message waits for that message', async () => {
    // given
    const inst = await t.engine.startProcess('receive', { businessKey: 'order-1' });
    const [sub] = await t.engine.getEventSubscriptions({ processInstanceId: inst.id });
    expect(sub).toMatchObject({ eventType: 'message', eventName: 'payment-received', activityId: 'waitPayment' });
    // when
    const [result] = await t.engine.correlateMessage('payment-received', { businessKey: 'order-1', variables: { paidAmount: 30 } });
    // then
    expect(result).toMatchObject({ resultType: 'Execution', processInstanceId: inst.id });
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getVariables(inst.id)).toEqual({ paidAmount: 30 });
    const waiting = (await t.engine.getExecutions(inst.id)).filter((e) => e.activityId === 'waitSignal');
    expect(waiting).toHaveLength(1);
    // a message for another business key reaches nobody
    await expect(t.engine.correlateMessage('payment-received', { businessKey: 'order-1' })).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_NOT_CORRELATED' });
  });

  it('a receive task without a message moves on when its execution is triggered', async () => {
    // given
    const inst = await t.engine.startProcess('receive', { businessKey: 'order-2' });
    await t.engine.correlateMessage('payment-received', { businessKey: 'order-2' });
    const exec = (await t.engine.getExecutions(inst.id)).find((e) => e.activityId === 'waitSignal')!;
    // when
    await t.engine.trigger(exec.id, { confirmed: true });
    // then
    expect(await t.engine.getVariables(inst.id)).toEqual({ confirmed: true });
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(task?.taskDefinitionKey).toBe('check');
    // a user task is not moved by trigger; a gone execution is not found
    await expect(t.engine.trigger(task!.executionId)).rejects.toMatchObject({ code: 'LZ_ERR_EXECUTION_NOT_WAITING' });
    await expect(t.engine.trigger(exec.id)).rejects.toMatchObject({ code: 'LZ_ERR_EXECUTION_NOT_FOUND' });
  });

  it('deleting a waiting instance removes its message subscription', async () => {
    const inst = await t.engine.startProcess('receive', { businessKey: 'order-3' });
    await t.engine.deleteProcessInstance(inst.id);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getEventSubscriptions({ eventName: 'payment-received' })).toEqual([]);
  });

  it('none task, manual task and expression service tasks pass straight through', async () => {
    // when
    const inst = await t.engine.startProcess('passThrough', { variables: { amount: 21 } });
    // then
    expect(inst.ended).toBe(true);
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.map((a) => [a.activityId, a.activityType, a.state])).toEqual([
      ['start2', 'startEvent', 'completed'],
      ['none', 'task', 'completed'],
      ['manual', 'manualTask', 'completed'],
      ['double', 'serviceTask', 'completed'],
      ['noResult', 'serviceTask', 'completed'],
      ['end2', 'endEvent', 'completed'],
    ]);
    const updates = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id });
    expect(updates.map((u) => [u.name, u.value])).toEqual([
      ['amount', 21],
      ['doubled', 42],
    ]);
  });

  it('an expression that fails parks the task behind a retry job, like a failing script', async () => {
    // when
    const inst = await t.engine.startProcess('passThrough', { variables: { amount: 'abc' } });
    // then: the instance is kept, waiting before 'double'; nothing of the attempt was written
    expect(inst.ended).toBe(false);
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ type: 'async-before', activityId: 'double', retries: 2 });
    expect(job!.exceptionMessage).toContain('abc');
    expect(Object.keys(await t.engine.getVariables(inst.id))).toEqual(['amount']);
    // when: the variable is fixed and the job runs
    await t.engine.setVariables(inst.id, { amount: 4 });
    await t.engine.runDueJobs();
    // then
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    const doubled = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'doubled' });
    expect(doubled.map((u) => u.value)).toEqual([8]);
  });
});
