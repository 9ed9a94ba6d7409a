import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../helpers/test-app.ts';
import { waitUntil } from '../plugins/wait-until.ts';
import { openOffice, type Office, type User } from './workspace-setup.ts';

type Item = { id: string; processInstanceId: string; read?: boolean; name: string; state: string; taskId: string | null; initiator: string | null };

// API contract C: cc nodes (topic approval.cc worked in-process), the cc tab, and the timeline
describe('copies (cc) and the request timeline', () => {
  let o: Office;
  let pid: string;
  const ccOf = async (user: User) => {
    const res = await o.get(user, '/api/inbox?tab=cc');
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Item[]; total: number };
  };
  beforeAll(async () => {
    o = await openOffice();
    o.t.app.cc.start();
    // a request approved by mike with a comment, copied, its receipt confirmed by alice
    pid = await o.startPurchase();
    const approve = await o.openTask(pid);
    expect((await o.post(o.mike, `/api/tasks/${approve.id}/act`, { action: 'approve', values: { budget: 7 }, comment: 'Go ahead' })).statusCode).toBe(200);
    const receipt = await waitUntil('the receipt task', async () => (await o.t.app.engine.getTasks({ processInstanceId: pid, taskDefinitionKey: 'receive' }))[0]);
    expect((await o.post(o.alice, `/api/tasks/${receipt.id}/act`, { action: 'complete', values: {} })).statusCode).toBe(200);
  });
  afterAll(() => o.t.close());

  it('a cc step records one copy per listed user and group member; it shows in their cc tab, unread', async () => {
    // when
    const [carol, dave, erin, sam] = [await ccOf(o.carol), await ccOf(o.dave), await ccOf(o.erin), await ccOf(o.sam)];
    // then
    for (const tab of [carol, dave, erin]) {
      expect(tab.total).toBe(1);
      expect(tab.items[0]).toMatchObject({ processInstanceId: pid, taskId: null, name: 'Copy finance', read: false, initiator: 'alice', state: 'completed', processKey: 'purchase' });
    }
    expect(sam).toEqual({ items: [], total: 0 });
    expect((await o.t.app.engine.getHistoricActivities({ processInstanceId: pid, activityId: 'copy' }))[0]).toMatchObject({ state: 'completed' });
  });

  it('read marks a copy read for its owner only', async () => {
    // given
    const copy = (await ccOf(o.carol)).items[0]!;
    // when
    const other = await o.post(o.dave, `/api/inbox/cc/${copy.id}/read`);
    const res = await o.post(o.carol, `/api/inbox/cc/${copy.id}/read`);
    const again = await o.post(o.carol, `/api/inbox/cc/${copy.id}/read`);
    // then
    expect(other.statusCode).toBe(404);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: copy.id, read: true });
    expect(again.statusCode).toBe(200);
    expect((await ccOf(o.carol)).items[0]!.read).toBe(true);
    expect((await ccOf(o.dave)).items[0]!.read).toBe(false);
  });

  it('the timeline tells the request in order: started, each task with assignee and outcome, the comment, the copies, the end', async () => {
    // when
    const res = await o.get(o.alice, `/api/requests/${pid}/timeline`);
    // then
    expect(res.statusCode).toBe(200);
    const { instance, items } = res.json();
    expect(instance).toMatchObject({ id: pid, key: 'purchase', name: 'Purchase request', startedBy: 'alice', state: 'completed', businessKey: null });
    expect(instance.endTime).not.toBeNull();
    const brief = items.map((i: Record<string, unknown>) => [i.kind, i.activityId, i.user, i.outcome]);
    expect(brief).toEqual([
      ['started', 'start', 'alice', null],
      ['task', 'approve', 'mike', 'approved'],
      ['action', 'approve', 'mike', null],
      ...[['carol'], ['dave'], ['erin']].map(([u]) => ['cc', 'copy', u, null]).sort(),
      ['task', 'receive', 'alice', 'completed'],
      ['action', 'receive', 'alice', null],
      ['ended', 'done', null, null],
    ]);
    expect(items[0]).toMatchObject({ name: 'Requested' });
    expect(items[1]).toMatchObject({ name: 'Manager approves', endTime: expect.any(String) });
    expect(items[2]).toMatchObject({ action: 'approve', message: 'Go ahead', attachments: [] });
    expect(items.at(-1)).toMatchObject({ name: 'Done' });
    const times = items.map((i: { time: string }) => i.time);
    expect([...times].sort()).toEqual(times);
  });

  it('a rejected request: the task says rejected, the end is the rejected end event', async () => {
    // given
    const rejected = await o.startPurchase('yacht');
    await o.post(o.mona, `/api/tasks/${(await o.openTask(rejected)).id}/act`, { action: 'reject', values: {} });
    // when
    const { items } = (await o.get(o.mona, `/api/requests/${rejected}/timeline`)).json();
    // then
    expect(items.map((i: Record<string, unknown>) => [i.kind, i.activityId, i.user, i.outcome])).toEqual([
      ['started', 'start', 'alice', null],
      ['task', 'approve', 'mona', 'rejected'],
      ['action', 'approve', 'mona', null],
      ['ended', 'rejected', null, null],
    ]);
  });

  it('an open task shows as open; its candidates may look while it is theirs to take', async () => {
    // given
    const open = await o.startPurchase('pen');
    // when
    const res = await o.get(o.mike, `/api/requests/${open}/timeline`);
    // then
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: Record<string, unknown>) => [i.kind, i.user, i.outcome, i.endTime])).toEqual([
      ['started', 'alice', null, null],
      ['task', null, 'open', null],
    ]);
    expect(res.json().instance.state).toBe('active');
  });

  it('is seen by the initiator, those who worked on it, those copied and admins; a stranger gets 403', async () => {
    // when
    const status = async (user: User) => (await o.get(user, `/api/requests/${pid}/timeline`)).statusCode;
    // then
    expect(await status(o.alice)).toBe(200);
    expect(await status(o.mike)).toBe(200);
    expect(await status(o.erin)).toBe(200);
    expect(await status({ id: 'admin', password: ADMIN_PASSWORD })).toBe(200);
    expect(await status(o.sam)).toBe(403);
    expect((await o.get(o.alice, '/api/requests/no-such-request/timeline')).statusCode).toBe(404);
  });
});
