import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, path } from '../events/leftovers.ts';

const LOCK = 60_000;

describe('error boundary events', () => {
  let t: TestEngine;
  const fetchOne = async (topicName: string) => {
    const locked = await t.engine.fetchAndLock('worker', 1, [{ topicName, lockDuration: LOCK }]);
    expect(locked).toHaveLength(1);
    return locked[0]!;
  };
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'error-boundary.bpmn');
  });
  afterAll(() => t.close());

  it('catches a BpmnError thrown by a JavaScript script task, with code and message variables', async () => {
    // when
    const inst = await t.engine.startProcess('scriptError', { variables: { fail: true, code: 'PAY_FAILED' } });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['handlePay']);
    const vars = await t.engine.getVariables(inst.id);
    expect(vars).toMatchObject({ errCode: 'PAY_FAILED', errMsg: 'card declined' });
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getIncidents({ processInstanceId: inst.id })).toEqual([]);
    expect(await path(t.engine, inst.id)).toEqual(['start', 'charge', 'payFailed', 'handlePay']);
    await complete(t.engine, inst.id, 'handlePay');
    await expectGone(t.engine, inst.id);
  });

  it('variables the script set before throwing are kept (Camunda: execution.setVariable is not undone)', async () => {
    const inst = await t.engine.startProcess('scriptError', { variables: { fail: true, code: 'PAY_FAILED' } });
    expect(await t.engine.getVariables(inst.id)).toMatchObject({ tried: true });
  });

  it('without an error the script task leaves normally', async () => {
    const inst = await t.engine.startProcess('scriptError', { variables: { fail: false, code: 'PAY_FAILED' } });
    expect(await openTasks(t.engine, inst.id)).toEqual(['paid']);
    expect(await t.engine.getVariables(inst.id)).toEqual({ fail: false, code: 'PAY_FAILED', tried: true });
  });

  it('a BpmnError with another code is not caught: the token ends and history keeps the code', async () => {
    // when
    const inst = await t.engine.startProcess('scriptError', { variables: { fail: true, code: 'OTHER' } });
    // then
    expect(inst.ended).toBe(true);
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist!.errorCode).toBe('OTHER');
  });

  it('catches handleExternalTaskBpmnError, with the worker variables, code and message', async () => {
    // given
    const inst = await t.engine.startProcess('externalError');
    const task = await fetchOne('payment.charge');
    // when
    await t.engine.handleExternalTaskBpmnError(task.id, 'worker', 'CARD_EXPIRED', 'expired 01/25', { lastDigits: '4242' });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['handleRemote']);
    expect(await t.engine.getExternalTasks({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getVariables(inst.id)).toEqual({ errCode: 'CARD_EXPIRED', errMsg: 'expired 01/25', lastDigits: '4242' });
    await complete(t.engine, inst.id, 'handleRemote');
    await expectGone(t.engine, inst.id);
  });

  it('an external task BPMN error nobody catches ends only that token', async () => {
    // given
    const inst = await t.engine.startProcess('externalSpecific');
    const task = await fetchOne('payment.specific');
    // when
    await t.engine.handleExternalTaskBpmnError(task.id, 'worker', 'UNKNOWN_CODE');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['other3']);
    expect(await t.engine.getExternalTasks({ processInstanceId: inst.id })).toEqual([]);
    await complete(t.engine, inst.id, 'other3');
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist!.errorCode).toBe('UNKNOWN_CODE');
  });

  it('an external task BPMN error with the matching code is caught by the specific boundary', async () => {
    const inst = await t.engine.startProcess('externalSpecific');
    const task = await fetchOne('payment.specific');
    await t.engine.handleExternalTaskBpmnError(task.id, 'worker', 'PAY_FAILED');
    expect(await openTasks(t.engine, inst.id)).toEqual(['handle3', 'other3']);
    await t.engine.deleteProcessInstance(inst.id);
  });

  it('the error message variable is empty when the error has no camunda:errorMessage (its name is not a message)', async () => {
    const inst = await t.engine.startProcess('namedError');
    expect(await openTasks(t.engine, inst.id)).toEqual(['handle4']);
    const vars = await t.engine.getVariables(inst.id);
    expect(vars.errCode).toBe('NAMED');
    expect(vars.errMsg ?? null).toBeNull();
  });
});
