import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

describe('embedded sub-process', () => {
  let t: TestEngine;
  const keys = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey).sort();
  const task = async (id: string, key: string) => (await t.engine.getTasks({ processInstanceId: id, taskDefinitionKey: key }))[0]!;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'embedded.bpmn');
  });
  afterAll(() => t.close());

  it('input mappings are local to the sub-process; outputs go to the parent', async () => {
    // given
    const inst = await t.engine.startProcess('subVars', { variables: { amount: 50 } });
    const sub = (await t.engine.getExecutions(inst.id)).find((e) => e.activityId === 'review')!;
    expect(sub.state).toBe('scope');
    // then: the sub-process has its own variables, the instance does not see them
    expect(await t.engine.getVariables(inst.id, sub.id)).toEqual({ limit: 100, note: 'local only' });
    expect(await t.engine.getVariables(inst.id)).toEqual({ amount: 50 });
    // when: the inner task updates the local variable and creates a new one
    await t.engine.completeTask((await task(inst.id, 'check')).id, { limit: 80, comment: 'fine' });
    // then: the local ones are gone with the sub-process, the output mapping and the new variable stay
    expect(await keys(inst.id)).toEqual(['after']);
    expect(await t.engine.getVariables(inst.id)).toEqual({ amount: 50, comment: 'fine', approvedLimit: 80 });
    expect((await t.engine.getTypedVariables(inst.id)).every((v) => v.scopeId === inst.id)).toBe(true);
    const hist = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'review' });
    expect(hist.map((h) => [h.activityType, h.state])).toEqual([['subProcess', 'completed']]);
  });

  it('the inner activities are children of the sub-process in the activity tree', async () => {
    const inst = await t.engine.startProcess('subVars', { variables: { amount: 1 } });
    const tree = await t.engine.getActivityTree(inst.id);
    expect(tree?.childActivityInstances.map((c) => c.activityId)).toEqual(['review']);
    expect(tree?.childActivityInstances[0]?.childActivityInstances.map((c) => c.activityId)).toEqual(['check']);
  });

  it('an interrupting boundary event on the sub-process cancels everything inside', async () => {
    // given
    const inst = await t.engine.startProcess('subVars', { variables: { amount: 5 }, businessKey: 'stop-me' });
    const [inner] = await t.engine.getTasks({ processInstanceId: inst.id });
    // when
    await t.engine.correlateMessage('stop-review', { businessKey: 'stop-me' });
    // then
    expect(await keys(inst.id)).toEqual(['stopped']);
    expect(await t.engine.getTask(inner!.id)).toBeNull();
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['stopped', 'subVars']);
    expect(await t.engine.getVariables(inst.id)).toEqual({ amount: 5 });
    const states = (await t.engine.getHistoricActivities({ processInstanceId: inst.id })).filter((a) => ['review', 'check'].includes(a.activityId));
    expect(states.map((a) => a.state)).toEqual(['canceled', 'canceled']);
    const [histTask] = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'check' });
    expect(histTask?.endTime).not.toBeNull();
    expect(histTask?.deleteReason).not.toBe('completed');
  });

  it('completing the sub-process removes its boundary subscription', async () => {
    const inst = await t.engine.startProcess('subVars', { variables: { amount: 5 } });
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toHaveLength(1);
    await t.engine.completeTask((await task(inst.id, 'check')).id);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
  });

  it('without a start event every node without incoming flow starts; it completes when no token is left', async () => {
    // given
    const inst = await t.engine.startProcess('subNoStart');
    expect(await keys(inst.id)).toEqual(['p1', 'p2']);
    // when
    await t.engine.completeTask((await task(inst.id, 'p1')).id);
    await t.engine.completeTask((await task(inst.id, 'p2')).id);
    // then: p3 still runs inside
    expect(await keys(inst.id)).toEqual(['p3']);
    // when
    await t.engine.completeTask((await task(inst.id, 'p3')).id);
    // then
    expect(await keys(inst.id)).toEqual(['done']);
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'both' })).toHaveLength(1);
  });
});
