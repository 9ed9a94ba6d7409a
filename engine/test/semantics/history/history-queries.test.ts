import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// The history queries Camunda's REST API offers: filters, sort keys, paging and counts, and
// who may see an instance's history (its starter, whoever held one of its tasks, a candidate
// of a task still open).

const MIN = 60_000;

describe('history queries', () => {
  let t: TestEngine;
  let done: string;
  let open: string;
  let deleted: string;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployInline(
      t.engine,
      'histQ',
      `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="work" />
       <userTask id="work" name="Work" camunda:candidateGroups="sales" /><sequenceFlow id="f2" sourceRef="work" targetRef="e" />
       <endEvent id="e" />`,
    );
    done = (await t.engine.startProcess('histQ', { businessKey: 'b-1', startUserId: 'sam', variables: { n: 1, s: 'a' } })).id;
    t.clock.advance(MIN);
    open = (await t.engine.startProcess('histQ', { businessKey: 'b-2', startUserId: 'tom' })).id;
    t.clock.advance(MIN);
    deleted = (await t.engine.startProcess('histQ', { businessKey: 'c-3', startUserId: 'tom' })).id;
    const [task] = await t.engine.getTasks({ processInstanceId: done });
    await t.engine.setVariables(done, { n: 2 });
    await t.engine.removeVariable(done, 's');
    await t.engine.claimTask(task!.id, 'ulf');
    t.clock.advance(MIN);
    await t.engine.completeTask(task!.id);
    await t.engine.deleteProcessInstance(deleted, 'gone');
  });
  afterAll(() => t.close());

  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

  it('process instances: state, starter, business key, dates, sort, paging, count', async () => {
    const e = t.engine;
    expect(ids(await e.getHistoricInstances({ state: 'COMPLETED' }))).toEqual([done]);
    expect(ids(await e.getHistoricInstances({ state: 'EXTERNALLY_TERMINATED' }))).toEqual([deleted]);
    expect(ids(await e.getHistoricInstances({ state: 'ACTIVE' }))).toEqual([open]);
    expect(ids(await e.getHistoricInstances({ startedBy: 'tom', sort: [{ by: 'startTime', order: 'desc' }] }))).toEqual([deleted, open]);
    expect(ids(await e.getHistoricInstances({ businessKeyLike: 'b-%', sort: [{ by: 'businessKey', order: 'asc' }] }))).toEqual([done, open]);
    const [first] = await e.getHistoricInstances({ processInstanceId: done });
    expect(ids(await e.getHistoricInstances({ startedAfter: first!.startTime, sort: [{ by: 'startTime' }] }))).toEqual([open, deleted]);
    expect(ids(await e.getHistoricInstances({ sort: [{ by: 'startTime' }], first: 1, max: 1 }))).toEqual([open]);
    expect(await e.countHistoricInstances({ finished: true })).toBe(2);
    expect(await e.countHistoricInstances({ processInstanceIds: [done, open], processDefinitionKeyNotIn: ['x'] })).toBe(2);
    expect(first).toMatchObject({ definitionName: null, definitionVersion: 1, rootProcessInstanceId: done, durationInMillis: 3 * MIN });
  });

  it('who sees an instance’s history: starter, task holder, candidate of an open task', async () => {
    const e = t.engine;
    expect(ids(await e.getHistoricInstances({ visibleTo: { userId: 'sam' } }))).toEqual([done]);
    expect(ids(await e.getHistoricInstances({ visibleTo: { userId: 'ulf' } }))).toEqual([done]);
    expect(ids(await e.getHistoricInstances({ visibleTo: { userId: 'vera', groups: ['sales'] } }))).toEqual([open]);
    expect(await e.countHistoricInstances({ visibleTo: { userId: 'nobody', groups: ['hr'] } })).toBe(0);
    expect(await e.countHistoricTasks({ visibleTo: { userId: 'ulf' } })).toBe(1);
    expect(await e.countHistoricActivities({ visibleTo: { userId: 'nobody' } })).toBe(0);
    expect(await e.countHistoricVariableInstances({ visibleTo: { userId: 'sam' } })).toBe(2);
  });

  it('activity instances: finished, canceled, complete scope, assignee, sort by occurrence, count', async () => {
    const e = t.engine;
    const acts = await e.getHistoricActivities({ processInstanceId: done, sort: [{ by: 'occurrence', order: 'desc' }] });
    expect(acts.map((a) => a.activityId)).toEqual(['e', 'work', 's']);
    expect(acts[0]).toMatchObject({ completeScope: true, canceled: false, processDefinitionKey: 'histQ' });
    expect(acts[1]).toMatchObject({ assignee: 'ulf', durationInMillis: 3 * MIN });
    expect((await e.getHistoricActivities({ canceled: true })).map((a) => a.processInstanceId)).toEqual([deleted]);
    expect((await e.getHistoricActivities({ finished: false })).map((a) => a.processInstanceId)).toEqual([open]);
    expect(await e.countHistoricActivities({ taskAssignee: 'ulf' })).toBe(1);
    expect(await e.countHistoricActivities({ activityType: 'userTask' })).toBe(3);
  });

  it('tasks: finished or not, assignee, delete reason, process finished, sort, count', async () => {
    const e = t.engine;
    expect((await e.getHistoricTasks({ finished: false })).map((x) => x.processInstanceId)).toEqual([open]);
    expect((await e.getHistoricTasks({ taskAssignee: 'ulf' }))[0]).toMatchObject({ processInstanceId: done, deleteReason: 'completed', processDefinitionId: expect.any(String) });
    expect((await e.getHistoricTasks({ processFinished: true, sort: [{ by: 'processInstanceId' }] })).map((x) => x.processInstanceId).sort()).toEqual([done, deleted].sort());
    expect((await e.getHistoricTasks({ sort: [{ by: 'startTime', order: 'desc' }], max: 1 })).map((x) => x.processInstanceId)).toEqual([deleted]);
    expect(await e.countHistoricTasks({ deleteReason: 'completed' })).toBe(1);
    expect(await e.countHistoricTasks({ assigned: false })).toBe(2);
  });

  it('variable instances and updates: last values, deleted ones, names, types, counts', async () => {
    const e = t.engine;
    const vars = await e.getHistoricVariableInstances({ processInstanceId: done, sort: [{ by: 'variableName' }] });
    expect(vars.map((v) => [v.name, v.value, v.state])).toEqual([
      ['n', 2, 'CREATED'],
      ['s', null, 'DELETED'],
    ]);
    expect(vars[0]!.createTime.getTime()).toBeLessThanOrEqual(vars[0]!.time.getTime());
    expect(await e.countHistoricVariableInstances({ processInstanceId: done, excludeDeleted: true })).toBe(1);
    expect(await e.countHistoricVariableInstances({ nameLike: 'n%' })).toBe(1);
    expect(await e.countHistoricVariableInstances({ names: ['n', 's'], types: ['integer'] })).toBe(1);
    const updates = await e.getHistoricVariableUpdates({ processInstanceId: done, name: 'n' });
    expect(updates.map((u) => [u.value, u.revision, u.operation])).toEqual([
      [1, 1, 'create'],
      [2, 2, 'update'],
    ]);
    expect(await e.countHistoricVariableUpdates({ processInstanceIds: [done] })).toBe(4);
    expect(await e.countHistoricVariableUpdates({ types: ['STRING'] })).toBe(2);
  });
});
