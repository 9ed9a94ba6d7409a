import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

describe('exclusive gateway', () => {
  let t: TestEngine;
  const taskKeys = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey);
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'exclusive.bpmn');
  });
  afterAll(() => t.close());

  it('takes the first flow in document order whose condition holds, only that one', async () => {
    // x = 20: both 'toHuge' and 'toBig' hold; the first one wins (BPMN 2.0 §13.3.2)
    const inst = await t.engine.startProcess('xor', { variables: { x: 20 } });
    expect(await taskKeys(inst.id)).toEqual(['huge']);
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.map((a) => a.activityId)).toEqual(['start', 'choose', 'huge']);
  });

  it('a later flow when the earlier condition is false', async () => {
    const inst = await t.engine.startProcess('xor', { variables: { x: 7 } });
    expect(await taskKeys(inst.id)).toEqual(['big']);
  });

  it('the default flow when no condition holds', async () => {
    const inst = await t.engine.startProcess('xor', { variables: { x: 1 } });
    expect(await taskKeys(inst.id)).toEqual(['small']);
  });

  it('no flow can be taken at the start: LZ_ERR_NO_OUTGOING_FLOW and nothing is stored', async () => {
    // when
    const err = await t.engine.startProcess('xorAtStart', { variables: { x: 1 } }).catch((e: unknown) => e);
    // then
    expect(err).toMatchObject({ code: 'LZ_ERR_NO_OUTGOING_FLOW', kind: 'invalid' });
    expect(await t.engine.getProcessInstances({ processDefinitionKey: 'xorAtStart' })).toEqual([]);
    expect(await t.engine.getHistoricInstances({ processDefinitionKey: 'xorAtStart' })).toEqual([]);
    expect(await t.engine.getTasks({ processDefinitionKey: 'xorAtStart' })).toEqual([]);
  });

  it('no flow can be taken after a task: the completion fails and the task stays as it was', async () => {
    // given
    const inst = await t.engine.startProcess('xorNoDefault');
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    // when: the answer is neither 'yes' nor 'no'
    const err = await t.engine.completeTask(task!.id, { answer: 'later' }).catch((e: unknown) => e);
    // then
    expect(err).toMatchObject({ code: 'LZ_ERR_NO_OUTGOING_FLOW' });
    expect(await t.engine.getTask(task!.id)).not.toBeNull();
    expect(await t.engine.getVariables(inst.id)).toEqual({});
    expect((await t.engine.getHistoricTasks({ processInstanceId: inst.id }))[0]?.endTime).toBeNull();
    // when: a valid answer
    await t.engine.completeTask(task!.id, { answer: 'no' });
    // then
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'COMPLETED', endActivityId: 'no' });
  });

  it('a condition that is not boolean is an error, not false (Camunda: "condition expression returns non-Boolean")', async () => {
    await expect(t.engine.startProcess('xorNotBoolean', { variables: { label: 'abc' } })).rejects.toMatchObject({ code: 'LZ_ERR_CONDITION_NOT_BOOLEAN' });
    expect(await t.engine.getProcessInstances({ processDefinitionKey: 'xorNotBoolean' })).toEqual([]);
    const ok = await t.engine.startProcess('xorNotBoolean', { variables: { label: true } });
    expect(await taskKeys(ok.id)).toEqual(['t4']);
  });
});
