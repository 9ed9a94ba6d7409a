import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, openTasks, subs } from '../events/leftovers.ts';

// Camunda 7 process-instance migration (MigrationPlan / POST /migration/execute): every active
// activity instance moves to the activity its instruction maps it to; a user task stays the same
// task (id, assignee) of the target definition; a mapped boundary timer keeps its due date, an
// unmapped boundary event of the target activity is created anew; catch events subscribe as the
// target model says; the (historic) instance belongs to the target definition afterwards.

const HOUR = 3_600_000;

describe('migration: running instances move from v1 to v2', () => {
  let t: TestEngine;
  const def: Record<string, { v1: string; v2: string }> = {};
  const plan = (key: string, pairs: [string, string][]) => ({
    sourceProcessDefinitionId: def[key]!.v1,
    targetProcessDefinitionId: def[key]!.v2,
    instructions: pairs.map(([s, x]) => ({ sourceActivityIds: [s], targetActivityIds: [x] })),
  });
  const startV1 = (key: string, variables?: Record<string, unknown>) => t.engine.startProcessById(def[key]!.v1, { variables, businessKey: `${key}-${Math.random()}` });
  beforeAll(async () => {
    t = await createTestEngine();
    const v1 = await t.engine.deploy([{ name: 'claim.bpmn', content: fixture(import.meta.url, 'claim-v1.bpmn') }]);
    const v2 = await t.engine.deploy([{ name: 'claim.bpmn', content: fixture(import.meta.url, 'claim-v2.bpmn') }]);
    for (const d of v1.definitions) def[d.key] = { v1: d.id, v2: v2.definitions.find((x) => x.key === d.key)!.id };
    expect(v2.definitions.map((d) => d.version)).toEqual([2, 2, 2]);
  });
  afterAll(() => t.close());

  it('a waiting user task keeps its id and assignee, becomes the renamed activity of v2 and follows v2 afterwards', async () => {
    // given
    const inst = await startV1('claim', { clerk: 'kim' });
    const [before] = await t.engine.getTasks({ processInstanceId: inst.id });
    // when
    await t.engine.migrateProcessInstances(plan('claim', [['review', 'check'], ['reviewTimeout', 'checkTimeout']]), [inst.id]);
    // then: the same task, now of v2's 'check'
    const [after] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(after).toMatchObject({ id: before!.id, assignee: 'kim', taskDefinitionKey: 'check', processDefinitionId: def.claim!.v2 });
    expect((await t.engine.getProcessInstance(inst.id))?.definitionId).toBe(def.claim!.v2);
    expect((await t.engine.getHistoricInstances({ processInstanceId: inst.id }))[0]?.definitionId).toBe(def.claim!.v2);
    const tree = await t.engine.getActivityTree(inst.id);
    expect(tree).toMatchObject({ activityId: 'claim', processDefinitionId: def.claim!.v2 });
    expect(tree!.childActivityInstances.map((c) => c.activityId)).toEqual(['check']);
    // history: the activity instance is the one of 'check' now
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.map((a) => [a.activityId, a.state])).toEqual([
      ['start', 'completed'],
      ['check', 'active'],
    ]);
    // when: the task is completed, v2's flow is taken (the new 'audit' step)
    await t.engine.completeTask(after!.id);
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['audit']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    const [histTask] = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'check' });
    expect(histTask).toMatchObject({ id: before!.id, deleteReason: 'completed' });
  });

  it('a mapped boundary timer keeps its due date and fires as the boundary event of v2', async () => {
    // given
    t.clock.set(T0);
    const inst = await startV1('claim', { clerk: 'kim' });
    t.clock.advance(10 * 60_000);
    // when
    await t.engine.migrateProcessInstances(plan('claim', [['review', 'check'], ['reviewTimeout', 'checkTimeout']]), [inst.id]);
    // then: still due one hour after the task started (not v2's two hours from now)
    const jobs = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(jobs.map((j) => [j.type, j.activityId, j.dueDate.getTime(), j.processDefinitionId])).toEqual([['timer', 'checkTimeout', T0 + HOUR, def.claim!.v2]]);
    // when: it is due
    t.clock.set(T0 + HOUR);
    await t.engine.runDueJobs();
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['escalated']);
    const timeout = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'checkTimeout' });
    expect(timeout).toHaveLength(1);
  });

  it('an unmapped boundary timer goes; the boundary timer of the target activity is created anew', async () => {
    // given
    t.clock.set(T0);
    const inst = await startV1('claim', { clerk: 'kim' });
    t.clock.advance(10 * 60_000);
    // when: only the task is mapped
    await t.engine.migrateProcessInstances(plan('claim', [['review', 'check']]), [inst.id]);
    // then: v2's timer, counted from the migration
    const jobs = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(jobs.map((j) => [j.activityId, j.dueDate.getTime()])).toEqual([['checkTimeout', T0 + 10 * 60_000 + 2 * HOUR]]);
    // the old due time passes without effect
    t.clock.set(T0 + HOUR + 1);
    await t.engine.runDueJobs();
    expect(await openTasks(t.engine, inst.id)).toEqual(['check']);
  });

  it('an instance waiting at a message catch event listens for the message of v2', async () => {
    // given
    const inst = await startV1('payment');
    expect(await subs(t.engine, inst.id)).toEqual(['message:paid-v1@waitPay']);
    // when
    await t.engine.migrateProcessInstances(plan('payment', [['waitPay', 'waitPay']]), [inst.id]);
    // then
    expect(await subs(t.engine, inst.id)).toEqual(['message:payment-received@waitPay']);
    expect((await t.engine.getEventSubscriptions({ processInstanceId: inst.id }))[0]?.processDefinitionId).toBe(def.payment!.v2);
    await expect(t.engine.correlateMessage('paid-v1', { processInstanceId: inst.id })).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_NOT_CORRELATED' });
    // when
    await t.engine.correlateMessage('payment-received', { processInstanceId: inst.id });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['book']);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
  });

  it('a task inside a sub-process moves with its mapped sub-process', async () => {
    // given
    const inst = await startV1('boxed');
    const [before] = await t.engine.getTasks({ processInstanceId: inst.id });
    // when
    await t.engine.migrateProcessInstances(plan('boxed', [['box', 'box'], ['inner', 'inner']]), [inst.id]);
    // then
    expect((await t.engine.getTask(before!.id))?.processDefinitionId).toBe(def.boxed!.v2);
    await complete(t.engine, inst.id, 'inner');
    expect(await openTasks(t.engine, inst.id)).toEqual(['outer']);
  });

  it('several instances in one call', async () => {
    // given
    const a = await startV1('payment');
    const b = await startV1('payment');
    // when
    await t.engine.migrateProcessInstances(plan('payment', [['waitPay', 'waitPay']]), [a.id, b.id]);
    // then
    expect((await t.engine.getProcessInstances({ processInstanceIds: [a.id, b.id] })).map((i) => i.definitionId)).toEqual([def.payment!.v2, def.payment!.v2]);
  });
});
