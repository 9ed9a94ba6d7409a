import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const VARS = {
  item: 'invoice 7',
  boss: 'mary',
  reviewers: ['ann', 'bob'],
  team: 'sales',
  due: new Date('2026-02-01T12:00:00Z'),
  followUp: '2026-01-20T08:00:00Z',
  prio: 80,
};

describe('user task', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'user-task.bpmn', 'user-task-zeebe.bpmn');
  });
  afterAll(() => t.close());

  it('takes assignee, candidates, dates, priority, form key and name from camunda: expressions', async () => {
    // when
    const inst = await t.engine.startProcess('userTask', { variables: VARS, businessKey: 'bk-1' });
    // then
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(task).toMatchObject({
      taskDefinitionKey: 'approve',
      name: 'Approve invoice 7',
      description: 'Check the amount and the payee.',
      assignee: 'mary',
      candidateUsers: ['ann', 'bob'],
      candidateGroups: ['managers', 'sales'],
      priority: 80,
      formKey: 'embedded:app:forms/approve.html',
      businessKey: 'bk-1',
      processDefinitionKey: 'userTask',
    });
    expect(task!.due?.toISOString()).toBe('2026-02-01T12:00:00.000Z');
    expect(task!.followUp?.toISOString()).toBe('2026-01-20T08:00:00.000Z');
    expect(await t.engine.getExecutions(inst.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: task!.executionId, activityId: 'approve', state: 'waiting' })]),
    );
  });

  it('is found by assignee, candidate user and candidate group', async () => {
    // given
    const inst = await t.engine.startProcess('userTask', { variables: { ...VARS, boss: 'carl', team: 'ops' } });
    // when / then
    const ids = async (q: Parameters<typeof t.engine.getTasks>[0]) => (await t.engine.getTasks({ ...q, processInstanceId: inst.id })).map((x) => x.taskDefinitionKey);
    expect(await ids({ assignee: 'carl' })).toEqual(['approve']);
    expect(await ids({ candidateUser: 'bob' })).toEqual(['approve']);
    expect(await ids({ candidateGroup: 'ops' })).toEqual(['approve']);
    expect(await ids({ candidateGroup: 'sales' })).toEqual([]);
    expect(await ids({ candidateUser: 'mary' })).toEqual([]);
  });

  it('claim, claim by someone else, unclaim and setAssignee', async () => {
    // given: the second task has only a candidate group, no assignee
    const inst = await t.engine.startProcess('userTask', { variables: VARS });
    const [first] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(first!.id);
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(task).toMatchObject({ taskDefinitionKey: 'archive', assignee: null, priority: 50, candidateGroups: ['clerks'] });
    // when / then: claim
    await t.engine.claimTask(task!.id, 'ann');
    expect((await t.engine.getTask(task!.id))?.assignee).toBe('ann');
    // claiming a task someone else holds fails (Camunda TaskAlreadyClaimedException); claiming it again is fine
    await expect(t.engine.claimTask(task!.id, 'bob')).rejects.toMatchObject({ code: 'LZ_ERR_TASK_CLAIMED', kind: 'conflict' });
    await t.engine.claimTask(task!.id, 'ann');
    expect((await t.engine.getTask(task!.id))?.assignee).toBe('ann');
    // unclaim, then bob may claim
    await t.engine.unclaimTask(task!.id);
    expect((await t.engine.getTask(task!.id))?.assignee).toBeNull();
    await t.engine.claimTask(task!.id, 'bob');
    // setAssignee overrides whoever holds it
    await t.engine.setAssignee(task!.id, 'carl');
    expect((await t.engine.getTask(task!.id))?.assignee).toBe('carl');
    const [hist] = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'archive' });
    expect(hist?.assignee).toBe('carl');
  });

  it('completion sets its variables and moves the token; the task leaves history as completed', async () => {
    // given
    const inst = await t.engine.startProcess('userTask', { variables: VARS });
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    // when
    await t.engine.completeTask(task!.id, { approved: true, comment: 'ok' });
    // then
    expect(await t.engine.getTask(task!.id)).toBeNull();
    const vars = await t.engine.getVariables(inst.id);
    expect(vars).toMatchObject({ approved: true, comment: 'ok' });
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.taskDefinitionKey)).toEqual(['archive']);
    const [hist] = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'approve' });
    expect(hist).toMatchObject({ deleteReason: 'completed', assignee: 'mary' });
    expect(hist?.endTime).not.toBeNull();
    // completing it again: it is gone
    await expect(t.engine.completeTask(task!.id)).rejects.toMatchObject({ code: 'LZ_ERR_TASK_NOT_FOUND' });
  });

  it('the last completion ends the instance and leaves nothing behind', async () => {
    const inst = await t.engine.startProcess('userTask', { variables: VARS });
    for (let i = 0; i < 2; i++) {
      const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
      await t.engine.completeTask(task!.id);
    }
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect(await t.engine.getTasks({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getExecutions(inst.id)).toEqual([]);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist).toMatchObject({ state: 'COMPLETED', endActivityId: 'end' });
  });

  it('zeebe:assignmentDefinition, taskSchedule, priorityDefinition and formDefinition with FEEL', async () => {
    // when
    const inst = await t.engine.startProcess('zeebeUserTask', { variables: { owner: 'zed', group: 'auditors', due: '2026-03-01T00:00:00Z', prio: 10 } });
    // then
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(task).toMatchObject({
      assignee: 'zed',
      candidateUsers: ['ann', 'bob'],
      candidateGroups: ['auditors'],
      priority: 11,
      formKey: 'camunda-forms:bpmn:reviewForm',
    });
    expect(task!.due?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('a due date given as an ISO 8601 period is relative to the task creation (Camunda user task docs)', async () => {
    // when
    const inst = await t.engine.startProcess('relativeDue', { variables: { followIn: 'PT4H' } });
    // then
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    const now = t.clock.now().getTime();
    expect(task?.due?.getTime()).toBe(now + 2 * 86_400_000);
    expect(task?.followUp?.getTime()).toBe(now + 4 * 3_600_000);
  });
});
