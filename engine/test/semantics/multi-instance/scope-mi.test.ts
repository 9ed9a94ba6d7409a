import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const ORDERS = ['o1', 'o2', 'o3'];

describe('multi-instance sub-process and call activity', () => {
  let t: TestEngine;
  const tasks = (id: string, key?: string) => t.engine.getTasks({ processInstanceId: id, taskDefinitionKey: key });
  const children = (id: string) => t.engine.getHistoricInstances({ superProcessInstanceId: id });
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'scope-mi.bpmn');
  });
  afterAll(() => t.close());

  it('parallel sub-process: one scope per element, each runs its own flow', async () => {
    // given
    const inst = await t.engine.startProcess('miSub', { variables: { orders: ORDERS } });
    expect((await tasks(inst.id, 'pack')).map((x) => x.name)).toEqual(ORDERS);
    // when: o2 goes through both of its steps, the others only the first
    const pack = await tasks(inst.id, 'pack');
    for (const x of pack) await t.engine.completeTask(x.id);
    const o2 = (await tasks(inst.id, 'label')).find((x) => x.name === 'o2')!;
    await t.engine.completeTask(o2.id);
    // then
    expect((await tasks(inst.id, 'label')).map((x) => x.name)).toEqual(['o1', 'o3']);
    expect(await tasks(inst.id, 'shipAll')).toEqual([]);
    // when
    for (const x of await tasks(inst.id, 'label')) await t.engine.completeTask(x.id);
    // then
    expect((await tasks(inst.id)).map((x) => x.taskDefinitionKey)).toEqual(['shipAll']);
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['miSub', 'shipAll']);
    expect(await t.engine.getVariables(inst.id)).toEqual({ orders: ORDERS });
  });

  it('sequential sub-process: the next scope starts when the previous one ended', async () => {
    const inst = await t.engine.startProcess('miSubSeq', { variables: { orders: ORDERS } });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const list = await tasks(inst.id, 'check');
      expect(list).toHaveLength(1);
      seen.push(list[0]!.name!);
      await t.engine.completeTask(list[0]!.id);
    }
    expect(seen).toEqual(ORDERS);
    expect((await tasks(inst.id)).map((x) => x.taskDefinitionKey)).toEqual(['afterTurns']);
  });

  it('parallel call activity: one child per element, each with its element and loopCounter mapped in', async () => {
    // given
    const inst = await t.engine.startProcess('miCallParallel', { variables: { orders: ORDERS } });
    const started = await children(inst.id);
    expect(started).toHaveLength(3);
    const vars = await Promise.all(started.map((c) => t.engine.getVariables(c.id)));
    expect(vars.sort((a, b) => Number(a.index) - Number(b.index))).toEqual([
      { item: 'o1', index: 0 },
      { item: 'o2', index: 1 },
      { item: 'o3', index: 2 },
    ]);
    // when: the children end one by one
    for (const c of started.slice(0, 2)) await t.engine.completeTask((await tasks(c.id))[0]!.id);
    expect(await tasks(inst.id)).toEqual([]);
    await t.engine.completeTask((await tasks(started[2]!.id))[0]!.id);
    // then
    expect((await tasks(inst.id)).map((x) => x.taskDefinitionKey)).toEqual(['afterCalls']);
    expect((await children(inst.id)).map((c) => c.state)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
  });

  it('sequential call activity: one child at a time', async () => {
    const inst = await t.engine.startProcess('miCallSequential', { variables: { orders: ORDERS } });
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const running = (await children(inst.id)).filter((c) => c.endTime === null);
      expect(running).toHaveLength(1);
      const [task] = await tasks(running[0]!.id);
      names.push(task!.name!);
      await t.engine.completeTask(task!.id);
    }
    expect(names).toEqual(ORDERS);
    expect((await tasks(inst.id)).map((x) => x.taskDefinitionKey)).toEqual(['afterSeq']);
  });

  it('deleting the instance cancels every running child of a multi-instance call activity', async () => {
    const inst = await t.engine.startProcess('miCallParallel', { variables: { orders: ORDERS } });
    await t.engine.deleteProcessInstance(inst.id);
    const after = await children(inst.id);
    expect(after).toHaveLength(3);
    expect(after.every((c) => c.endTime !== null && c.state !== 'COMPLETED')).toBe(true);
    for (const c of after) expect(await t.engine.getTasks({ processInstanceId: c.id })).toEqual([]);
  });
});
