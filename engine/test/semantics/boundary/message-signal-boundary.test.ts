import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, subs } from '../events/leftovers.ts';

const PACK_SUBS = ['message:cancel-order@cancelled', 'message:customer-question@question', 'signal:ping@pinged', 'signal:stop-all@stopped'];

describe('message and signal boundary events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'message-signal-boundary.bpmn');
  });
  afterAll(() => t.close());

  it('subscribes while the task is active', async () => {
    const inst = await t.engine.startProcess('orderHandling');
    expect(await subs(t.engine, inst.id)).toEqual(PACK_SUBS);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('interrupting message: the task is cancelled, every boundary subscription of it goes', async () => {
    // given
    const inst = await t.engine.startProcess('orderHandling', { businessKey: 'o-1' });
    // when
    await t.engine.correlateMessage('cancel-order', { businessKey: 'o-1', variables: { reason: 'late' } });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['refund']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
    expect(await t.engine.getVariables(inst.id)).toEqual({ reason: 'late' });
    const [pack] = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'pack' });
    expect(pack!.state).toBe('canceled');
    await t.engine.deleteProcessInstance(inst.id);
  });

  it('non-interrupting message: fires each time, the task stays and keeps listening', async () => {
    // given
    const inst = await t.engine.startProcess('orderHandling', { businessKey: 'o-2' });
    // when
    await t.engine.correlateMessage('customer-question', { businessKey: 'o-2' });
    await t.engine.correlateMessage('customer-question', { businessKey: 'o-2' });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['answer', 'answer', 'pack']);
    expect(await subs(t.engine, inst.id)).toEqual(PACK_SUBS);
    // when: the task completes
    await complete(t.engine, inst.id, 'pack');
    // then: it no longer listens
    expect(await subs(t.engine, inst.id)).toEqual([]);
    await expect(t.engine.correlateMessage('customer-question', { businessKey: 'o-2' })).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_NOT_CORRELATED' });
    expect(await openTasks(t.engine, inst.id)).toEqual(['answer', 'answer', 'ship']);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('interrupting signal: every instance waiting in the task is stopped', async () => {
    // given
    const a = await t.engine.startProcess('orderHandling');
    const b = await t.engine.startProcess('orderHandling');
    // when
    const delivered = await t.engine.broadcastSignal('stop-all');
    // then
    expect(delivered).toBe(2);
    for (const i of [a, b]) {
      await expectGone(t.engine, i.id);
      const [h] = await t.engine.getHistoricInstances({ processInstanceId: i.id });
      expect(h).toMatchObject({ state: 'COMPLETED', endActivityId: 'stopEnd' });
    }
  });

  it('non-interrupting signal: a new token beside the task, which stays', async () => {
    // given
    const inst = await t.engine.startProcess('orderHandling');
    // when
    await t.engine.broadcastSignal('ping');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['pack', 'pong']);
    expect(await subs(t.engine, inst.id)).toEqual(PACK_SUBS);
    // when: interrupting after a non-interrupting one
    await t.engine.broadcastSignal('stop-all');
    // then: the pong token is outside the task and survives
    expect(await openTasks(t.engine, inst.id)).toEqual(['pong']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
    await complete(t.engine, inst.id, 'pong');
    await expectGone(t.engine, inst.id);
  });
});
