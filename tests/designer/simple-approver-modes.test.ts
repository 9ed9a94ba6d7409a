/**
 * Each approver source and mode simple mode emits (API contract D), run on the engine: who gets
 * the task, how many tasks there are, and when the step is decided.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@liuzhuan/engine';
import { toBpmn } from '../../designer/src/simple/to-bpmn.ts';
import type { ApproverNode } from '../../designer/src/simple/types.ts';
import { approver, openEngine, tree } from './simple-fixtures.ts';

let engine: Engine;
let close: () => Promise<void>;
beforeAll(async () => ({ engine, close } = await openEngine()));
afterAll(async () => close());

let deployed = 0;
/** one approver step followed by a plain user task `After`, started by alice */
async function run(step: ApproverNode): Promise<string> {
  const key = `modes-${++deployed}`;
  const t = tree([step, approver('After', { kind: 'user', value: 'zed' })]);
  await engine.deploy([{ name: `${key}.bpmn`, content: toBpmn(t, { key, name: key }) }]);
  return (await engine.startProcess(key, { startUserId: 'alice' })).id;
}

async function open(pi: string) {
  return (await engine.getTasks({ processInstanceId: pi })).sort((a, b) => (a.assignee ?? '').localeCompare(b.assignee ?? ''));
}

async function ends(pi: string): Promise<string[]> {
  return (await engine.getHistoricActivities({ processInstanceId: pi })).filter((a) => a.activityType.endsWith('ndEvent')).map((a) => a.activityId);
}

describe('approver sources and modes on the engine', () => {
  it('role, all: one task per member; one rejection decides the step and cancels the others', async () => {
    // given
    const pi = await run(approver('Step', { kind: 'role', value: 'finance' }, 'all'));
    const tasks = await open(pi);
    expect(tasks.map((t) => t.assignee)).toEqual(['fay', 'fred']);
    // when
    await engine.completeTask(tasks[0]!.id, { approved: false });
    // then
    expect(await open(pi)).toEqual([]);
    expect(await ends(pi)).toEqual(['Step_rejected']);
  });

  it('role, all: everyone approving moves on', async () => {
    // given
    const pi = await run(approver('Step', { kind: 'role', value: 'finance' }, 'all'));
    // when
    for (const t of await open(pi)) await engine.completeTask(t.id, { approved: true });
    // then
    expect((await open(pi)).map((t) => t.taskDefinitionKey)).toEqual(['After']);
  });

  it('role, any: the first decision counts and the other tasks go away', async () => {
    // given
    const pi = await run(approver('Step', { kind: 'role', value: 'finance' }, 'any'));
    const tasks = await open(pi);
    expect(tasks).toHaveLength(2);
    // when
    await engine.completeTask(tasks[1]!.id, { approved: true });
    // then
    expect((await open(pi)).map((t) => t.taskDefinitionKey)).toEqual(['After']);
  });

  it('users, sequential: one task at a time in the listed order (a FEEL list collection)', async () => {
    // given
    const pi = await run(approver('Step', { kind: 'users', value: 'u2, u1' }, 'sequential'));
    // when / then
    const first = await open(pi);
    expect(first.map((t) => t.assignee)).toEqual(['u2']);
    await engine.completeTask(first[0]!.id, { approved: true });
    const second = await open(pi);
    expect(second.map((t) => t.assignee)).toEqual(['u1']);
    await engine.completeTask(second[0]!.id, { approved: false });
    expect(await ends(pi)).toEqual(['Step_rejected']);
  });

  it('users, any: one task the listed users can claim', async () => {
    // when
    const pi = await run(approver('Step', { kind: 'users', value: 'u1,u2' }, 'any'));
    // then
    const tasks = await open(pi);
    expect(tasks.map((t) => [t.assignee, t.candidateUsers.sort()])).toEqual([[null, ['u1', 'u2']]]);
  });

  it('group, any: one task for the group; group, all: one per member', async () => {
    // when
    const anyPi = await run(approver('Step', { kind: 'group', value: 'auditors' }, 'any'));
    const allPi = await run(approver('Step', { kind: 'group', value: 'auditors' }, 'all'));
    // then
    expect((await open(anyPi)).map((t) => [t.assignee, t.candidateGroups])).toEqual([[null, ['auditors']]]);
    expect((await open(allPi)).map((t) => t.assignee)).toEqual(['ann', 'art']);
  });

  it('dept-head and manager name one assignee; the approver form is the task form', async () => {
    // when
    const head = await run(approver('Step', { kind: 'dept-head', value: 'sales' }, 'all', { formKey: 'approve-form' }));
    const boss = await run(approver('Step', { kind: 'manager', value: '', level: 1 }, 'any'));
    // then
    expect((await open(head)).map((t) => [t.assignee, t.formKey])).toEqual([['sam', 'approve-form']]);
    expect((await open(boss)).map((t) => t.assignee)).toEqual(['bob']);
  });
});
