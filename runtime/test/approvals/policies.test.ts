import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainProcess, openOffice, type Office } from './approval-setup.ts';

// Policies per approval step (docs/approvals.md): empty approver, initiator-is-approver and
// repeated-approver auto-approval, approver sources, timeouts (remind, auto-decide,
// escalate to the manager), and out-of-office delegation reaching an approval task.

let o: Office;
const HOUR = 3600_000;
beforeAll(async () => {
  o = await openOffice();
  const step = (id: string, collection: string, props: Record<string, string> = {}) => ({ id, name: id, collection, props });
  await o.deploy('e-pass.bpmn', chainProcess('e-pass', [step('s', '=[]', { 'lz.empty': 'autoApprove' })]));
  await o.deploy('e-fail.bpmn', chainProcess('e-fail', [step('s', '${usersWithRole("nobody")}', { 'lz.empty': 'autoReject' })]));
  await o.deploy('e-admin.bpmn', chainProcess('e-admin', [step('s', '${userList(chosen)}', { 'lz.empty': 'admin', 'lz.emptyAdmin': 'hr' })]));
  await o.deploy('self.bpmn', chainProcess('self', [step('s', '=["emp","a"]', { 'lz.selfApprove': 'true' })]));
  await o.deploy('repeat.bpmn', chainProcess('repeat', [step('s1', '=["a"]'), step('s2', '=["a","b"]', { 'lz.repeatApprove': 'true' })]));
  const sources = chainProcess('sources', [step('s1', '${initiatorDeptHead(initiator)}'), step('s2', '${managerOf(initiator, 2)}'), step('s3', '${userList(nextApprovers)}')]).replace(
    'id="s2" name="s2"',
    'id="s2" name="s2" camunda:formRef="pick-next" camunda:formRefBinding="latest"',
  );
  await o.t.app.engine.deploy([
    { name: 'sources.bpmn', content: sources },
    { name: 'pick-next.form', content: readFileSync(new URL('./pick-next.form', import.meta.url), 'utf8') },
  ]);
  await o.deploy('esc.bpmn', chainProcess('esc', [step('s', '=["mgr"]', { 'lz.timeout': 'PT2H', 'lz.timeoutAction': 'escalate' })]));
  await o.deploy('remind.bpmn', chainProcess('remind', [step('s', '=["a"]', { 'lz.timeout': 'PT1H', 'lz.timeoutAction': 'remind', 'lz.remindTimes': '2' })]));
  await o.deploy('auto.bpmn', chainProcess('auto', [step('s', '=["a"]', { 'lz.timeout': 'P1D', 'lz.timeoutAction': 'autoReject' })]));
  await o.deploy('ooo.bpmn', chainProcess('ooo', [step('s', '${managerOf(initiator, 1)}')]));
});
afterAll(() => o.t.close());

const state = async (id: string) => {
  const [h] = await o.t.app.engine.getHistoricInstances({ processInstanceId: id });
  return `${h?.state}:${h?.endActivityId ?? ''}`;
};
const later = (ms: number) => new Date(Date.now() + ms);

describe('empty approver', () => {
  it('passes, rejects, or goes to the named admin — and says so on the timeline', async () => {
    const pass = await o.start('e-pass');
    const fail = await o.start('e-fail');
    const admin = await o.start('e-admin', { chosen: '' });
    expect(await state(pass)).toBe('COMPLETED:end');
    expect(await state(fail)).toBe('COMPLETED:rejected');
    expect(await o.open(admin)).toEqual(['s:hr']);
    const comments = (await o.timeline(pass)).filter((i) => i.kind === 'comment').map((i) => i.message);
    expect(comments).toEqual(['s: no approver found, approved automatically']);
  });
});

describe('auto-approval', () => {
  it('the initiator as approver approves by themselves (lz.selfApprove)', async () => {
    const id = await o.start('self');
    expect(await o.open(id)).toEqual(['s:a']);
    const tasks = (await o.timeline(id)).filter((i) => i.kind === 'task').map((i) => [i.user, i.outcome]);
    expect(tasks).toEqual([
      ['emp', 'approved'],
      ['a', 'open'],
    ]);
    await o.act('a', (await o.task(id, 's')).id, { action: 'approve' });
    expect(await state(id)).toBe('COMPLETED:end');
  });

  it('someone who already approved approves again by themselves (lz.repeatApprove)', async () => {
    const id = await o.start('repeat');
    await o.act('a', (await o.task(id, 's1')).id, { action: 'approve' });
    expect(await o.open(id)).toEqual(['s2:b']);
    await o.act('b', (await o.task(id, 's2')).id, { action: 'approve' });
    expect(await state(id)).toBe('COMPLETED:end');
  });
});

