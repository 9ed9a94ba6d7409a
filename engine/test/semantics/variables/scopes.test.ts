import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Variable scopes as in Camunda 7: input mappings make local variables of the activity's
// scope (shadowing outer ones); setVariable writes where the variable exists, else on the
// process instance; setVariableLocal writes on the execution itself.

describe('variable scopes', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'scopes.bpmn');
  });
  afterAll(() => t.close());

  const names = (vars: { name: string }[]) => vars.map((v) => v.name).sort();

  it('sub-process inputs are local, shadow outer variables, and go with the scope', async () => {
    // given
    const inst = await t.engine.startProcess('scoped', { variables: { budget: 100 } });
    const sub = (await t.engine.getExecutions(inst.id)).find((e) => e.activityId === 'sub')!;
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    // then: the inputs sit on the sub-process scope; the task sees the nearest budget
    expect(await t.engine.getVariables(inst.id, sub.id)).toEqual({ limit: 50, budget: 90 });
    expect(await t.engine.getVariables(inst.id)).toEqual({ budget: 100 });
    expect(task?.name).toBe('Spend within 50');
    // when: completing writes an existing name where it lives, a new name on the instance
    await t.engine.completeTask(task!.id, { budget: 70, limit: 45, spent: 20 });
    // then: the local budget took 70 (history shows it), the outer one kept 100
    const updates = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'budget' });
    expect(updates.map((u) => [u.scopeId === sub.id ? 'sub' : u.scopeId === inst.id ? 'instance' : u.scopeId, u.operation, u.value])).toEqual([
      ['instance', 'create', 100],
      ['sub', 'create', 90],
      ['sub', 'update', 70],
    ]);
    expect(await t.engine.getVariables(inst.id)).toEqual({ budget: 100, spent: 20 });
    expect((await t.engine.getTypedVariables(inst.id)).every((v) => v.scopeId === inst.id)).toBe(true);
    await t.engine.deleteProcessInstance(inst.id);
  });

  it('multi-instance: loopCounter and the element variable per inner instance, counters on the body', async () => {
    // given
    const inst = await t.engine.startProcess('fanOut', { variables: { items: ['a', 'b', 'c'] } });
    const execs = await t.engine.getExecutions(inst.id);
    const body = execs.find((e) => e.activityId === 'check' && e.kind === 'mi-body')!;
    const tasks = await t.engine.getTasks({ processInstanceId: inst.id });
    // then
    expect(await t.engine.getVariables(inst.id, body.id)).toEqual({ nrOfInstances: 3, nrOfActiveInstances: 3, nrOfCompletedInstances: 0 });
    const inner = await Promise.all(tasks.map((x) => t.engine.getVariables(inst.id, x.executionId)));
    expect(inner.map((v) => [v.loopCounter, v.item]).sort()).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ]);
    expect(tasks.map((x) => x.name).sort()).toEqual(['Check a', 'Check b', 'Check c']);
    // when: a result is set locally on one inner instance, another plainly
    const first = tasks.find((x) => x.name === 'Check a')!;
    await t.engine.setVariables(inst.id, { verdict: 'fine' }, { executionId: first.executionId, local: true });
    await t.engine.setVariables(inst.id, { seen: true }, { executionId: first.executionId });
    // then
    expect(await t.engine.getVariables(inst.id, first.executionId)).toEqual({ loopCounter: 0, item: 'a', verdict: 'fine' });
    expect(await t.engine.getVariables(inst.id)).toEqual({ items: ['a', 'b', 'c'], seen: true });
    // when
    await t.engine.completeTask(first.id);
    // then: the body counts it; the inner scope's variables are gone
    expect(await t.engine.getVariables(inst.id, body.id)).toEqual({ nrOfInstances: 3, nrOfActiveInstances: 2, nrOfCompletedInstances: 1 });
    expect(await t.engine.getVariables(inst.id, first.executionId)).toEqual({});
    for (const x of tasks.filter((y) => y.id !== first.id)) await t.engine.completeTask(x.id);
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect(names(await t.engine.getTypedVariables(inst.id))).toEqual([]);
  });

  it('setVariables with local:true on an execution writes there; without it, on the instance', async () => {
    // given
    const inst = await t.engine.startProcess('scoped', { variables: { budget: 10 } });
    const sub = (await t.engine.getExecutions(inst.id)).find((e) => e.activityId === 'sub')!;
    // when
    await t.engine.setVariables(inst.id, { mark: 'local' }, { executionId: sub.id, local: true });
    await t.engine.setVariables(inst.id, { other: 'global' }, { executionId: sub.id });
    // then
    expect(await t.engine.getVariables(inst.id, sub.id)).toEqual({ limit: 5, budget: 0, mark: 'local' });
    expect(await t.engine.getVariables(inst.id)).toEqual({ budget: 10, other: 'global' });
    await expect(t.engine.setVariables(inst.id, { x: 1 }, { executionId: 'no-such-execution', local: true })).rejects.toMatchObject({ code: 'LZ_ERR_EXECUTION_NOT_FOUND' });
    await t.engine.deleteProcessInstance(inst.id);
  });
});
