import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainProcess, openOffice, type Office } from './approval-setup.ts';

// Approval actions (docs/approvals.md): votes per mode, transfer, delegate, add / remove
// signer, cc, withdraw, urge, batch approve, attachments. Each checks the open tasks or the
// activity tree and the timeline.

let o: Office;
const one = (id: string, name: string, collection: string, props: Record<string, string> = {}, sequential = false) => ({ id, name, collection, props, sequential });
beforeAll(async () => {
  o = await openOffice();
  const abc = '=["a","b","c"]';
  await o.deploy('all.bpmn', chainProcess('m-all', [one('s', 'All', abc, { 'lz.mode': 'all' })]));
  await o.deploy('any.bpmn', chainProcess('m-any', [one('s', 'Any', abc, { 'lz.mode': 'any' })]));
  await o.deploy('seq.bpmn', chainProcess('m-seq', [one('s', 'Sequential', abc, { 'lz.mode': 'sequential' }, true)]));
  await o.deploy('ratio.bpmn', chainProcess('m-ratio', [one('s', 'Ratio', '=["a","b","c","x","hr"]', { 'lz.mode': 'ratio', 'lz.passRatio': '0.6' })]));
  await o.deploy(
    'two.bpmn',
    chainProcess('two', [one('s1', 'Manager', '${managerOf(initiator, 1)}'), one('s2', 'Countersign', '=["a","b"]')], { props: { 'lz.withdraw': 'untouched' } }),
  );
  await o.deploy('always.bpmn', chainProcess('always', [one('s1', 'Manager', '${managerOf(initiator, 1)}')], { props: { 'lz.withdraw': 'always' } }));
});
afterAll(() => o.t.close());

const state = async (id: string) => {
  const [h] = await o.t.app.engine.getHistoricInstances({ processInstanceId: id });
  return `${h?.state}:${h?.endActivityId ?? ''}`;
};
const actionsOf = async (id: string) => (await o.timeline(id)).filter((i) => i.kind === 'action').map((i) => [i.action, i.user, i.target ?? null]);

describe('votes per mode', () => {
  it('all (会签): everyone approves; the first reject decides', async () => {
    const ok = await o.start('m-all');
    for (const u of ['a', 'b']) await o.act(u, (await o.task(ok, 's', u)).id, { action: 'approve' });
    expect(await o.open(ok)).toEqual(['s:c']);
    await o.act('c', (await o.task(ok, 's', 'c')).id, { action: 'approve' });
    expect(await state(ok)).toBe('COMPLETED:end');
    const no = await o.start('m-all');
    await o.act('a', (await o.task(no, 's', 'a')).id, { action: 'approve' });
    await o.act('b', (await o.task(no, 's', 'b')).id, { action: 'reject' });
    expect(await state(no)).toBe('COMPLETED:rejected');
    const tasks = (await o.timeline(no)).filter((i) => i.kind === 'task').map((i) => [i.user, i.outcome]);
    expect(tasks).toEqual([
      ['a', 'approved'],
      ['b', 'rejected'],
      ['c', null],
    ]);
  });

  it('any (或签): the first decision counts', async () => {
    const id = await o.start('m-any');
    await o.act('b', (await o.task(id, 's', 'b')).id, { action: 'reject' });
    expect(await state(id)).toBe('COMPLETED:rejected');
  });

  it('sequential (依次): one after another', async () => {
    const id = await o.start('m-seq');
    expect(await o.open(id)).toEqual(['s:a']);
    await o.act('a', (await o.task(id, 's')).id, { action: 'approve' });
    expect(await o.open(id)).toEqual(['s:b']);
    await o.act('b', (await o.task(id, 's')).id, { action: 'approve' });
    await o.act('c', (await o.task(id, 's')).id, { action: 'approve' });
    expect(await state(id)).toBe('COMPLETED:end');
  });

  it('ratio 0.6 of five: three approvals pass; three rejections fail early', async () => {
    const ok = await o.start('m-ratio');
    await o.act('a', (await o.task(ok, 's', 'a')).id, { action: 'approve' });
    await o.act('b', (await o.task(ok, 's', 'b')).id, { action: 'reject' });
    await o.act('c', (await o.task(ok, 's', 'c')).id, { action: 'approve' });
    expect(await o.open(ok)).toEqual(['s:hr', 's:x']);
    await o.act('x', (await o.task(ok, 's', 'x')).id, { action: 'approve' });
    expect(await state(ok)).toBe('COMPLETED:end');
    const no = await o.start('m-ratio');
    for (const u of ['a', 'b']) await o.act(u, (await o.task(no, 's', u)).id, { action: 'reject' });
    expect((await o.open(no)).length).toBe(3);
    await o.act('c', (await o.task(no, 's', 'c')).id, { action: 'reject' });
    expect(await state(no)).toBe('COMPLETED:rejected');
  });
});

