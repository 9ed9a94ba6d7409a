import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskScopeView, UserTaskPolicy } from '../../src/index.ts';
import { deployFixture } from '../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../helpers/test-engine.ts';

// EngineOptions.userTaskPolicy (collection and created phases), completeTask with a
// completion computed in the command, and adding / removing instances of a running
// multi-instance activity (the engine side of approval steps: empty approvers, auto-approve,
// votes, add and remove signer).

const policy: UserTaskPolicy = {
  collection: ({ collection, node }) => {
    if (node.id !== 'approve' || collection.length > 0) return null;
    return { collection: ['admin'], reason: 'no approver: the step goes to admin' };
  },
  created: ({ task, scope }) => {
    if (task.assignee === 'auto') return { complete: vote(scope, true), reason: 'auto-approved: the initiator is the approver' };
    if (task.assignee === 'away') return { assignee: 'stand-in', reason: 'away' };
    return null;
  },
};

/** all must approve; the first reject decides */
function vote(scope: TaskScopeView, yes: boolean) {
  const tally = (scope.read('tally') as number | null) ?? 0;
  const approvals = tally + (yes ? 1 : 0);
  const total = scope.loop?.total ?? 1;
  const decided = !yes || approvals >= total;
  return { loopVariables: { tally: approvals, lzDecided: decided }, variables: decided ? { approved: yes } : {} };
}

describe('user task policy, computed completions and loop instances', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine({ userTaskPolicy: policy });
    await deployFixture(t.engine, import.meta.url, 'task-policy.bpmn');
  });
  afterAll(() => t.close());

  const open = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => `${x.taskDefinitionKey}:${x.assignee}`).sort();

  it('tallies votes inside the completing command and completes the loop when decided', async () => {
    // given
    const inst = await t.engine.startProcess('vote', { variables: { approvers: ['a', 'b', 'c'] } });
    const tasks = await t.engine.getTasks({ processInstanceId: inst.id });
    // when: two of three approve, at once
    await Promise.all(tasks.slice(0, 2).map((x) => t.engine.completeTask(x.id, (s) => vote(s, true))));
    // then: not decided yet — the tally lost no vote
    expect(await open(inst.id)).toEqual([`approve:${tasks[2]!.assignee}`]);
    // when the third approves
    await t.engine.completeTask(tasks[2]!.id, (s) => vote(s, true));
    // then
    expect(await open(inst.id)).toEqual(['after:boss']);
    expect((await t.engine.getVariables(inst.id)).approved).toBe(true);
  });

  it('a reject decides at once and cancels the other approvers', async () => {
    const inst = await t.engine.startProcess('vote', { variables: { approvers: ['a', 'b'] } });
    const [first] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(first!.id, (s) => vote(s, false));
    expect(await open(inst.id)).toEqual(['after:boss']);
    expect((await t.engine.getVariables(inst.id)).approved).toBe(false);
  });

  it('replaces an empty collection and keeps the reason as a comment', async () => {
    const inst = await t.engine.startProcess('vote', { variables: { approvers: [] } });
    expect(await open(inst.id)).toEqual(['approve:admin']);
    const comments = await t.engine.getComments({ processInstanceId: inst.id });
    expect(comments.map((c) => c.message)).toContain('no approver: the step goes to admin');
  });

  it('completes a task as it is created, in the same command, and reassigns another', async () => {
    const inst = await t.engine.startProcess('vote', { variables: { approvers: ['auto', 'away'] } });
    // auto passed by itself; away's task went to the stand-in
    expect(await open(inst.id)).toEqual(['approve:stand-in']);
    const hist = await t.engine.getHistoricTasks({ processInstanceId: inst.id });
    expect(hist.find((h) => h.assignee === 'auto')).toMatchObject({ deleteReason: 'completed' });
    expect(hist.find((h) => h.assignee === 'stand-in')).toMatchObject({ originalAssignee: 'away', assignmentNote: 'away' });
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(task!.id, (s) => vote(s, true));
    expect(await open(inst.id)).toEqual(['after:boss']);
  });

  it('adds a parallel instance to a running loop, which then waits for it too', async () => {
    const inst = await t.engine.startProcess('vote', { variables: { approvers: ['a'] } });
    const [a] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.addLoopInstance(a!.id, 'x');
    expect(await open(inst.id)).toEqual(['approve:a', 'approve:x']);
    await t.engine.completeTask(a!.id, (s) => vote(s, true));
    expect(await open(inst.id)).toEqual(['approve:x']);
    const [x] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(x!.id, (s) => vote(s, true));
    expect(await open(inst.id)).toEqual(['after:boss']);
  });

  it('removes an added instance; the last open one cannot be removed', async () => {
    const inst = await t.engine.startProcess('vote', { variables: { approvers: ['a'] } });
    const [a] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.addLoopInstance(a!.id, 'x');
    await t.engine.removeLoopInstance(a!.id, 'x');
    expect(await open(inst.id)).toEqual(['approve:a']);
    await expect(t.engine.removeLoopInstance(a!.id, 'a')).rejects.toMatchObject({ code: 'LZ_ERR_BAD_REQUEST' });
    await expect(t.engine.removeLoopInstance(a!.id, 'nobody')).rejects.toMatchObject({ code: 'LZ_ERR_BAD_REQUEST' });
    await t.engine.completeTask(a!.id, (s) => vote(s, true));
    expect(await open(inst.id)).toEqual(['after:boss']);
  });

  it('a sequential loop takes an added instance right after the running one, and drops a removed one', async () => {
    const inst = await t.engine.startProcess('voteSeq', { variables: { approvers: ['a', 'c'] } });
    const [a] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.addLoopInstance(a!.id, 'b');
    await t.engine.addLoopInstance(a!.id, 'gone');
    await t.engine.removeLoopInstance(a!.id, 'gone');
    const order: string[] = [];
    for (;;) {
      const [next] = await t.engine.getTasks({ processInstanceId: inst.id });
      if (!next) break;
      order.push(next.assignee!);
      await t.engine.completeTask(next.id);
    }
    expect(order).toEqual(['a', 'b', 'c']);
    const [h] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(h?.state).toBe('COMPLETED');
  });

  it('refuses to add to a task outside a loop', async () => {
    const inst = await t.engine.startProcess('vote', { variables: { approvers: ['a'] } });
    const [a] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(a!.id, (s) => vote(s, true));
    const [after] = await t.engine.getTasks({ processInstanceId: inst.id });
    await expect(t.engine.addLoopInstance(after!.id, 'x')).rejects.toMatchObject({ code: 'LZ_ERR_BAD_REQUEST' });
  });
});

describe('process properties', () => {
  it('are on the compiled model', async () => {
    const t = await createTestEngine();
    try {
      await t.engine.deploy([
        {
          name: 'p.bpmn',
          content: `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
  <bpmn:process id="withProps" isExecutable="true">
    <bpmn:extensionElements><camunda:properties><camunda:property name="lz.withdraw" value="always" /><camunda:property name="lz.serialPattern" value="QJ-{seq4}" /></camunda:properties></bpmn:extensionElements>
    <bpmn:startEvent id="s" />
  </bpmn:process>
</bpmn:definitions>`,
        },
      ]);
      const [def] = await t.engine.getDefinitions({ key: 'withProps' });
      expect((await t.engine.getDefinitionModel(def!.id)).properties).toEqual({ 'lz.withdraw': 'always', 'lz.serialPattern': 'QJ-{seq4}' });
    } finally {
      await t.close();
    }
  });
});
