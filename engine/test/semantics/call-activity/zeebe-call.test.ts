import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

/** zeebe:calledElement: all parent variables go in; propagateAllChildVariables decides what comes back. */
describe('call activity with zeebe:calledElement', () => {
  let t: TestEngine;
  const childOf = async (parentId: string) => (await t.engine.getHistoricInstances({ superProcessInstanceId: parentId }))[0]!;
  const finishChild = async (childId: string, vars: Record<string, unknown>) => {
    const [task] = await t.engine.getTasks({ processInstanceId: childId });
    await t.engine.completeTask(task!.id, vars);
  };
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'zeebe-call.bpmn');
  });
  afterAll(() => t.close());

  it('propagateAllChildVariables="true": every child variable comes back', async () => {
    // given
    const parent = await t.engine.startProcess('zPropagate', { variables: { orderId: 'o-1' } });
    const child = await childOf(parent.id);
    expect(await t.engine.getVariables(child.id)).toEqual({ orderId: 'o-1' });
    // when
    await finishChild(child.id, { result: 3, note: 'from child' });
    // then
    expect(await t.engine.getVariables(parent.id)).toEqual({ orderId: 'o-1', result: 3, note: 'from child' });
    expect((await t.engine.getTasks({ processInstanceId: parent.id })).map((x) => x.taskDefinitionKey)).toEqual(['pAfter']);
  });

  it('propagateAllChildVariables="false": only the output mappings come back', async () => {
    // given
    const parent = await t.engine.startProcess('zMapped', { variables: { orderId: 'o-2' } });
    const child = await childOf(parent.id);
    expect(await t.engine.getVariables(child.id)).toMatchObject({ orderId: 'o-2', ref: 'o-2' });
    // when
    await finishChild(child.id, { result: 21, note: 'stays' });
    // then
    expect(await t.engine.getVariables(parent.id)).toEqual({ orderId: 'o-2', doubled: 42 });
    expect((await t.engine.getTasks({ processInstanceId: parent.id })).map((x) => x.taskDefinitionKey)).toEqual(['mAfter']);
  });
});