describe('approver sources', () => {
  it("the initiator's department head, the second-level manager, and approvers the previous approver picked", async () => {
    const id = await o.start('sources');
    expect(await o.open(id)).toEqual(['s1:mgr']);
    await o.act('mgr', (await o.task(id, 's1')).id, { action: 'approve' });
    expect(await o.open(id)).toEqual(['s2:boss']);
    // boss picks the next approvers in his step's form (a field the next step's collection reads)
    await o.act('boss', (await o.task(id, 's2')).id, { action: 'approve', values: { nextApprovers: 'a,b', other: 1 } }, 400);
    await o.act('boss', (await o.task(id, 's2')).id, { action: 'approve', values: { nextApprovers: 'a,b' } });
    expect(await o.open(id)).toEqual(['s3:a', 's3:b']);
  });
});

describe('timeouts', () => {
  it('a timeout that escalates to the manager', async () => {
    // given: mgr does not act for two hours
    const id = await o.start('esc');
    const task = await o.task(id, 's');
    expect(await o.t.app.approvals.timeouts.sweep(later(HOUR))).toBe(0);
    // when
    const acted = await o.t.app.approvals.timeouts.sweep(later(2 * HOUR + 60_000));
    // then: the task is boss's (mgr's manager); a second sweep does nothing more
    expect(acted).toBe(1);
    expect(await o.open(id)).toEqual(['s:boss']);
    expect(await o.t.app.approvals.timeouts.sweep(later(10 * HOUR))).toBe(0);
    expect(await o.tree(id)).toBe('esc[s#multiInstanceBody[s]]');
    const actions = (await o.timeline(id)).filter((i) => i.kind === 'action').map((i) => [i.action, i.user, i.target ?? null]);
    expect(actions).toEqual([['escalate', null, 'boss']]);
    await o.act('boss', task.id, { action: 'approve' });
    expect(await state(id)).toBe('COMPLETED:end');
  });

  it('reminds N times, once per timeout; auto-reject decides', async () => {
    const r = await o.start('remind');
    expect(await o.t.app.approvals.timeouts.sweep(later(HOUR + 1000))).toBe(1);
    expect(await o.t.app.approvals.timeouts.sweep(later(HOUR + 2000))).toBe(0);
    expect(await o.t.app.approvals.timeouts.sweep(later(2 * HOUR + 2000))).toBe(1);
    expect(await o.t.app.approvals.timeouts.sweep(later(9 * HOUR))).toBe(0);
    expect((await o.timeline(r)).filter((i) => i.action === 'remind')).toHaveLength(2);
    const a = await o.start('auto');
    await o.t.app.approvals.timeouts.sweep(later(25 * HOUR));
    expect(await state(a)).toBe('COMPLETED:rejected');
    expect((await o.timeline(a)).find((i) => i.kind === 'task')).toMatchObject({ outcome: 'rejected' });
  });
});

describe('out of office', () => {
  it("an out-of-office approver's task reaches the delegate, who approves", async () => {
    // given: mgr is away and names x
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const r = await o.post('mgr', '/api/org/delegations', { delegateId: 'x', from: day(-1), to: day(1), reason: 'annual leave' });
    expect(r.statusCode, r.body).toBe(201);
    // when
    const id = await o.start('ooo');
    // then
    expect(await o.open(id)).toEqual(['s:x']);
    expect(await o.tree(id)).toBe('ooo[s#multiInstanceBody[s]]');
    await o.act('x', (await o.task(id, 's')).id, { action: 'approve' });
    expect(await state(id)).toBe('COMPLETED:end');
    const task = (await o.timeline(id)).find((i) => i.kind === 'task');
    expect(task).toMatchObject({ user: 'x', outcome: 'approved' });
    const comments = (await o.timeline(id)).filter((i) => i.kind === 'comment').map((i) => i.message);
    expect(comments).toEqual([expect.stringMatching(/^assigned to x instead of mgr: mgr is out of office/)]);
  });
});
