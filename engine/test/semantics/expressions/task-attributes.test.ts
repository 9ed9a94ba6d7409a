import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../../helpers/test-engine.ts';

// camunda: user task attributes are expressions (Camunda 7 user task docs): candidate groups
// and users may be a collection or a comma-separated string; due and follow-up dates a Date
// or an ISO 8601 string; the priority a number.

describe('expressions in camunda: task attributes', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'task-attributes.bpmn');
  });
  afterAll(() => t.close());

  async function taskOf(key: string, variables: Record<string, unknown>) {
    const inst = await t.engine.startProcess(key, { variables });
    const tasks = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(tasks).toHaveLength(1);
    return tasks[0]!;
  }

  it('takes lists and Date variables', async () => {
    // given
    const due = new Date(T0 + 3 * 86_400_000);
    // when
    const task = await taskOf('assign', {
      customer: { name: 'ACME' },
      owner: 'olga',
      groups: ['sales', 'support'],
      users: ['ulf', 'uma'],
      due,
      followUp: new Date(T0 + 86_400_000),
      prio: 80,
    });
    // then
    expect(task).toMatchObject({ name: 'Handle ACME', assignee: 'olga', candidateGroups: ['sales', 'support'], candidateUsers: ['ulf', 'uma'], priority: 80 });
    expect(task.due?.getTime()).toBe(due.getTime());
    expect(task.followUp?.getTime()).toBe(T0 + 86_400_000);
    // the candidates find the task
    expect((await t.engine.getTasks({ candidateGroup: 'support', processInstanceId: task.processInstanceId })).map((x) => x.id)).toEqual([task.id]);
    expect((await t.engine.getTasks({ candidateUser: 'uma', processInstanceId: task.processInstanceId })).map((x) => x.id)).toEqual([task.id]);
    const [hist] = await t.engine.getHistoricTasks({ processInstanceId: task.processInstanceId });
    expect(hist).toMatchObject({ assignee: 'olga', name: 'Handle ACME' });
  });

  it('takes comma-separated strings and ISO 8601 date strings', async () => {
    const task = await taskOf('assign', {
      customer: { name: 'Beta' },
      owner: 'otto',
      groups: 'sales, support ,legal',
      users: 'ulf,uma',
      due: '2026-02-01T12:00:00Z',
      followUp: null,
      prio: '70',
    });
    expect(task).toMatchObject({ candidateGroups: ['sales', 'support', 'legal'], candidateUsers: ['ulf', 'uma'], priority: 70, followUp: null });
    expect(task.due?.toISOString()).toBe('2026-02-01T12:00:00.000Z');
  });

  it('treats null candidates and assignee as none', async () => {
    const task = await taskOf('assign', { customer: { name: 'C' }, owner: null, groups: null, users: [], due: null, followUp: null, prio: 50 });
    expect(task).toMatchObject({ assignee: null, candidateGroups: [], candidateUsers: [], due: null });
  });

  it('mixes text and expressions in one attribute', async () => {
    const task = await taskOf('mixedText', { region: 'north', urgent: true });
    expect(task).toMatchObject({ assignee: 'north-lead', candidateGroups: ['sales', 'north'], priority: 90 });
  });

  it('refuses a due date that is not a date, and stores nothing', async () => {
    const err = await t.engine.startProcess('assign', {
      businessKey: 'bad-due',
      variables: { customer: { name: 'D' }, owner: 'o', groups: [], users: [], due: 'next tuesday', followUp: null, prio: 1 },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LZ_ERR_EXPRESSION_EVAL' });
    expect((err as Error).message).toContain('handle');
    expect(await t.engine.getHistoricInstances({ businessKey: 'bad-due' })).toEqual([]);
  });

  it('runs one task per element of camunda:collection, with camunda:elementVariable', async () => {
    // when
    const inst = await t.engine.startProcess('reviewAll', { variables: { reviewers: ['kim', 'lee', 'max'] } });
    // then
    const tasks = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(tasks.map((x) => [x.assignee, x.name]).sort()).toEqual([
      ['kim', 'Review by kim'],
      ['lee', 'Review by lee'],
      ['max', 'Review by max'],
    ]);
    // the element variable is local to each inner instance, not on the process instance
    expect(await t.engine.getVariables(inst.id)).toEqual({ reviewers: ['kim', 'lee', 'max'] });
    for (const task of tasks) {
      const local = await t.engine.getVariables(inst.id, task.executionId);
      expect(local.reviewer).toBe(task.assignee);
    }
    for (const task of tasks) await t.engine.completeTask(task.id);
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
  });
});
