import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const HOUR = 3_600_000;

/** Event-based gateway (BPMN 2.0 §13.3.5): the first event wins, the others stop waiting. */
describe('event-based gateway', () => {
  let t: TestEngine;
  const keys = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey);
  const expectNothingWaiting = async (id: string) => {
    expect(await t.engine.getEventSubscriptions({ processInstanceId: id })).toEqual([]);
    expect(await t.engine.getJobs({ processInstanceId: id })).toEqual([]);
    expect((await t.engine.getExecutions(id)).filter((e) => e.activityId === 'gw')).toEqual([]);
  };
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'event-based.bpmn');
  });
  afterAll(() => t.close());

  it('waits at the gateway for all three events', async () => {
    const inst = await t.engine.startProcess('race', { businessKey: 'wait' });
    const subs = await t.engine.getEventSubscriptions({ processInstanceId: inst.id });
    expect(subs.map((s) => [s.eventType, s.eventName, s.activityId]).sort()).toEqual([
      ['message', 'approved', 'onMessage'],
      ['signal', 'abort-all', 'onSignal'],
    ]);
    const [timer] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(timer).toMatchObject({ type: 'timer', activityId: 'onTimer' });
    expect(timer!.dueDate.getTime()).toBe(t.clock.now().getTime() + HOUR);
    const execs = await t.engine.getExecutions(inst.id);
    expect(execs.filter((e) => e.activityId === 'gw').map((e) => e.state)).toEqual(['waiting']);
    await t.engine.deleteProcessInstance(inst.id);
    await expectNothingWaiting(inst.id);
  });

  it('the message first: the timer and the signal subscription are removed', async () => {
    // given
    const inst = await t.engine.startProcess('race', { businessKey: 'msg' });
    // when
    await t.engine.correlateMessage('approved', { businessKey: 'msg', variables: { by: 'boss' } });
    // then
    expect(await keys(inst.id)).toEqual(['gotMessage']);
    expect(await t.engine.getVariables(inst.id)).toEqual({ by: 'boss' });
    await expectNothingWaiting(inst.id);
    // later events find nothing
    t.clock.advance(HOUR);
    expect(await t.engine.runDueJobs()).toBe(0);
    expect(await t.engine.broadcastSignal('abort-all')).toBe(0);
    expect(await keys(inst.id)).toEqual(['gotMessage']);
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.map((a) => a.activityId)).toEqual(['s', 'gw', 'onMessage', 'gotMessage']);
  });

  it('the timer first: the message and signal subscriptions are removed', async () => {
    // given
    const inst = await t.engine.startProcess('race', { businessKey: 'timer' });
    // when
    t.clock.advance(HOUR);
    await t.engine.runDueJobs();
    // then
    expect(await keys(inst.id)).toEqual(['gotTimer']);
    await expectNothingWaiting(inst.id);
    await expect(t.engine.correlateMessage('approved', { businessKey: 'timer' })).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_NOT_CORRELATED' });
  });

  it('the signal first: the message subscription and the timer are removed', async () => {
    // given
    const inst = await t.engine.startProcess('race', { businessKey: 'sig' });
    // when
    const delivered = await t.engine.broadcastSignal('abort-all');
    // then
    expect(delivered).toBe(1);
    expect(await keys(inst.id)).toEqual(['gotSignal']);
    await expectNothingWaiting(inst.id);
  });
});
