import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const LOCK = 60_000;

describe('external tasks: service, send and business-rule tasks', () => {
  let t: TestEngine;
  const start = (topic: string, prio = 0, extra: Record<string, unknown> = {}) => t.engine.startProcess('external', { variables: { topic, prio, ...extra } });
  const fetch = (worker: string, topic: string, max = 10) => t.engine.fetchAndLock(worker, max, [{ topicName: topic, lockDuration: LOCK }]);
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'external-task.bpmn', 'external-task-zeebe.bpmn');
  });
  afterAll(() => t.close());

  it('each of them waits as an external task on its topic; completing passes the variables on', async () => {
    // given
    const inst = await start('walk', 0, { amount: 12 });
    // when / then: the service task
    const [charge] = await fetch('w1', 'walk');
    expect(charge).toMatchObject({ activityId: 'charge', processInstanceId: inst.id, workerId: 'w1', variables: { topic: 'walk', prio: 0, amount: 12 } });
    expect(charge!.lockExpirationTime.getTime()).toBe(t.clock.now().getTime() + LOCK);
    await t.engine.completeExternalTask(charge!.id, 'w1', { receipt: 'R-1' });
    // the send task, with only the variables asked for
    const [notify] = await t.engine.fetchAndLock('w1', 1, [{ topicName: 'walk-notify', lockDuration: LOCK, variables: ['receipt'] }]);
    expect(notify).toMatchObject({ activityId: 'notify', variables: { receipt: 'R-1' } });
    await t.engine.completeExternalTask(notify!.id, 'w1');
    // the business-rule task
    const [score] = await fetch('w1', 'walk-score');
    expect(score?.activityId).toBe('score');
    await t.engine.completeExternalTask(score!.id, 'w1', { score: 7 });
    // then
    expect(await t.engine.getExternalTasks({ processInstanceId: inst.id })).toEqual([]);
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.taskDefinitionKey)).toEqual(['done']);
    expect(await t.engine.getVariables(inst.id)).toMatchObject({ receipt: 'R-1', score: 7 });
  });

  it('fetchAndLock hands out the highest priority first and never the same task twice', async () => {
    // given
    const low = await start('prio', 1);
    const high = await start('prio', 10);
    const mid = await start('prio', 5);
    // when
    const first = await fetch('w1', 'prio', 2);
    const second = await fetch('w2', 'prio', 2);
    // then
    expect(first.map((x) => [x.processInstanceId, x.priority])).toEqual([
      [high.id, 10],
      [mid.id, 5],
    ]);
    expect(second.map((x) => x.processInstanceId)).toEqual([low.id]);
    expect(await fetch('w3', 'prio')).toEqual([]);
  });

  it('an expired lock lets another worker take the task; the first worker is then refused', async () => {
    // given
    const inst = await start('expiry');
    const [task] = await t.engine.fetchAndLock('w1', 1, [{ topicName: 'expiry', lockDuration: 1000 }]);
    expect(await fetch('w2', 'expiry')).toEqual([]);
    // when
    t.clock.advance(1001);
    const [again] = await fetch('w2', 'expiry');
    // then
    expect(again?.id).toBe(task!.id);
    await expect(t.engine.completeExternalTask(task!.id, 'w1')).rejects.toMatchObject({ code: 'LZ_ERR_EXTERNAL_TASK_LOCKED', kind: 'conflict' });
    await expect(t.engine.handleExternalTaskFailure(task!.id, 'w1', { retries: 1 })).rejects.toMatchObject({ code: 'LZ_ERR_EXTERNAL_TASK_LOCKED' });
    await t.engine.completeExternalTask(task!.id, 'w2');
    const [next] = await t.engine.getExternalTasks({ processInstanceId: inst.id });
    expect(next?.activityId).toBe('notify');
    await expect(t.engine.completeExternalTask(task!.id, 'w2')).rejects.toMatchObject({ code: 'LZ_ERR_EXTERNAL_TASK_NOT_FOUND' });
  });

  it('a failure with retries left waits retryTimeout before it can be fetched again', async () => {
    // given
    const inst = await start('retry');
    const [task] = await fetch('w1', 'retry');
    // when
    await t.engine.handleExternalTaskFailure(task!.id, 'w1', { errorMessage: 'gateway down', retries: 2, retryTimeout: 30_000 });
    // then
    expect(await t.engine.getIncidents({ processInstanceId: inst.id })).toEqual([]);
    const [row] = await t.engine.getExternalTasks({ processInstanceId: inst.id });
    expect(row).toMatchObject({ retries: 2, errorMessage: 'gateway down', workerId: null });
    t.clock.advance(29_000);
    expect(await fetch('w2', 'retry')).toEqual([]);
    t.clock.advance(1_001);
    const [again] = await fetch('w2', 'retry');
    expect(again).toMatchObject({ id: task!.id, retries: 2, errorMessage: 'gateway down' });
  });

  it('a failure without retryTimeout can be fetched again at once (Camunda: timeout 0)', async () => {
    await start('retry0');
    const [task] = await fetch('w1', 'retry0');
    await t.engine.handleExternalTaskFailure(task!.id, 'w1', { errorMessage: 'flaky', retries: 1 });
    const [again] = await fetch('w2', 'retry0');
    expect(again?.id).toBe(task!.id);
  });

  it('retries 0 raise an incident and stop fetching; setExternalTaskRetries resolves it', async () => {
    // given
    const inst = await start('noretry');
    const [task] = await fetch('w1', 'noretry');
    // when
    await t.engine.handleExternalTaskFailure(task!.id, 'w1', { errorMessage: 'card service gone', retries: 0 });
    // then
    const [incident] = await t.engine.getIncidents({ processInstanceId: inst.id });
    expect(incident).toMatchObject({ incidentType: 'failedExternalTask', activityId: 'charge', externalTaskId: task!.id, incidentMessage: 'card service gone' });
    t.clock.advance(LOCK * 2);
    expect(await fetch('w1', 'noretry')).toEqual([]);
    // when: an operator gives it another try
    await t.engine.setExternalTaskRetries(task!.id, 1);
    // then
    expect(await t.engine.getIncidents({ processInstanceId: inst.id })).toEqual([]);
    const [again] = await fetch('w1', 'noretry');
    expect(again?.id).toBe(task!.id);
    await t.engine.completeExternalTask(again!.id, 'w1');
    expect((await t.engine.getExternalTasks({ processInstanceId: inst.id })).map((x) => x.activityId)).toEqual(['notify']);
  });

  it('a BPMN error reported by the worker is caught by the error boundary event', async () => {
    // given
    const inst = await start('declined');
    const [task] = await fetch('w1', 'declined');
    // when
    await t.engine.handleExternalTaskBpmnError(task!.id, 'w1', 'CARD_DECLINED', 'insufficient funds', { lastTry: 'visa' });
    // then
    expect(await t.engine.getExternalTasks({ processInstanceId: inst.id })).toEqual([]);
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.taskDefinitionKey)).toEqual(['fixPayment']);
    expect(await t.engine.getVariables(inst.id)).toMatchObject({ lastTry: 'visa', reason: 'CARD_DECLINED', why: 'insufficient funds' });
    const charge = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'charge' });
    expect(charge.map((a) => a.state)).toEqual(['canceled']);
  });

  it('an uncaught BPMN error ends the token where it was thrown (Camunda 7)', async () => {
    // given: the send task has no error boundary event
    const inst = await start('uncaught');
    const [charge] = await fetch('w1', 'uncaught');
    await t.engine.completeExternalTask(charge!.id, 'w1');
    const [notify] = await fetch('w1', 'uncaught-notify');
    // when
    await t.engine.handleExternalTaskBpmnError(notify!.id, 'w1', 'NO_ADDRESS');
    // then
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'COMPLETED', errorCode: 'NO_ADDRESS' });
    expect(await t.engine.getExternalTasks({ processInstanceId: inst.id })).toEqual([]);
  });

  it('zeebe:taskDefinition type is the topic, its retries the initial retries', async () => {
    const inst = await t.engine.startProcess('zeebeExternal');
    const [row] = await t.engine.getExternalTasks({ processInstanceId: inst.id });
    expect(row).toMatchObject({ topicName: 'zeebe-ship', retries: 5, activityId: 'ship' });
    const [task] = await fetch('z', 'zeebe-ship');
    await t.engine.completeExternalTask(task!.id, 'z');
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
  });

  it('deleting the instance removes its external task', async () => {
    const inst = await start('deleted');
    await t.engine.deleteProcessInstance(inst.id);
    expect(await t.engine.getExternalTasks({ processInstanceId: inst.id })).toEqual([]);
    expect(await fetch('w1', 'deleted')).toEqual([]);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist?.state).toBe('EXTERNALLY_TERMINATED');
  });

  it('extendExternalTaskLock keeps the task; unlockExternalTask frees it for anyone', async () => {
    // given
    await start('extend');
    const [task] = await t.engine.fetchAndLock('w1', 1, [{ topicName: 'extend', lockDuration: 1000 }]);
    // when: the owner extends; another worker may not
    await t.engine.extendExternalTaskLock(task!.id, 'w1', 5000);
    await expect(t.engine.extendExternalTaskLock(task!.id, 'w2', 5000)).rejects.toMatchObject({ code: 'LZ_ERR_EXTERNAL_TASK_LOCKED' });
    t.clock.advance(2000);
    // then: still locked past the first expiry
    expect(await fetch('w2', 'extend')).toEqual([]);
    // when
    await t.engine.unlockExternalTask(task!.id);
    // then
    const [again] = await fetch('w2', 'extend');
    expect(again?.id).toBe(task!.id);
  });
});
