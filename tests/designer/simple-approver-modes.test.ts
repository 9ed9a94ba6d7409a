/**
 * Each approver source and mode simple mode emits (docs/approvals.md), run on the engine: every
 * step is a multi-instance task over its approvers — who gets the tasks, how many, in which
 * order — and the step ends when a vote sets `lzDecided` (the runtime's approval service decides
 * which vote does; simple-on-runtime.test.ts runs the real one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@liuzhuan/engine';
import { toBpmn } from '../../designer/src/simple/to-bpmn.ts';
import type { ApproverNode } from '../../designer/src/simple/types.ts';
import { approver, openEngine, tree, vote } from './simple-fixtures.ts';

let engine: Engine;
let close: () => Promise<void>;
beforeAll(async () => ({ engine, close } = await openEngine()));
afterAll(async () => close());

let deployed = 0;
/** one approver step followed by a plain approver step `After` (zed), started by alice */
async function run(step: ApproverNode, variables: Record<string, unknown> = {}, before: ApproverNode[] = []): Promise<string> {
  const key = `modes-${++deployed}`;
  const t = tree([...before, step, approver('After', { kind: 'user', value: 'zed' })]);
  await engine.deploy([{ name: `${key}.bpmn`, content: toBpmn(t, { key, name: key }) }]);
  return (await engine.startProcess(key, { startUserId: 'alice', variables })).id;
}

async function open(pi: string) {
  return (await engine.getTasks({ processInstanceId: pi })).sort((a, b) => (a.assignee ?? '').localeCompare(b.assignee ?? ''));
}

async function assignees(pi: string, step = 'Step'): Promise<Array<string | null>> {
  return (await open(pi)).filter((t) => t.taskDefinitionKey === step).map((t) => t.assignee);
}

async function ends(pi: string): Promise<string[]> {
  return (await engine.getHistoricActivities({ processInstanceId: pi })).filter((a) => a.activityType.endsWith('ndEvent')).map((a) => a.activityId);
}

describe('approver sources on the engine: one task per approver, assigned to ${approver}', () => {
  it('one named user is a loop of one', async () => {
    // when
    const pi = await run(approver('Step', { kind: 'user', value: 'bob' }));
    // then
    const tasks = await open(pi);
    expect(tasks.map((t) => [t.taskDefinitionKey, t.assignee, t.candidateUsers])).toEqual([['Step', 'bob', []]]);
  });

  it('named users, any: one task each (a FEEL list collection), no shared claimable task', async () => {
    // when
    const pi = await run(approver('Step', { kind: 'users', value: 'u1,u2' }, 'any'));
    // then
    expect(await assignees(pi)).toEqual(['u1', 'u2']);
  });

  it('role and group: one task per member, whatever the mode', async () => {
    // when
    const role = await run(approver('Step', { kind: 'role', value: 'board' }, 'ratio', { passRatio: 0.6 }));
    const group = await run(approver('Step', { kind: 'group', value: 'auditors' }, 'any'));
    // then
    expect(await assignees(role)).toEqual(['bea', 'ben', 'bo']);
    expect(await assignees(group)).toEqual(['ann', 'art']);
  });

  it('department head, manager N levels up, the initiator\'s own department head', async () => {
    // when
    const head = await run(approver('Step', { kind: 'dept-head', value: 'sales' }, 'all', { formKey: 'approve-form' }));
    const boss = await run(approver('Step', { kind: 'manager', value: '', level: 2 }));
    const own = await run(approver('Step', { kind: 'initiator-dept-head', value: '' }));
    // then: alice → bob → carol; alice works in ops, headed by olga
    expect((await open(head)).map((t) => [t.assignee, t.formKey])).toEqual([['sam', 'approve-form']]);
    expect(await assignees(boss)).toEqual(['carol']);
    expect(await assignees(own)).toEqual(['olga']);
  });

  it('picked by the initiator: the start variable, a list or a comma string', async () => {
    // when
    const list = await run(approver('Step', { kind: 'initiator-picks', value: 'picked' }), { picked: ['p2', 'p1'] });
    const text = await run(approver('Step', { kind: 'initiator-picks', value: 'picked' }), { picked: 'p3, p4' });
    // then
    expect(await assignees(list)).toEqual(['p1', 'p2']);
    expect(await assignees(text)).toEqual(['p3', 'p4']);
  });

  it('a form field holding one user id', async () => {
    // when
    const pi = await run(approver('Step', { kind: 'form-field', value: 'reviewer' }), { reviewer: 'rita' });
    // then
    expect(await assignees(pi)).toEqual(['rita']);
  });

  it('picked by the previous approver: the variable they set with their decision', async () => {
    // given
    const pi = await run(approver('Step', { kind: 'previous-picks', value: 'nextApprovers' }), {}, [approver('First', { kind: 'user', value: 'bob' })]);
    const [first] = await open(pi);
    // when
    await vote(engine, first!.id, true, true, { nextApprovers: ['n1', 'n2'] });
    // then
    expect(await assignees(pi)).toEqual(['n1', 'n2']);
  });
});

describe('modes on the engine: the step ends when a vote decides it', () => {
  it('all: a deciding rejection cancels the other tasks and ends at the rejected end', async () => {
    // given
    const pi = await run(approver('Step', { kind: 'role', value: 'finance' }, 'all'));
    const tasks = await open(pi);
    expect(tasks.map((t) => t.assignee)).toEqual(['fay', 'fred']);
    // when
    await vote(engine, tasks[0]!.id, false, true);
    // then
    expect(await open(pi)).toEqual([]);
    expect(await ends(pi)).toEqual(['Step_rejected']);
  });

  it('all: a vote that does not decide leaves the others open; the last one moves on', async () => {
    // given
    const pi = await run(approver('Step', { kind: 'role', value: 'finance' }, 'all'));
    const [fay, fred] = await open(pi);
    // when
    await vote(engine, fay!.id, true, false);
    // then
    expect(await assignees(pi)).toEqual(['fred']);
    await vote(engine, fred!.id, true, true);
    expect((await open(pi)).map((t) => t.taskDefinitionKey)).toEqual(['After']);
  });

  it('any: the first decision counts and the other tasks go away', async () => {
    // given
    const pi = await run(approver('Step', { kind: 'role', value: 'finance' }, 'any'));
    const tasks = await open(pi);
    // when
    await vote(engine, tasks[1]!.id, true, true);
    // then
    expect((await open(pi)).map((t) => t.taskDefinitionKey)).toEqual(['After']);
  });

  it('sequential: one task at a time in the listed order', async () => {
    // given
    const pi = await run(approver('Step', { kind: 'users', value: 'u2, u1' }, 'sequential'));
    // when / then
    const first = await open(pi);
    expect(first.map((t) => t.assignee)).toEqual(['u2']);
    await vote(engine, first[0]!.id, true, false);
    const second = await open(pi);
    expect(second.map((t) => t.assignee)).toEqual(['u1']);
    await vote(engine, second[0]!.id, false, true);
    expect(await ends(pi)).toEqual(['Step_rejected']);
  });

  it('ratio: the step ends on the deciding vote, before everyone voted', async () => {
    // given
    const pi = await run(approver('Step', { kind: 'role', value: 'board' }, 'ratio', { passRatio: 0.6 }));
    const [bea, ben] = await open(pi);
    // when
    await vote(engine, bea!.id, true, false);
    await vote(engine, ben!.id, true, true);
    // then
    expect((await open(pi)).map((t) => t.taskDefinitionKey)).toEqual(['After']);
  });
});
