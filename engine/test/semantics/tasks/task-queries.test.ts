import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// The task query filters Camunda's REST API offers (TaskQueryDto), candidate changes
// (TaskService.addCandidateGroup / deleteCandidateUser) and what a user task's form declares.

const MIN = 60_000;

describe('task queries and candidates', () => {
  let t: TestEngine;
  const ids: string[] = [];
  const inst: string[] = [];
  const sorted = (xs: string[]) => [...xs].sort();
  const find = async (q: Parameters<TestEngine['engine']['getTasks']>[0]) => sorted((await t.engine.getTasks(q)).map((x) => x.id));
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'task-queries.bpmn');
    for (let i = 0; i < 3; i++) {
      const started = await t.engine.startProcess('taskQueries', { businessKey: `bk-${i}` });
      inst.push(started.id);
      ids.push((await t.engine.getTasks({ processInstanceId: started.id }))[0]!.id);
      t.clock.advance(MIN);
    }
    await t.engine.claimTask(ids[1]!, 'ann');
    await t.engine.updateTask(ids[1]!, { priority: 80, due: new Date(t.clock.now().getTime() + 60 * MIN), description: 'Check the invoice' });
    await t.engine.claimTask(ids[2]!, 'bea');
    await t.engine.delegateTask(ids[2]!, 'cid');
  });
  afterAll(() => t.close());

  it('filters by lists, likes, assignment, owner and delegation', async () => {
    expect(await find({ processInstanceIds: [inst[0]!, inst[2]!] })).toEqual(sorted([ids[0]!, ids[2]!]));
    expect(await find({ taskIds: [ids[1]!] })).toEqual([ids[1]]);
    expect(await find({ processDefinitionKeys: ['taskQueries', 'other'] })).toHaveLength(3);
    expect(await find({ taskDefinitionKeys: ['nope'] })).toEqual([]);
    expect(await find({ taskDefinitionKeyLike: 'rev%' })).toHaveLength(3);
    expect(await find({ assigneeLike: 'c%' })).toEqual([ids[2]]);
    expect(await find({ assignees: ['ann', 'cid'] })).toEqual(sorted([ids[1]!, ids[2]!]));
    expect(await find({ assigned: true })).toEqual(sorted([ids[1]!, ids[2]!]));
    expect(await find({ assigned: false })).toEqual([ids[0]]);
    expect(await find({ owner: 'bea' })).toEqual([ids[2]]);
    expect(await find({ delegationState: 'PENDING' })).toEqual([ids[2]]);
    expect(await find({ name: 'REVIEW' })).toHaveLength(3);
    expect(await find({ descriptionLike: '%invoice%' })).toEqual([ids[1]]);
    expect(await find({ businessKeyLike: 'bk-%' })).toHaveLength(3);
    expect((await t.engine.getTask(ids[2]!))?.delegationState).toBe('PENDING');
  });

  it('filters by priority and dates', async () => {
    const first = (await t.engine.getTask(ids[0]!))!.created;
    expect(await find({ priority: 80 })).toEqual([ids[1]]);
    expect(await find({ minPriority: 60 })).toEqual([ids[1]]);
    expect(await find({ maxPriority: 60 })).toEqual(sorted([ids[0]!, ids[2]!]));
    expect(await find({ dueAfter: t.clock.now() })).toEqual([ids[1]]);
    expect(await find({ withoutDueDate: true })).toEqual(sorted([ids[0]!, ids[2]!]));
    expect(await find({ createdAfter: first })).toEqual(sorted([ids[1]!, ids[2]!]));
    expect(await find({ createdBefore: new Date(first.getTime() + 1) })).toEqual([ids[0]]);
  });

  it('finds candidates by name or group, and who may see a task', async () => {
    expect(await find({ candidateGroups: ['ops', 'hr'] })).toHaveLength(3);
    expect(await find({ candidateOf: { userId: 'zed', groups: ['sales'] } })).toHaveLength(3);
    expect(await find({ candidateOf: { userId: 'uma', groups: [] } })).toHaveLength(3);
    expect(await find({ candidateOf: { userId: 'zed', groups: ['hr'] } })).toEqual([]);
    expect(await find({ withCandidateGroups: true })).toHaveLength(3);
    expect(await find({ withoutCandidateUsers: true })).toEqual([]);
    // bea is the owner of the delegated task; cid its delegate; ann the assignee of another
    expect(await find({ visibleTo: { userId: 'bea', groups: [] } })).toEqual([ids[2]]);
    expect(await find({ visibleTo: { userId: 'ann', groups: ['hr'] } })).toEqual([ids[1]]);
    expect(await find({ visibleTo: { userId: 'x', groups: ['ops'] } })).toHaveLength(3);
    expect(await find({ involved: 'bea' })).toEqual([ids[2]]);
    expect(await find({ involved: 'uma' })).toHaveLength(3);
  });

  it('sorts by the given keys, then by creation', async () => {
    const byPriority = await t.engine.getTasks({ sort: [{ by: 'priority', order: 'desc' }] });
    expect(byPriority.map((x) => x.id)).toEqual([ids[1], ids[0], ids[2]]);
    const byAssignee = await t.engine.getTasks({ sort: [{ by: 'assignee', order: 'asc' }] });
    expect(byAssignee.map((x) => x.assignee)).toEqual(['ann', 'cid', null]);
    expect((await t.engine.getTasks({ sort: [{ by: 'created', order: 'desc' }], first: 1, max: 1 })).map((x) => x.id)).toEqual([ids[1]]);
  });

  it('adds and removes candidates; a candidate added twice is there once', async () => {
    // when
    await t.engine.addTaskCandidate(ids[0]!, { groupId: 'hr' });
    await t.engine.addTaskCandidate(ids[0]!, { groupId: 'hr' });
    await t.engine.addTaskCandidate(ids[0]!, { userId: 'vic' });
    await t.engine.removeTaskCandidate(ids[0]!, { userId: 'uma' });
    await t.engine.removeTaskCandidate(ids[0]!, { groupId: 'not-there' });
    // then
    expect(await t.engine.getTask(ids[0]!)).toMatchObject({ candidateUsers: ['vic'], candidateGroups: ['sales', 'ops', 'hr'] });
    await expect(t.engine.addTaskCandidate(ids[0]!, { userId: 'a', groupId: 'b' })).rejects.toMatchObject({ code: 'LZ_ERR_BAD_REQUEST' });
    await expect(t.engine.addTaskCandidate('no-task', { userId: 'a' })).rejects.toMatchObject({ code: 'LZ_ERR_TASK_NOT_FOUND' });
  });

  it('compiles a user task’s camunda:formData fields and camunda:formRef', async () => {
    const task = (await t.engine.getTask(ids[0]!))!;
    const userTask = (await t.engine.getDefinitionModel(task.processDefinitionId)).nodes.get('review')!.userTask!;
    expect(userTask.formRef).toEqual({ key: 'review-form', binding: 'version', version: 3 });
    expect(userTask.formFields.map((f) => [f.id, f.type, f.defaultValue])).toEqual([
      ['amount', 'long', '5'],
      ['kind', 'enum', null],
    ]);
  });
});
