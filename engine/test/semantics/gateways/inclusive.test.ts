import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

/**
 * Inclusive gateway (BPMN 2.0 §13.3.3): the split takes every flow whose condition holds (else
 * the default); the join fires when no token that has not yet arrived can still reach it.
 */
describe('inclusive gateway', () => {
  let t: TestEngine;
  const keys = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey).sort();
  const complete = async (id: string, key: string, vars?: Record<string, unknown>) => {
    const [task] = await t.engine.getTasks({ processInstanceId: id, taskDefinitionKey: key });
    await t.engine.completeTask(task!.id, vars);
  };
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'inclusive.bpmn');
  });
  afterAll(() => t.close());

  it('forks on every true condition and joins both', async () => {
    // given
    const inst = await t.engine.startProcess('orSplitJoin', { variables: { wantA: true, wantB: true } });
    expect(await keys(inst.id)).toEqual(['a', 'b']);
    // when
    await complete(inst.id, 'b');
    // then: 'a' can still arrive
    expect(await keys(inst.id)).toEqual(['a']);
    await complete(inst.id, 'a');
    expect(await keys(inst.id)).toEqual(['after']);
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'after' })).toHaveLength(1);
    expect((await t.engine.getExecutions(inst.id)).filter((e) => e.activityId === 'join')).toEqual([]);
  });

  it('takes the default flow when no condition holds', async () => {
    const inst = await t.engine.startProcess('orSplitJoin', { variables: { wantA: false, wantB: false } });
    expect(await keys(inst.id)).toEqual(['c']);
    await complete(inst.id, 'c');
    expect(await keys(inst.id)).toEqual(['after']);
  });

  it('the join fires at once when the other branch was not taken', async () => {
    // given
    const inst = await t.engine.startProcess('orSplitJoin', { variables: { wantA: true, wantB: false } });
    expect(await keys(inst.id)).toEqual(['a']);
    // when
    await complete(inst.id, 'a');
    // then
    expect(await keys(inst.id)).toEqual(['after']);
  });

  it('waits for a token still going round a loop upstream', async () => {
    // given
    const inst = await t.engine.startProcess('orLoop');
    expect(await keys(inst.id)).toEqual(['side', 'work']);
    // when: the side branch arrives first
    await complete(inst.id, 'side');
    // then
    expect(await keys(inst.id)).toEqual(['work']);
    // when: the loop goes round again
    await complete(inst.id, 'work', { redo: true });
    // then: still waiting
    expect(await keys(inst.id)).toEqual(['work']);
    expect((await t.engine.getExecutions(inst.id)).filter((e) => e.activityId === 'ljoin').map((e) => e.state)).toEqual(['joining']);
    // when: the loop is left
    await complete(inst.id, 'work', { redo: false });
    // then: the join fires once
    expect(await keys(inst.id)).toEqual(['lafter']);
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'lafter' })).toHaveLength(1);
  });

  it('waits for a token inside a sub-process upstream', async () => {
    // given
    const inst = await t.engine.startProcess('orSubProcess');
    expect(await keys(inst.id)).toEqual(['inner', 'quick']);
    // when
    await complete(inst.id, 'quick');
    // then
    expect(await keys(inst.id)).toEqual(['inner']);
    // when
    await complete(inst.id, 'inner');
    // then
    expect(await keys(inst.id)).toEqual(['safter']);
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['orSubProcess', 'safter']);
  });

  it('the sub-process branch first: the join waits for the plain task', async () => {
    const inst = await t.engine.startProcess('orSubProcess');
    await complete(inst.id, 'inner');
    expect(await keys(inst.id)).toEqual(['quick']);
    await complete(inst.id, 'quick');
    expect(await keys(inst.id)).toEqual(['safter']);
  });
});