describe('transfer, delegate, signers', () => {
  it('transfer (转交): the task becomes the other person’s', async () => {
    const id = await o.start('two');
    await o.act('mgr', (await o.task(id, 's1')).id, { action: 'transfer', userId: 'boss', comment: 'You know this supplier' });
    expect(await o.open(id)).toEqual(['s1:boss']);
    await o.act('mgr', (await o.task(id, 's1')).id, { action: 'approve' }, 403);
    await o.act('boss', (await o.task(id, 's1')).id, { action: 'approve' });
    expect(await o.open(id)).toEqual(['s2:a', 's2:b']);
    expect(await actionsOf(id)).toEqual([
      ['transfer', 'mgr', 'boss'],
      ['approve', 'boss', null],
    ]);
  });

  it('delegate: the delegate works on it and hands it back; then I decide', async () => {
    const id = await o.start('two');
    const s1 = await o.task(id, 's1');
    await o.act('mgr', s1.id, { action: 'delegate', userId: 'x' });
    expect(await o.open(id)).toEqual(['s1:x']);
    expect((await o.get('x', `/api/tasks/${s1.id}/actions`)).json().actions).toEqual(['resolve']);
    await o.act('x', s1.id, { action: 'approve' }, 409);
    await o.act('x', s1.id, { action: 'resolve', comment: 'Checked the quotes' });
    expect(await o.open(id)).toEqual(['s1:mgr']);
    await o.act('mgr', s1.id, { action: 'approve' });
    expect(await actionsOf(id)).toEqual([
      ['delegate', 'mgr', 'x'],
      ['resolve', 'x', 'mgr'],
      ['approve', 'mgr', null],
    ]);
  });

  it('add signer before: they decide first, then it comes back to me', async () => {
    const id = await o.start('two');
    const s1 = await o.task(id, 's1');
    await o.act('mgr', s1.id, { action: 'addSigner', userId: 'hr', position: 'before' });
    expect(await o.open(id)).toEqual(['s1:hr']);
    expect((await o.get('hr', `/api/tasks/${s1.id}/actions`)).json().actions).toEqual(['approve', 'reject']);
    await o.act('hr', s1.id, { action: 'approve', comment: 'HR has no objection' });
    expect(await o.open(id)).toEqual(['s1:mgr']);
    await o.act('mgr', s1.id, { action: 'approve' });
    expect(await o.open(id)).toEqual(['s2:a', 's2:b']);
    expect(await actionsOf(id)).toEqual([
      ['addSigner', 'mgr', 'before:hr'],
      ['approve', 'hr', null],
      ['approve', 'mgr', null],
    ]);
  });

  it('add signer after, then the added signer returns the request', async () => {
    // given: s1 approved; at the countersign a adds x after herself
    const id = await o.start('two');
    await o.act('mgr', (await o.task(id, 's1')).id, { action: 'approve' });
    await o.act('a', (await o.task(id, 's2', 'a')).id, { action: 'addSigner', userId: 'x', position: 'after' });
    expect(await o.open(id)).toEqual(['s2:b', 's2:x']);
    // when: x returns it to the manager's step
    const x = await o.task(id, 's2', 'x');
    expect((await o.get('x', `/api/tasks/${x.id}/actions`)).json().returnable.map((s: { activityId: string }) => s.activityId)).toEqual(['s1']);
    await o.act('x', x.id, { action: 'return', target: 's1', comment: 'The quote is outdated' });
    // then
    expect(await o.tree(id)).toBe('two[s1#multiInstanceBody[s1]]');
    expect(await actionsOf(id)).toEqual([
      ['approve', 'mgr', null],
      ['approve', 'a', null],
      ['addSigner', 'a', 'after:x'],
      ['return', 'x', 's1'],
    ]);
  });

  it('add signer in parallel, and remove one I added', async () => {
    const id = await o.start('two');
    await o.act('mgr', (await o.task(id, 's1')).id, { action: 'approve' });
    const a = await o.task(id, 's2', 'a');
    await o.act('a', a.id, { action: 'addSigner', userId: 'x', position: 'parallel' });
    await o.act('a', a.id, { action: 'addSigner', userId: 'hr', position: 'parallel' });
    expect(await o.open(id)).toEqual(['s2:a', 's2:b', 's2:hr', 's2:x']);
    const mine = (await o.get('a', `/api/tasks/${a.id}/actions`)).json();
    expect(mine.addedSigners.map((s: { userId: string; position: string }) => `${s.position}:${s.userId}`)).toEqual(['parallel:x', 'parallel:hr']);
    await o.act('a', a.id, { action: 'removeSigner', userId: 'hr' });
    expect(await o.open(id)).toEqual(['s2:a', 's2:b', 's2:x']);
    // someone else cannot remove my signer
    await o.act('b', (await o.task(id, 's2', 'b')).id, { action: 'removeSigner', userId: 'x' }, 400);
    for (const u of ['a', 'b']) await o.act(u, (await o.task(id, 's2', u)).id, { action: 'approve' });
    // the added signer is part of the countersign: all must approve
    expect(await o.open(id)).toEqual(['s2:x']);
    await o.act('x', (await o.task(id, 's2', 'x')).id, { action: 'approve' });
    expect(await state(id)).toBe('COMPLETED:end');
  });
});

