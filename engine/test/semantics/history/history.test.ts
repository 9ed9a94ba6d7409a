import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda 7 history: HistoricProcessInstance (state COMPLETED / EXTERNALLY_TERMINATED, end
// activity), HistoricActivityInstance (one per activity run, ended as completed or canceled),
// HistoricTaskInstance (deleteReason "completed" or "deleted"). Times come from the clock.

const MIN = 60_000;

describe('history', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'history.bpmn');
  });
  afterAll(() => t.close());

  const since = (d: Date | null) => (d ? d.getTime() - T0 : null);

  it('a completed instance: start/end times, states, end activity, task completed', async () => {
    // given
    const base = t.clock.now().getTime() - T0;
    const inst = await t.engine.startProcess('claim', { businessKey: 'C-1', variables: { adjuster: 'ada' } });
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    // when
    t.clock.advance(5 * MIN);
    await t.engine.completeTask(task!.id);
    // then
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ definitionKey: 'claim', businessKey: 'C-1', state: 'COMPLETED', startActivityId: 'start', endActivityId: 'done', deleteReason: null });
    expect([since(hist!.startTime), since(hist!.endTime)]).toEqual([base, base + 5 * MIN]);
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.map((a) => [a.activityId, a.activityType, a.activityName, a.state, since(a.startTime), since(a.endTime)])).toEqual([
      ['start', 'startEvent', 'Claim filed', 'completed', base, base],
      ['review', 'userTask', 'Review claim', 'completed', base, base + 5 * MIN],
      ['done', 'endEvent', 'Claim settled', 'completed', base + 5 * MIN, base + 5 * MIN],
    ]);
    expect(acts[1]!.taskId).toBe(task!.id);
    const tasks = await t.engine.getHistoricTasks({ processInstanceId: inst.id });
    expect(tasks.map((x) => [x.taskDefinitionKey, x.name, x.assignee, x.deleteReason, since(x.startTime), since(x.endTime)])).toEqual([
      ['review', 'Review claim', 'ada', 'completed', base, base + 5 * MIN],
    ]);
    // nothing is left at runtime
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getExecutions(inst.id)).toEqual([]);
  });

  it('an interrupting boundary event cancels the activity and deletes its task', async () => {
    // given
    const base = t.clock.now().getTime() - T0;
    const inst = await t.engine.startProcess('claim', { variables: { adjuster: 'bob' } });
    // when
    t.clock.advance(60 * MIN);
    await t.engine.runDueJobs();
    // then
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    const row = (id: string) => acts.find((a) => a.activityId === id)!;
    expect([row('review').state, since(row('review').endTime)]).toEqual(['canceled', base + 60 * MIN]);
    expect([row('late').activityType, row('late').state, since(row('late').endTime)]).toEqual(['boundaryEvent', 'completed', base + 60 * MIN]);
    expect(row('escalate')).toMatchObject({ state: 'active', endTime: null });
    const tasks = await t.engine.getHistoricTasks({ processInstanceId: inst.id });
    expect(tasks.map((x) => [x.taskDefinitionKey, x.deleteReason, since(x.endTime)])).toEqual([
      ['review', 'deleted', base + 60 * MIN],
      ['escalate', null, null],
    ]);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'ACTIVE', endTime: null, endActivityId: null });
    await t.engine.deleteProcessInstance(inst.id);
  });

  it('deleteProcessInstance: EXTERNALLY_TERMINATED, open activities canceled, tasks deleted, runtime empty', async () => {
    // given
    const base = t.clock.now().getTime() - T0;
    const inst = await t.engine.startProcess('claim', { variables: { adjuster: 'cy' } });
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toHaveLength(1);
    // when
    t.clock.advance(2 * MIN);
    await t.engine.deleteProcessInstance(inst.id, 'filed twice');
    // then
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'EXTERNALLY_TERMINATED', deleteReason: 'filed twice' });
    expect(since(hist!.endTime)).toBe(base + 2 * MIN);
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.map((a) => [a.activityId, a.state, since(a.endTime)])).toEqual([
      ['start', 'completed', base],
      ['review', 'canceled', base + 2 * MIN],
    ]);
    const [task] = await t.engine.getHistoricTasks({ processInstanceId: inst.id });
    expect(task).toMatchObject({ deleteReason: 'deleted' });
    expect(since(task!.endTime)).toBe(base + 2 * MIN);
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect(await t.engine.getTasks({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getExecutions(inst.id)).toEqual([]);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getTypedVariables(inst.id)).toEqual([]);
    // a second delete finds nothing
    await expect(t.engine.deleteProcessInstance(inst.id)).rejects.toMatchObject({ code: 'LZ_ERR_INSTANCE_NOT_FOUND' });
  });

  it('nests activity instances of a sub-process under the sub-process instance', async () => {
    const inst = await t.engine.startProcess('nested');
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(task!.id);
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    const sub = acts.find((a) => a.activityId === 'sub')!;
    expect(sub).toMatchObject({ activityType: 'subProcess', activityName: 'Paperwork', state: 'completed' });
    const inner = acts.filter((a) => ['subStart', 'fill', 'subEnd'].includes(a.activityId));
    expect(inner).toHaveLength(3);
    expect(inner.every((a) => a.parentActivityInstanceId === sub.id)).toBe(true);
    expect(sub.parentActivityInstanceId).not.toBe(sub.id);
    expect(acts.map((a) => a.activityId)).toEqual(['nStart', 'sub', 'subStart', 'fill', 'subEnd', 'nEnd']);
  });

  it('the finished filter tells running from ended instances', async () => {
    const running = await t.engine.startProcess('claim', { businessKey: 'F-1', variables: { adjuster: 'd' } });
    const done = await t.engine.startProcess('nested', { businessKey: 'F-1' });
    const [task] = await t.engine.getTasks({ processInstanceId: done.id });
    await t.engine.completeTask(task!.id);
    const ids = async (finished: boolean) => (await t.engine.getHistoricInstances({ businessKey: 'F-1', finished })).map((h) => h.id);
    expect(await ids(true)).toEqual([done.id]);
    expect(await ids(false)).toEqual([running.id]);
    await t.engine.deleteProcessInstance(running.id);
  });

  it('deleting a caller terminates the called instance too; both histories say so', async () => {
    // given
    const parent = await t.engine.startProcess('caller');
    const [child] = await t.engine.getProcessInstances({ superProcessInstanceId: parent.id });
    // when
    await t.engine.deleteProcessInstance(parent.id);
    // then
    const [hp] = await t.engine.getHistoricInstances({ processInstanceId: parent.id });
    const [hc] = await t.engine.getHistoricInstances({ processInstanceId: child!.id });
    expect(hp).toMatchObject({ state: 'EXTERNALLY_TERMINATED' });
    expect(hc).toMatchObject({ state: 'EXTERNALLY_TERMINATED', superProcessInstanceId: parent.id });
    expect(hc!.endTime).not.toBeNull();
    expect(await t.engine.getProcessInstance(child!.id)).toBeNull();
    expect(await t.engine.getTasks({ processInstanceId: child!.id })).toEqual([]);
    const childActs = await t.engine.getHistoricActivities({ processInstanceId: child!.id });
    expect(childActs.filter((a) => a.endTime === null)).toEqual([]);
    expect(childActs.find((a) => a.activityId === 'fill')?.state).toBe('canceled');
  });

  it('an interrupting boundary event on a call activity terminates the called instance internally', async () => {
    // given
    const parent = await t.engine.startProcess('caller');
    const [child] = await t.engine.getProcessInstances({ superProcessInstanceId: parent.id });
    // when
    t.clock.advance(120 * MIN);
    await t.engine.runDueJobs();
    // then
    const [hp] = await t.engine.getHistoricInstances({ processInstanceId: parent.id });
    const [hc] = await t.engine.getHistoricInstances({ processInstanceId: child!.id });
    expect(hp).toMatchObject({ state: 'COMPLETED', endActivityId: 'gaveUp' });
    expect(hc).toMatchObject({ state: 'INTERNALLY_TERMINATED' });
    const [call] = await t.engine.getHistoricActivities({ processInstanceId: parent.id, activityId: 'callNested' });
    expect(call).toMatchObject({ state: 'canceled', calledProcessInstanceId: child!.id });
    const [task] = await t.engine.getHistoricTasks({ processInstanceId: child!.id });
    expect(task).toMatchObject({ deleteReason: 'deleted' });
  });

  it('the historic task follows claims and reassignments', async () => {
    const inst = await t.engine.startProcess('nested');
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.claimTask(task!.id, 'eve');
    expect((await t.engine.getHistoricTasks({ processInstanceId: inst.id }))[0]?.assignee).toBe('eve');
    await t.engine.setAssignee(task!.id, 'fay');
    await t.engine.completeTask(task!.id);
    const [hist] = await t.engine.getHistoricTasks({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ assignee: 'fay', deleteReason: 'completed', name: 'Fill form' });
  });
});
