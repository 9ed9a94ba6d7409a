import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const DAY = 86_400_000;

describe('call activity: variables, waiting, cancellation', () => {
  let t: TestEngine;
  const childOf = async (parentId: string) => (await t.engine.getHistoricInstances({ superProcessInstanceId: parentId }))[0]!;
  const childTask = async (childId: string) => (await t.engine.getTasks({ processInstanceId: childId }))[0]!;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'variables.bpmn');
  });
  afterAll(() => t.close());

  it('camunda:in source / sourceExpression / businessKey: the child gets only what is mapped', async () => {
    // when
    const parent = await t.engine.startProcess('mapped', { variables: { a: 4, other: 'not passed' }, businessKey: 'BK-9' });
    // then
    const child = await childOf(parent.id);
    expect(child).toMatchObject({ definitionKey: 'worker', businessKey: 'BK-9', state: 'ACTIVE' });
    expect(await t.engine.getVariables(child.id)).toEqual({ childA: 4, childB: 40, m: null });
    // the parent waits in the call activity
    const callExec = (await t.engine.getExecutions(parent.id)).find((e) => e.activityId === 'callMapped');
    expect(callExec?.state).toBe('waiting');
    const [act] = await t.engine.getHistoricActivities({ processInstanceId: parent.id, activityId: 'callMapped' });
    expect(act?.calledProcessInstanceId).toBe(child.id);
  });

  it('camunda:out source / sourceExpression: the parent gets only what is mapped, then continues', async () => {
    // given
    const parent = await t.engine.startProcess('mapped', { variables: { a: 1 } });
    const child = await childOf(parent.id);
    // when
    await t.engine.completeTask((await childTask(child.id)).id, { result: 5, secret: 'stays in the child' });
    // then
    expect(await t.engine.getProcessInstance(child.id)).toBeNull();
    expect((await childOf(parent.id)).state).toBe('COMPLETED');
    expect(await t.engine.getVariables(parent.id)).toEqual({ a: 1, parentResult: 5, plusOne: 6 });
    expect((await t.engine.getTasks({ processInstanceId: parent.id })).map((x) => x.taskDefinitionKey)).toEqual(['afterCall']);
    // the boundary timer went with the call activity
    expect(await t.engine.getJobs({ processInstanceId: parent.id })).toEqual([]);
  });

  it('an interrupting boundary timer on the call activity cancels the child', async () => {
    // given
    const parent = await t.engine.startProcess('mapped', { variables: { a: 1 } });
    const child = await childOf(parent.id);
    const task = await childTask(child.id);
    // when
    t.clock.advance(DAY);
    await t.engine.runDueJobs();
    // then
    expect((await t.engine.getTasks({ processInstanceId: parent.id })).map((x) => x.taskDefinitionKey)).toEqual(['escalate']);
    expect(await t.engine.getProcessInstance(child.id)).toBeNull();
    expect(await t.engine.getTask(task.id)).toBeNull();
    expect(await t.engine.getExecutions(child.id)).toEqual([]);
    const after = await childOf(parent.id);
    expect(after.state).toBe('INTERNALLY_TERMINATED');
    expect(after.endTime).not.toBeNull();
    expect((await t.engine.getHistoricActivities({ processInstanceId: parent.id, activityId: 'callMapped' })).map((a) => a.state)).toEqual(['canceled']);
  });

  it('deleting the parent deletes the child', async () => {
    const parent = await t.engine.startProcess('mapped', { variables: { a: 1 } });
    const child = await childOf(parent.id);
    await t.engine.deleteProcessInstance(parent.id);
    expect(await t.engine.getProcessInstance(child.id)).toBeNull();
    expect(await t.engine.getTasks({ processInstanceId: child.id })).toEqual([]);
    expect((await childOf(parent.id)).endTime).not.toBeNull();
  });

  it('camunda:in/out variables="all" copy every variable both ways', async () => {
    // given
    const parent = await t.engine.startProcess('allVars', { variables: { x: 1, y: 'two' } });
    const child = await childOf(parent.id);
    expect(await t.engine.getVariables(child.id)).toEqual({ x: 1, y: 'two' });
    // when
    await t.engine.completeTask((await childTask(child.id)).id, { y: 'changed', z: true });
    // then
    expect(await t.engine.getProcessInstance(parent.id)).toBeNull();
    const updates = await t.engine.getHistoricVariableUpdates({ processInstanceId: parent.id });
    const last = Object.fromEntries(updates.map((u) => [u.name, u.value]));
    expect(last).toEqual({ x: 1, y: 'changed', z: true });
  });

  it('a child that ends at once returns within the same command', async () => {
    const parent = await t.engine.startProcess('callInstant', { variables: { x: 41 } });
    expect((await childOf(parent.id)).state).toBe('COMPLETED');
    expect(await t.engine.getVariables(parent.id)).toEqual({ x: 41, sum: 42 });
    expect((await t.engine.getTasks({ processInstanceId: parent.id })).map((x) => x.taskDefinitionKey)).toEqual(['next']);
  });
});
