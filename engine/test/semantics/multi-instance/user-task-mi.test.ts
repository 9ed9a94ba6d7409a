import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const MIN = 60_000;

/** Multi-instance user tasks (BPMN 2.0 §10.2.8, Camunda "Task Markers"). */
describe('multi-instance user task', () => {
  let t: TestEngine;
  const tasks = (id: string, key?: string) => t.engine.getTasks({ processInstanceId: id, taskDefinitionKey: key });
  const body = async (id: string) => (await t.engine.getExecutions(id)).find((e) => e.kind === 'mi-body')!;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'user-task-mi.bpmn');
  });
  afterAll(() => t.close());

  it('parallel over camunda:collection: one task per element, all created at once', async () => {
    // when
    const inst = await t.engine.startProcess('miParallel', { variables: { reviewers: ['ann', 'bob', 'cid'] } });
    // then: each inner instance has its element and loopCounter; all see 3 active, 0 completed
    const list = await tasks(inst.id);
    expect(list.map((x) => [x.assignee, x.name])).toEqual([
      ['ann', '0:3:3:0'],
      ['bob', '1:3:3:0'],
      ['cid', '2:3:3:0'],
    ]);
    expect(await t.engine.getVariables(inst.id, list[1]!.executionId)).toEqual({ loopCounter: 1, reviewer: 'bob' });
    const tree = await t.engine.getActivityTree(inst.id);
    const mi = tree!.childActivityInstances[0]!;
    expect(mi.activityId).toBe('review#multiInstanceBody');
    expect(mi.childActivityInstances.map((c) => c.activityId)).toEqual(['review', 'review', 'review']);
    // when
    await t.engine.completeTask(list[1]!.id);
    // then: the body counts
    expect(await t.engine.getVariables(inst.id, (await body(inst.id)).id)).toEqual({ nrOfInstances: 3, nrOfActiveInstances: 2, nrOfCompletedInstances: 1 });
    expect((await tasks(inst.id)).map((x) => x.assignee)).toEqual(['ann', 'cid']);
    // when: the rest completes
    for (const x of await tasks(inst.id)) await t.engine.completeTask(x.id);
    // then: one token goes on; the loop variables are gone with the body
    expect((await tasks(inst.id)).map((x) => x.taskDefinitionKey)).toEqual(['after']);
    expect(await t.engine.getVariables(inst.id)).toEqual({ reviewers: ['ann', 'bob', 'cid'] });
    expect((await t.engine.getTypedVariables(inst.id)).map((v) => v.name)).toEqual(['reviewers']);
  });

  it('history keeps the body apart from the inner instances (Camunda: <id>#multiInstanceBody)', async () => {
    const inst = await t.engine.startProcess('miParallel', { variables: { reviewers: ['ann', 'bob'] } });
    for (const x of await tasks(inst.id)) await t.engine.completeTask(x.id);
    const rows = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(rows.filter((r) => r.activityId === 'review').map((r) => [r.activityType, r.state])).toEqual([
      ['userTask', 'completed'],
      ['userTask', 'completed'],
    ]);
    expect(rows.filter((r) => r.activityId === 'review#multiInstanceBody').map((r) => [r.activityType, r.state])).toEqual([['multiInstanceBody', 'completed']]);
  });

  it('sequential with loopCardinality: one at a time, counters move on', async () => {
    const inst = await t.engine.startProcess('miSequential', { variables: { n: 3 } });
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const list = await tasks(inst.id, 'step');
      expect(list).toHaveLength(1);
      names.push(list[0]!.name!);
      await t.engine.completeTask(list[0]!.id);
    }
    expect(names).toEqual(['0:3:1:0', '1:3:1:1', '2:3:1:2']);
    expect((await tasks(inst.id)).map((x) => x.taskDefinitionKey)).toEqual(['after2']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
  });

  it('completionCondition: the remaining instances are cancelled', async () => {
    // given
    const inst = await t.engine.startProcess('miQuorum', { variables: { voters: ['a', 'b', 'c', 'd', 'e'] } });
    const list = await tasks(inst.id, 'vote');
    expect(list).toHaveLength(5);
    // when: 3 of 5 vote (60 %)
    for (const x of list.slice(0, 3)) await t.engine.completeTask(x.id);
    // then
    expect((await tasks(inst.id)).map((x) => x.taskDefinitionKey)).toEqual(['after3']);
    const hist = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'vote' });
    expect(hist.filter((h) => h.deleteReason === 'completed')).toHaveLength(3);
    const cancelled = hist.filter((h) => h.deleteReason !== 'completed');
    expect(cancelled.map((h) => h.assignee).sort()).toEqual(['d', 'e']);
    expect(cancelled.every((h) => h.endTime !== null)).toBe(true);
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['after3', 'miQuorum']);
  });

  it('an interrupting boundary event on the body cancels every inner instance', async () => {
    // given
    const inst = await t.engine.startProcess('miQuorum', { variables: { voters: ['a', 'b', 'c'] } });
    await t.engine.completeTask((await tasks(inst.id, 'vote'))[0]!.id);
    // when
    await t.engine.broadcastSignal('recall-vote');
    // then
    expect((await tasks(inst.id)).map((x) => x.taskDefinitionKey)).toEqual(['recalled']);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['miQuorum', 'recalled']);
    expect(await t.engine.getVariables(inst.id)).toEqual({ voters: ['a', 'b', 'c'] });
  });

  it('loopDataInputRef and inputDataItem name the collection and the element (Camunda docs form)', async () => {
    const inst = await t.engine.startProcess('miDataRef', { variables: { assigneeList: ['kermit', 'gonzo', 'fozzie'] } });
    expect((await tasks(inst.id)).map((x) => x.assignee)).toEqual(['kermit', 'gonzo', 'fozzie']);
  });

  it('zero instances: the activity is passed at once', async () => {
    const a = await t.engine.startProcess('miParallel', { variables: { reviewers: [] } });
    expect((await tasks(a.id)).map((x) => x.taskDefinitionKey)).toEqual(['after']);
    const b = await t.engine.startProcess('miSequential', { variables: { n: 0 } });
    expect((await tasks(b.id)).map((x) => x.taskDefinitionKey)).toEqual(['after2']);
    expect(await t.engine.getJobs({ processInstanceId: b.id })).toEqual([]);
  });

  it('a boundary timer on the body is created once, not per iteration, and cancels all when it fires', async () => {
    // given
    const startedAt = t.clock.now().getTime();
    const inst = await t.engine.startProcess('miSequential', { variables: { n: 3 } });
    const [timer] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(timer?.dueDate.getTime()).toBe(startedAt + 60 * MIN);
    // when: an iteration completes half-way
    t.clock.advance(30 * MIN);
    await t.engine.completeTask((await tasks(inst.id, 'step'))[0]!.id);
    // then: the same timer, same due date
    const jobs = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(jobs.map((j) => [j.id, j.dueDate.getTime()])).toEqual([[timer!.id, startedAt + 60 * MIN]]);
    // when
    t.clock.advance(30 * MIN);
    await t.engine.runDueJobs();
    // then
    expect((await tasks(inst.id)).map((x) => x.taskDefinitionKey)).toEqual(['timedOut']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['miSequential', 'timedOut']);
  });

  it('camunda:inputParameter on the inner activity sees the element variable and loopCounter', async () => {
    // when
    const inst = await t.engine.startProcess('miInputs', { variables: { reviewers: ['ann', 'bob'] } });
    // then
    const locals = await Promise.all((await tasks(inst.id)).map((x) => t.engine.getVariables(inst.id, x.executionId)));
    expect(locals.map((v) => [v.who, v.position])).toEqual([
      ['ann', 1],
      ['bob', 2],
    ]);
  });
});
