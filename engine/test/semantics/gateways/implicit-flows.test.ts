import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

/** Uncontrolled flow (BPMN 2.0 §13.2.1): activities merge and split without gateways. */
describe('implicit merge and split', () => {
  let t: TestEngine;
  const keys = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey).sort();
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'implicit-flows.bpmn');
  });
  afterAll(() => t.close());

  it('an activity with two incoming flows runs once per arriving token', async () => {
    // when
    const inst = await t.engine.startProcess('uncontrolledMerge');
    // then
    expect(await keys(inst.id)).toEqual(['merged', 'merged']);
    // when: the first completes, the instance goes on with the other
    const [first, second] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(first!.id);
    expect(await t.engine.getProcessInstance(inst.id)).not.toBeNull();
    await t.engine.completeTask(second!.id);
    // then
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'e' })).toHaveLength(2);
  });

  it('an activity with two unconditional outgoing flows forks', async () => {
    const inst = await t.engine.startProcess('implicitSplit');
    expect(await keys(inst.id)).toEqual(['x', 'y']);
  });

  it('conditional flows out of a task: every one that holds is taken', async () => {
    const inst = await t.engine.startProcess('taskConditions');
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(task!.id, { priority: 9, amount: 5000 });
    expect(await keys(inst.id)).toEqual(['audit', 'urgent']);
  });

  it('one condition holds: only that flow, not the default', async () => {
    const inst = await t.engine.startProcess('taskConditions');
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(task!.id, { priority: 1, amount: 5000 });
    expect(await keys(inst.id)).toEqual(['audit']);
  });

  it('no condition holds: the default flow', async () => {
    const inst = await t.engine.startProcess('taskConditions');
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(task!.id, { priority: 1, amount: 5 });
    expect(await keys(inst.id)).toEqual(['normal']);
  });

  it('a task whose only flow is false and without default: LZ_ERR_NO_OUTGOING_FLOW (Camunda ENGINE-02004)', async () => {
    await expect(t.engine.startProcess('taskNoFlow')).rejects.toMatchObject({ code: 'LZ_ERR_NO_OUTGOING_FLOW' });
    expect(await t.engine.getProcessInstances({ processDefinitionKey: 'taskNoFlow' })).toEqual([]);
  });
});
