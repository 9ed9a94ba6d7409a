import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda 7 history level FULL: every variable change is a HistoricVariableUpdate with the
// value, type and revision it had, in order; a removal is recorded too.

const TWO_STEPS = `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="a" />
  <userTask id="a" /><sequenceFlow id="f2" sourceRef="a" targetRef="b" />
  <userTask id="b" /><sequenceFlow id="f3" sourceRef="b" targetRef="e" /><endEvent id="e" />`;

describe('variable history', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployInline(t.engine, 'twoSteps', TWO_STEPS);
  });
  afterAll(() => t.close());

  it('records create, update and delete with revisions and times, in order', async () => {
    // given
    const inst = await t.engine.startProcess('twoSteps', { variables: { status: 'new', count: 1 } });
    // when
    t.clock.advance(1000);
    await t.engine.setVariables(inst.id, { status: 'checked' });
    const [a] = await t.engine.getTasks({ processInstanceId: inst.id });
    t.clock.advance(1000);
    await t.engine.completeTask(a!.id, { status: 'approved', count: 2.5 });
    t.clock.advance(1000);
    expect(await t.engine.removeVariable(inst.id, 'count')).toBe(true);
    // then
    const updates = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id });
    expect(updates.map((u) => [u.name, u.operation, u.revision, u.type, u.value, u.time.getTime() - T0])).toEqual([
      ['status', 'create', 1, 'String', 'new', 0],
      ['count', 'create', 1, 'Integer', 1, 0],
      ['status', 'update', 2, 'String', 'checked', 1000],
      ['status', 'update', 3, 'String', 'approved', 2000],
      ['count', 'update', 2, 'Double', 2.5, 2000],
      ['count', 'delete', 2, 'Double', null, 3000],
    ]);
    expect(updates.every((u) => u.scopeId === inst.id && u.processInstanceId === inst.id)).toBe(true);
    expect(await t.engine.getVariables(inst.id)).toEqual({ status: 'approved' });
  });

  it('filters by name; removing a variable that does not exist records nothing', async () => {
    const inst = await t.engine.startProcess('twoSteps', { variables: { a: 1, b: 2 } });
    expect(await t.engine.removeVariable(inst.id, 'missing')).toBe(false);
    const onlyB = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'b' });
    expect(onlyB.map((u) => [u.name, u.operation])).toEqual([['b', 'create']]);
    expect(await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'missing' })).toEqual([]);
  });

  it('keeps the history after the instance has ended', async () => {
    const inst = await t.engine.startProcess('twoSteps', { variables: { keep: 'me' } });
    for (let i = 0; i < 2; i++) {
      const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
      await t.engine.completeTask(task!.id, { step: i });
    }
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect(await t.engine.getTypedVariables(inst.id)).toEqual([]);
    await expect(t.engine.setVariables(inst.id, { late: 1 })).rejects.toMatchObject({ code: 'LZ_ERR_INSTANCE_NOT_FOUND' });
    const updates = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id });
    expect(updates.map((u) => [u.name, u.operation, u.value])).toEqual([
      ['keep', 'create', 'me'],
      ['step', 'create', 0],
      ['step', 'update', 1],
    ]);
  });
});
