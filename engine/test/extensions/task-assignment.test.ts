import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent, LzError, TaskAssignmentInput, TaskAssignmentRedirect } from '../../src/index.ts';
import { deployFixture } from '../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../helpers/test-engine.ts';

// EngineOptions.taskAssignment: asked when a user task is created with an assignee; a
// redirect gives the task to someone else and keeps who it was meant for and why (task row,
// history row, a comment, the task.created event). A hook that throws fails the command.

const asked: TaskAssignmentInput[] = [];

function taskAssignment(input: TaskAssignmentInput): TaskAssignmentRedirect | null {
  asked.push(input);
  if (input.assignee === 'ana') return { assignee: 'ben', reason: 'Ana is on leave until 2026-01-12' };
  if (input.assignee === 'zed') throw new Error('delegation table unavailable');
  if (input.assignee === 'odd') return { assignee: '', reason: 'nobody' };
  return null;
}

async function rejection(p: Promise<unknown>): Promise<LzError> {
  try {
    await p;
  } catch (e) {
    return e as LzError;
  }
  throw new Error('expected the command to fail');
}

describe('the task assignment hook', () => {
  let t: TestEngine;
  const events: EngineEvent[] = [];
  beforeAll(async () => {
    t = await createTestEngine({ taskAssignment });
    t.engine.on((e) => events.push(e));
    await deployFixture(t.engine, import.meta.url, 'task-assignment.bpmn');
  });
  afterAll(() => t.close());
  beforeEach(() => {
    asked.length = 0;
    events.length = 0;
  });

  it('creates a redirected task for the new assignee and keeps the original one and the reason', async () => {
    // given / when
    const inst = await t.engine.startProcess('leaveApproval', { variables: { approver: 'ana' } });

    // then: the hook was asked about the task as the model made it
    expect(asked).toEqual([
      { assignee: 'ana', taskDefinitionKey: 'approve', processDefinitionKey: 'leaveApproval', processInstanceId: inst.id, at: new Date(T0) },
    ]);
    // the task row
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(task).toMatchObject({ assignee: 'ben', originalAssignee: 'ana', assignmentNote: 'Ana is on leave until 2026-01-12' });
    expect(await t.engine.countTasks({ assignee: 'ben', processInstanceId: inst.id })).toBe(1);
    expect(await t.engine.countTasks({ assignee: 'ana', processInstanceId: inst.id })).toBe(0);
    // the history row
    const [hist] = await t.engine.getHistoricTasks({ taskId: task!.id });
    expect(hist).toMatchObject({ assignee: 'ben', originalAssignee: 'ana', assignmentNote: 'Ana is on leave until 2026-01-12' });
    // the task's comments tell the story
    const comments = await t.engine.getComments({ taskId: task!.id });
    expect(comments).toEqual([
      expect.objectContaining({
        taskId: task!.id,
        processInstanceId: inst.id,
        userId: null,
        message: 'assigned to ben instead of ana: Ana is on leave until 2026-01-12',
      }),
    ]);
    // the event names the final assignee and the original one
    expect(events.filter((e) => e.type === 'task.created')).toEqual([
      { type: 'task.created', taskId: task!.id, processInstanceId: inst.id, taskDefinitionKey: 'approve', assignee: 'ben', originalAssignee: 'ana' },
    ]);
  });

  it('keeps the redirect note in history after the task is completed', async () => {
    // given
    const inst = await t.engine.startProcess('leaveApproval', { variables: { approver: 'ana' } });
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    // when
    await t.engine.completeTask(task!.id);
    // then
    const [hist] = await t.engine.getHistoricTasks({ taskId: task!.id });
    expect(hist).toMatchObject({ assignee: 'ben', originalAssignee: 'ana', deleteReason: 'completed' });
    expect(hist!.endTime).not.toBeNull();
    expect(await t.engine.getComments({ taskId: task!.id })).toHaveLength(1);
  });

  it('leaves the task alone when the hook answers null', async () => {
    // given / when
    const inst = await t.engine.startProcess('leaveApproval', { variables: { approver: 'carl' } });
    // then
    expect(asked.map((a) => a.assignee)).toEqual(['carl']);
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(task).toMatchObject({ assignee: 'carl', originalAssignee: null, assignmentNote: null });
    const [hist] = await t.engine.getHistoricTasks({ taskId: task!.id });
    expect(hist).toMatchObject({ assignee: 'carl', originalAssignee: null, assignmentNote: null });
    expect(await t.engine.getComments({ taskId: task!.id })).toEqual([]);
    const [created] = events.filter((e) => e.type === 'task.created');
    expect(created).toEqual({ type: 'task.created', taskId: task!.id, processInstanceId: inst.id, taskDefinitionKey: 'approve', assignee: 'carl' });
  });

  it('is not asked about a task created without an assignee', async () => {
    // given
    const inst = await t.engine.startProcess('leaveApproval', { variables: { approver: 'carl' } });
    const [approve] = await t.engine.getTasks({ processInstanceId: inst.id });
    asked.length = 0;
    // when
    await t.engine.completeTask(approve!.id);
    // then
    expect(asked).toEqual([]);
    const [archive] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(archive).toMatchObject({ taskDefinitionKey: 'archive', assignee: null, originalAssignee: null });
  });

  it('fails the command when the hook throws, writing nothing', async () => {
    // given
    const before = await t.engine.countHistoricInstances({ processDefinitionKey: 'leaveApproval' });
    // when
    const error = await rejection(t.engine.startProcess('leaveApproval', { variables: { approver: 'zed' } }));
    // then
    expect(error.code).toBe('LZ_ERR_DELEGATE_FAILED');
    expect(error.message).toContain('delegation table unavailable');
    expect(error.message).toContain("task 'approve'");
    expect(await t.engine.countHistoricInstances({ processDefinitionKey: 'leaveApproval' })).toBe(before);
    expect(await t.engine.countTasks({ assignee: 'zed' })).toBe(0);
    expect(events).toEqual([]);
  });

  it('rolls a task completion back when the next task meets a throwing hook', async () => {
    // given
    const inst = await t.engine.startProcess('handOver', { variables: {} });
    const [prepare] = await t.engine.getTasks({ processInstanceId: inst.id });

    // when
    const error = await rejection(t.engine.completeTask(prepare!.id, { reviewer: 'zed' }));

    // then: prepare is still open, the variable was not set, no review task, no comment
    expect(error.code).toBe('LZ_ERR_DELEGATE_FAILED');
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.id)).toEqual([prepare!.id]);
    expect(await t.engine.getVariables(inst.id)).toEqual({});
    expect(await t.engine.getComments({ processInstanceId: inst.id })).toEqual([]);
    const [histPrepare] = await t.engine.getHistoricTasks({ taskId: prepare!.id });
    expect(histPrepare!.endTime).toBeNull();

    // and completing it for someone the hook redirects works in one go
    await t.engine.completeTask(prepare!.id, { reviewer: 'ana' });
    const [review] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(review).toMatchObject({ taskDefinitionKey: 'review', assignee: 'ben', originalAssignee: 'ana' });
    expect((await t.engine.getComments({ processInstanceId: inst.id })).map((c) => c.taskId)).toEqual([review!.id]);
  });

  it('refuses a malformed redirect instead of creating a half-assigned task', async () => {
    // given
    const before = await t.engine.countHistoricInstances({ processDefinitionKey: 'leaveApproval' });
    // when
    const error = await rejection(t.engine.startProcess('leaveApproval', { variables: { approver: 'odd' } }));
    // then
    expect(error.code).toBe('LZ_ERR_DELEGATE_FAILED');
    expect(error.message).toContain('no usable redirect');
    expect(await t.engine.countHistoricInstances({ processDefinitionKey: 'leaveApproval' })).toBe(before);
  });
});
