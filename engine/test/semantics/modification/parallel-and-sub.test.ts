import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, subs } from '../events/leftovers.ts';

// Camunda 7 process-instance modification inside concurrent branches and sub-processes: only the
// token that is cancelled moves; a start instruction whose parent scope has no instance yet
// creates it (Camunda "instantiates missing parent activity instances"), which then listens for
// its boundary events and event sub-processes like a scope entered through a sequence flow.

describe('modification: parallel branches and sub-processes', () => {
  let t: TestEngine;
  const task = async (id: string, key: string) => (await t.engine.getTasks({ processInstanceId: id, taskDefinitionKey: key }))[0]!;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'parallel-and-sub.bpmn');
  });
  afterAll(() => t.close());

  it('returning inside one parallel branch moves only that token; the join still fires once', async () => {
    // given: branch A at a2, branch B at b1
    const inst = await t.engine.startProcess('par');
    await complete(t.engine, inst.id, 'a1');
    const b1 = await task(inst.id, 'b1');
    const a2 = await task(inst.id, 'a2');
    // when: branch A goes back to a1
    await t.engine.modifyProcessInstance(inst.id, [
      { type: 'cancel', activityInstanceId: a2.executionId },
      { type: 'startBeforeActivity', activityId: 'a1' },
    ]);
    // then: branch B is untouched
    expect(await openTasks(t.engine, inst.id)).toEqual(['a1', 'b1']);
    expect((await task(inst.id, 'b1')).id).toBe(b1.id);
    // when: both branches finish
    await complete(t.engine, inst.id, 'b1');
    expect(await openTasks(t.engine, inst.id)).toEqual(['a1']);
    await complete(t.engine, inst.id, 'a1');
    await complete(t.engine, inst.id, 'a2');
    // then: the join fired once and no token waits at it
    expect(await openTasks(t.engine, inst.id)).toEqual(['after']);
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['after', 'par']);
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'after' })).toHaveLength(1);
    await complete(t.engine, inst.id, 'after');
    await expectGone(t.engine, inst.id);
  });

  it('returning inside an embedded sub-process keeps the sub-process instance and its boundary event', async () => {
    // given: at s2 inside 'sub'
    const inst = await t.engine.startProcess('nested', { businessKey: 'nested-1' });
    await complete(t.engine, inst.id, 's1');
    const before = await t.engine.getActivityTree(inst.id);
    const subAi = before!.childActivityInstances[0]!;
    expect(subAi.activityId).toBe('sub');
    const [boundary] = await t.engine.getEventSubscriptions({ processInstanceId: inst.id });
    // when
    await t.engine.modifyProcessInstance(inst.id, [
      { type: 'cancel', activityInstanceId: subAi.childActivityInstances[0]!.id },
      { type: 'startBeforeActivity', activityId: 's1' },
    ]);
    // then: same 'sub' instance, now at s1; the boundary subscription is the same one
    const after = await t.engine.getActivityTree(inst.id);
    expect(after!.childActivityInstances.map((c) => c.id)).toEqual([subAi.id]);
    expect(after!.childActivityInstances[0]!.childActivityInstances.map((c) => c.activityId)).toEqual(['s1']);
    expect((await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).map((s) => s.id)).toEqual([boundary!.id]);
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'sub' })).toHaveLength(1);
    // when: the sub-process runs to its end
    await complete(t.engine, inst.id, 's1');
    await complete(t.engine, inst.id, 's2');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['nestedAfter']);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
  });

  it('startBeforeActivity inside a sub-process that has no instance creates it, with its boundary timer and event sub-process', async () => {
    // given: waiting at 'first', 'box' not entered yet
    const inst = await t.engine.startProcess('later', { businessKey: 'later-1' });
    // when: jump into the box
    await t.engine.modifyProcessInstance(inst.id, [
      { type: 'startBeforeActivity', activityId: 'inner' },
      { type: 'cancel', activityId: 'first' },
    ]);
    // then: later > box > inner
    const tree = await t.engine.getActivityTree(inst.id);
    expect(tree!.childActivityInstances.map((c) => c.activityId)).toEqual(['box']);
    expect(tree!.childActivityInstances[0]!.childActivityInstances.map((c) => c.activityId)).toEqual(['inner']);
    expect((await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'box' })).map((a) => a.state)).toEqual(['active']);
    // the event sub-process of the box listens; the boundary timer of the box runs
    expect(await subs(t.engine, inst.id)).toEqual(['message:box-note@noteStart']);
    const timers = await t.engine.getJobs({ processInstanceId: inst.id, type: 'timer' });
    expect(timers.map((j) => [j.activityId, j.dueDate.getTime()])).toEqual([['boxTimeout', T0 + 3_600_000]]);
    // when: the event sub-process is triggered
    await t.engine.correlateMessage('box-note', { businessKey: 'later-1' });
    expect(await openTasks(t.engine, inst.id)).toEqual(['inner', 'note']);
    // when: the box times out
    t.clock.advance(3_600_000);
    await t.engine.runDueJobs();
    // then: the box and all inside it are gone
    expect(await openTasks(t.engine, inst.id)).toEqual(['late']);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['late', 'later']);
  });

  it('starting a whole sub-process by startBeforeActivity runs its start event', async () => {
    // given
    const inst = await t.engine.startProcess('later');
    // when
    await t.engine.modifyProcessInstance(inst.id, [
      { type: 'cancel', activityId: 'first' },
      { type: 'startBeforeActivity', activityId: 'box' },
    ]);
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['inner']);
    expect(await subs(t.engine, inst.id)).toEqual(['message:box-note@noteStart']);
    expect((await t.engine.getJobs({ processInstanceId: inst.id, type: 'timer' })).map((j) => j.activityId)).toEqual(['boxTimeout']);
    // when: the inner task completes, the box completes
    await complete(t.engine, inst.id, 'inner');
    // then
    await expectGone(t.engine, inst.id);
  });
});
