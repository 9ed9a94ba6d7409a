import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const HOUR = 3_600_000;

describe('event sub-process', () => {
  let t: TestEngine;
  const keys = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey).sort();
  const complete = async (id: string, key: string) => t.engine.completeTask((await t.engine.getTasks({ processInstanceId: id, taskDefinitionKey: key }))[0]!.id);
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'event-subprocess.bpmn');
  });
  afterAll(() => t.close());

  it('its start events listen while the process runs', async () => {
    const inst = await t.engine.startProcess('order', { businessKey: 'listen' });
    const subs = await t.engine.getEventSubscriptions({ processInstanceId: inst.id });
    expect(subs.map((s) => [s.eventType, s.eventName, s.activityId])).toEqual([['message', 'cancel-order', 'cancelStart']]);
    const jobs = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(jobs.map((j) => [j.type, j.activityId])).toEqual([['timer', 'slowStart']]);
  });

  it('an interrupting one cancels the main flow and the other listeners', async () => {
    // given
    const inst = await t.engine.startProcess('order', { businessKey: 'cancel' });
    // when
    await t.engine.correlateMessage('cancel-order', { businessKey: 'cancel', variables: { why: 'changed mind' } });
    // then
    expect(await keys(inst.id)).toEqual(['refund']);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getVariables(inst.id)).toEqual({ why: 'changed mind' });
    // when
    await complete(inst.id, 'refund');
    // then
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'COMPLETED' });
    expect((await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'pack' })).map((a) => a.state)).toEqual(['canceled']);
  });

  it('a non-interrupting one runs beside the main flow; the process ends when both are done', async () => {
    // given
    const inst = await t.engine.startProcess('order', { businessKey: 'slow' });
    // when
    t.clock.advance(HOUR);
    await t.engine.runDueJobs();
    // then
    expect(await keys(inst.id)).toEqual(['pack', 'remind']);
    // the timer fired once, not again
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    // when
    await complete(inst.id, 'pack');
    // then: the reminder still runs, so does the instance — and the message listener is still there
    expect(await t.engine.getProcessInstance(inst.id)).not.toBeNull();
    await complete(inst.id, 'remind');
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
  });

  it('the process ending normally removes the listeners', async () => {
    const inst = await t.engine.startProcess('order', { businessKey: 'normal' });
    await complete(inst.id, 'pack');
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
  });
});
