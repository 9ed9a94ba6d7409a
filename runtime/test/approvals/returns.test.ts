import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainProcess, openOffice, splitProcess, type Office } from './approval-setup.ts';

// Return (退回) to an earlier step: inside a countersign, out of a parallel or inclusive
// branch while the other branch has finished, within one branch, and to the initiator.
// Each checks the activity tree (nothing dangling) and the timeline.

let o: Office;
beforeAll(async () => {
  o = await openOffice();
  await o.deploy(
    'chain.bpmn',
    chainProcess(
      'chain',
      [
        { id: 's1', name: 'Manager', collection: '${managerOf(initiator, 1)}' },
        { id: 's2', name: 'Countersign', collection: '=["a","b","c"]', props: { 'lz.mode': 'all' } },
      ],
      { resubmit: true },
    ),
  );
  await o.deploy('par.bpmn', splitProcess('par', 'parallelGateway'));
  await o.deploy('inc.bpmn', splitProcess('inc', 'inclusiveGateway'));
});
afterAll(() => o.t.close());

describe('return', () => {
  it('from the second signer of a 3-person countersign to the step before it', async () => {
    // given: the manager approved, a approved, b and c are open
    const id = await o.start('chain');
    await o.act('mgr', (await o.task(id, 's1')).id, { action: 'approve' });
    await o.act('a', (await o.task(id, 's2', 'a')).id, { action: 'approve' });
    const b = await o.task(id, 's2', 'b');
    // when: b looks at the returnable steps and returns to the manager's step
    const actions = (await o.get('b', `/api/tasks/${b.id}/actions`)).json();
    await o.act('b', b.id, { action: 'return', target: 's1', comment: 'Wrong cost centre' });
    // then: the whole countersign is gone (c's task too), the manager's step is open again
    expect(actions.returnable).toEqual([
      { activityId: 's1', name: 'Manager', kind: 'step' },
      { activityId: 'resubmit', name: 'Resubmit', kind: 'initiator' },
    ]);
    expect(await o.open(id)).toEqual(['s1:mgr']);
    expect(await o.tree(id)).toBe('chain[s1#multiInstanceBody[s1]]');
    const items = await o.timeline(id);
    expect(items.filter((i) => i.kind === 'action').map((i) => [i.action, i.user, i.target ?? null])).toEqual([
      ['approve', 'mgr', null],
      ['approve', 'a', null],
      ['return', 'b', 's1'],
    ]);
    expect(items.find((i) => i.action === 'return')?.message).toBe('Wrong cost centre');
    // the cancelled signers' tasks have no outcome
    expect(items.filter((i) => i.kind === 'task' && i.activityId === 's2').map((i) => [i.user, i.outcome, i.message])).toEqual([
      ['a', 'approved', null],
      ['b', null, 'returned'],
      ['c', null, 'returned'],
    ]);
    // and the re-entered steps go on: everyone approves this time
    await o.act('mgr', (await o.task(id, 's1')).id, { action: 'approve' });
    for (const u of ['a', 'b', 'c']) await o.act(u, (await o.task(id, 's2', u)).id, { action: 'approve' });
    const [h] = await o.t.app.engine.getHistoricInstances({ processInstanceId: id });
    expect([h?.state, h?.endActivityId]).toEqual(['COMPLETED', 'end']);
  });

  for (const key of ['par', 'inc']) {
    it(`out of one branch of a ${key === 'par' ? 'parallel' : 'inclusive'} split while the other branch has already finished`, async () => {
      // given: s0 approved; branch B approved (its token waits at the join); branch A at a2
      const id = await o.start(key);
      await o.act('mgr', (await o.task(id, 's0')).id, { action: 'approve' });
      await o.act('c', (await o.task(id, 'b')).id, { action: 'approve' });
      await o.act('a', (await o.task(id, 'a1')).id, { action: 'approve' });
      expect(await o.tree(id)).toBe(`${key}[a2#multiInstanceBody[a2],join]`);
      // when: a2 returns to s0, before the split
      await o.act('b', (await o.task(id, 'a2')).id, { action: 'return', target: 's0' });
      // then: the waiting token at the join is gone too; only s0 is open
      expect(await o.tree(id)).toBe(`${key}[s0#multiInstanceBody[s0]]`);
      expect(await o.open(id)).toEqual(['s0:mgr']);
      // and a second round reaches the end through both branches
      await o.act('mgr', (await o.task(id, 's0')).id, { action: 'approve' });
      await o.act('a', (await o.task(id, 'a1')).id, { action: 'approve' });
      await o.act('b', (await o.task(id, 'a2')).id, { action: 'approve' });
      await o.act('c', (await o.task(id, 'b')).id, { action: 'approve' });
      expect(await o.open(id)).toEqual(['after:hr']);
    });
  }

  it('within one branch: the other branch goes on untouched', async () => {
    // given: both branches open, a1 approved
    const id = await o.start('par');
    await o.act('mgr', (await o.task(id, 's0')).id, { action: 'approve' });
    await o.act('a', (await o.task(id, 'a1')).id, { action: 'approve' });
    const a2 = await o.task(id, 'a2');
    // when
    const returnable = (await o.get('b', `/api/tasks/${a2.id}/actions`)).json().returnable.map((s: { activityId: string }) => s.activityId);
    await o.act('b', a2.id, { action: 'return', target: 'a1' });
    // then: a1 again, b still open
    expect(returnable).toEqual(['a1', 's0']);
    expect(await o.tree(id)).toBe('par[a1#multiInstanceBody[a1],b#multiInstanceBody[b]]');
    await o.act('c', (await o.task(id, 'b')).id, { action: 'approve' });
    await o.act('a', (await o.task(id, 'a1')).id, { action: 'approve' });
    await o.act('b', (await o.task(id, 'a2')).id, { action: 'approve' });
    expect(await o.open(id)).toEqual(['after:hr']);
  });

  it('to the initiator, who resubmits; a step not in the list is refused and nothing changes', async () => {
    // given
    const id = await o.start('chain');
    const s1 = await o.task(id, 's1');
    // when: a step that is not returnable
    const bad = await o.act('mgr', s1.id, { action: 'return', target: 's2' }, 400);
    // then
    expect(bad.json().message).toContain('not a step this request can be returned to');
    expect(await o.open(id)).toEqual(['s1:mgr']);
    // when: back to the initiator
    await o.act('mgr', s1.id, { action: 'return', target: 'initiator', comment: 'Add the receipt' });
    expect(await o.open(id)).toEqual(['resubmit:emp']);
    const r = (await o.get('emp', `/api/tasks/${(await o.task(id, 'resubmit')).id}/actions`)).json();
    expect(r.actions).toEqual(['resubmit']);
    await o.act('emp', (await o.task(id, 'resubmit')).id, { action: 'resubmit', comment: 'Receipt attached' });
    // then: the manager's step again, approvers resolved anew
    expect(await o.open(id)).toEqual(['s1:mgr']);
    const actions = (await o.timeline(id)).filter((i) => i.kind === 'action').map((i) => [i.action, i.user, i.target ?? null]);
    expect(actions).toEqual([
      ['return', 'mgr', 'initiator'],
      ['resubmit', 'emp', null],
    ]);
  });

  it("a reject on a step whose policy is 'previous' returns to the step before", async () => {
    await o.deploy(
      'back.bpmn',
      chainProcess('back', [
        { id: 's1', name: 'Manager', collection: '${managerOf(initiator, 1)}' },
        { id: 's2', name: 'HR', collection: '=["hr"]', props: { 'lz.rejectPolicy': 'previous', 'lz.commentRequired': 'reject' } },
      ]),
    );
    const id = await o.start('back');
    await o.act('mgr', (await o.task(id, 's1')).id, { action: 'approve' });
    const s2 = await o.task(id, 's2');
    // a reject needs a comment here
    const silent = await o.act('hr', s2.id, { action: 'reject' }, 400);
    expect(silent.json().message).toContain('a comment is required');
    await o.act('hr', s2.id, { action: 'reject', comment: 'Needs the manager to re-check' });
    expect(await o.open(id)).toEqual(['s1:mgr']);
    expect((await o.timeline(id)).filter((i) => i.kind === 'action').map((i) => [i.action, i.target ?? null])).toEqual([
      ['approve', null],
      ['reject', 's1'],
    ]);
  });
});
