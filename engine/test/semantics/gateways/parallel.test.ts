import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

describe('parallel gateway', () => {
  let t: TestEngine;
  const keys = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey).sort();
  const complete = async (id: string, key: string) => {
    const [task] = await t.engine.getTasks({ processInstanceId: id, taskDefinitionKey: key });
    await t.engine.completeTask(task!.id);
  };
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'parallel.bpmn');
  });
  afterAll(() => t.close());

  it('forks into every branch and joins when each incoming flow has a token', async () => {
    // given
    const inst = await t.engine.startProcess('forkJoin');
    expect(await keys(inst.id)).toEqual(['a', 'b']);
    // when: one branch arrives
    await complete(inst.id, 'a');
    // then: it waits at the join
    expect(await keys(inst.id)).toEqual(['b']);
    const joining = (await t.engine.getExecutions(inst.id)).filter((e) => e.activityId === 'join');
    expect(joining.map((e) => e.state)).toEqual(['joining']);
    // when: the other arrives
    await complete(inst.id, 'b');
    // then: one token goes on
    expect(await keys(inst.id)).toEqual(['c']);
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['c', 'forkJoin']);
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'c' })).toHaveLength(1);
  });

  it('nested fork/join pairs', async () => {
    // given
    const inst = await t.engine.startProcess('nested');
    expect(await keys(inst.id)).toEqual(['left', 'r1', 'r2']);
    // when
    await complete(inst.id, 'r1');
    await complete(inst.id, 'left');
    // then: the outer join still waits for the inner one
    expect(await t.engine.getProcessInstance(inst.id)).not.toBeNull();
    await complete(inst.id, 'r2');
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'COMPLETED', endActivityId: 'ne' });
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'ne' })).toHaveLength(1);
  });

  it('unbalanced: three branches joined two, then one', async () => {
    const inst = await t.engine.startProcess('unbalanced');
    expect(await keys(inst.id)).toEqual(['x', 'y', 'z']);
    await complete(inst.id, 'z');
    await complete(inst.id, 'x');
    expect(await keys(inst.id)).toEqual(['y']);
    await complete(inst.id, 'y');
    expect(await keys(inst.id)).toEqual(['xy']);
    await complete(inst.id, 'xy');
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect(await t.engine.getExecutions(inst.id)).toEqual([]);
  });

  it('conditions on the flows out of a parallel gateway are ignored (BPMN 2.0 §13.3.4)', async () => {
    const inst = await t.engine.startProcess('conditionsIgnored');
    expect(await keys(inst.id)).toEqual(['p', 'q']);
  });

  it('deleting an instance with a token waiting at the join removes every execution', async () => {
    const inst = await t.engine.startProcess('forkJoin');
    await complete(inst.id, 'a');
    await t.engine.deleteProcessInstance(inst.id);
    expect(await t.engine.getExecutions(inst.id)).toEqual([]);
    expect(await t.engine.getTasks({ processInstanceId: inst.id })).toEqual([]);
    const open = (await t.engine.getHistoricActivities({ processInstanceId: inst.id })).filter((a) => a.endTime === null);
    expect(open).toEqual([]);
  });
});