describe('cc, withdraw, urge, batch, attachments', () => {
  it('withdraw after a CC: a copy is not acting, so the initiator may still withdraw', async () => {
    const id = await o.start('two');
    const cc = await o.post('emp', `/api/requests/${id}/cc`, { users: ['emp2'], comment: 'FYI' });
    expect(cc.statusCode, cc.body).toBe(200);
    const copied = (await o.get('emp2', '/api/inbox?tab=cc')).json();
    expect(copied.items.map((i: { processInstanceId: string; read: boolean }) => [i.processInstanceId, i.read])).toEqual([[id, false]]);
    // a stranger may not withdraw, nor copy
    expect((await o.post('emp2', `/api/requests/${id}/withdraw`, {})).statusCode).toBe(403);
    expect((await o.post('x', `/api/requests/${id}/cc`, { users: ['a'] })).statusCode).toBe(403);
    const w = await o.post('emp', `/api/requests/${id}/withdraw`, { comment: 'Bought it myself' });
    expect(w.statusCode, w.body).toBe(200);
    expect(await o.open(id)).toEqual([]);
    expect(await o.tree(id)).toBe('(ended)');
    expect(await actionsOf(id)).toEqual([
      ['cc', 'emp', 'emp2'],
      ['withdraw', 'emp', null],
    ]);
    expect((await o.timeline(id)).at(-1)).toMatchObject({ kind: 'ended', message: 'withdrawn' });
  });

  it("withdraw once someone acted: refused under 'untouched', allowed under 'always'", async () => {
    const id = await o.start('two');
    await o.act('mgr', (await o.task(id, 's1')).id, { action: 'approve' });
    const refused = await o.post('emp', `/api/requests/${id}/withdraw`, {});
    expect(refused.statusCode).toBe(400);
    expect(await o.open(id)).toEqual(['s2:a', 's2:b']);
    const any = await o.start('always');
    await o.act('mgr', (await o.task(any, 's1')).id, { action: 'transfer', userId: 'boss' });
    expect((await o.post('emp', `/api/requests/${any}/withdraw`, {})).statusCode).toBe(200);
    expect(await state(any)).toContain('EXTERNALLY_TERMINATED');
  });

  it('urge (催办): at most once per hour per task', async () => {
    const id = await o.start('two');
    const first = await o.post('emp', `/api/requests/${id}/urge`, { comment: 'Flight on Friday' });
    const again = await o.post('emp', `/api/requests/${id}/urge`, {});
    const stranger = await o.post('emp2', `/api/requests/${id}/urge`, {});
    expect([first.statusCode, again.statusCode, stranger.statusCode]).toEqual([200, 429, 403]);
    expect(first.json().tasks).toBe(1);
    expect(await actionsOf(id)).toEqual([['urge', 'emp', '1']]);
  });

  it('batch approve: each task on its own, failures reported', async () => {
    const ids = [await o.start('two'), await o.start('two')];
    const tasks = await Promise.all(ids.map((i) => o.task(i, 's1')));
    const r = await o.post('mgr', '/api/tasks/batch-act', { taskIds: [...tasks.map((t) => t.id), 'no-such-task'], action: 'approve', comment: 'OK' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().results.map((x: { ok: boolean }) => x.ok)).toEqual([true, true, false]);
    for (const i of ids) expect(await o.open(i)).toEqual(['s2:a', 's2:b']);
  });

  it('attachments go with the action and download for those who may see the request', async () => {
    const id = await o.start('two');
    const data = Buffer.from('発票 #42').toString('base64');
    await o.act('mgr', (await o.task(id, 's1')).id, { action: 'approve', comment: 'see invoice', attachments: [{ name: 'invoice.txt', contentType: 'text/plain', data }] });
    const item = (await o.timeline(id)).find((i) => i.kind === 'action') as unknown as { attachments: { id: string; name: string; size: number }[] };
    expect(item.attachments.map((a) => [a.name, a.size])).toEqual([['invoice.txt', Buffer.from('発票 #42').length]]);
    const file = await o.get('emp', `/api/attachments/${item.attachments[0]!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('発票 #42');
    expect((await o.get('emp2', `/api/attachments/${item.attachments[0]!.id}`)).statusCode).toBe(403);
    // too many files, bad base64: 400 and the task untouched
    const s2 = await o.task(id, 's2', 'a');
    const many = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.txt`, contentType: 'text/plain', data }));
    await o.act('a', s2.id, { action: 'approve', attachments: many }, 400);
    await o.act('a', s2.id, { action: 'approve', attachments: [{ name: 'x.txt', contentType: 'text/plain', data: '***' }] }, 400);
    expect(await o.open(id)).toEqual(['s2:a', 's2:b']);
  });

  it('wrong input is a 400 and changes nothing', async () => {
    const id = await o.start('two');
    const s1 = await o.task(id, 's1');
    await o.act('mgr', s1.id, { action: 'transfer' }, 400);
    await o.act('mgr', s1.id, { action: 'transfer', userId: 'nobody' }, 400);
    await o.act('mgr', s1.id, { action: 'transfer', userId: 'mgr' }, 400);
    await o.act('mgr', s1.id, { action: 'addSigner', userId: 'x' }, 400);
    await o.act('mgr', s1.id, { action: 'fly' }, 400);
    await o.act('mgr', s1.id, { action: 'approve', extra: 1 }, 400);
    await o.act('mgr', s1.id, { action: 'complete' }, 400);
    await o.act('mgr', s1.id, { action: 'resubmit' }, 400);
    expect(await o.open(id)).toEqual(['s1:mgr']);
    expect(await actionsOf(id)).toEqual([]);
  });
});
