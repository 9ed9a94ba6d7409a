import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { deploy, userTaskProcess } from './org-setup.ts';

let t: TestApp;
let alice: { id: string; password: string };
let bob: { id: string; password: string };
let carol: { id: string; password: string };
beforeAll(async () => {
  t = await createTestApp();
  alice = await t.user('alice');
  bob = await t.user('bob');
  carol = await t.user('carol');
  await t.user('dave');
  await deploy(t, 'alice.bpmn', userTaskProcess('org-for-alice', 'camunda:assignee="alice"'));
  await deploy(t, 'dave.bpmn', userTaskProcess('org-for-dave', 'camunda:assignee="dave"'));
});
afterAll(async () => t.close());

const DAY = 24 * 3600_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

const list = async (user: { id: string; password: string } | null, query = '') => {
  const r = user ? await t.request(user, { method: 'GET', url: `/api/org/delegations${query}` }) : await t.admin({ method: 'GET', url: `/api/org/delegations${query}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { id: string; userId: string; delegateId: string }[];
};

const startTask = async (key: string) => {
  const inst = await t.app.engine.startProcess(key);
  const [task] = await t.app.engine.getTasks({ processInstanceId: inst.id });
  return task!;
};

describe('out-of-office delegation', () => {
  it("while alice is out her new tasks go to bob; the task and its history say why", async () => {
    // given: alice sets her own out-of-office, yesterday to tomorrow
    const r = await t.request(alice, { method: 'POST', url: '/api/org/delegations', payload: { delegateId: 'bob', from: day(-1), to: day(1), reason: 'holiday' } });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json();
    expect(d).toMatchObject({ userId: 'alice', delegateId: 'bob', reason: 'holiday', createdBy: 'alice', startsAt: `${day(-1)}T00:00:00.000Z`, endsAt: `${day(2)}T00:00:00.000Z` });
    // when
    const task = await startTask('org-for-alice');
    // then
    expect(task.assignee).toBe('bob');
    expect(task.originalAssignee).toBe('alice');
    expect(task.assignmentNote).toBe(`alice is out of office ${day(-1)} – ${day(1)} (delegation ${d.id}); assigned to bob`);
    const [hist] = await t.app.engine.getHistoricTasks({ taskId: task.id });
    expect(hist).toMatchObject({ assignee: 'bob', originalAssignee: 'alice', assignmentNote: task.assignmentNote });
    // bob finds it in his list
    const bobs = await t.request(bob, { method: 'GET', url: '/engine-rest/task?assignee=bob' });
    expect((bobs.json() as { id: string }[]).map((x) => x.id)).toContain(task.id);
    // when she is back (the delegation deleted), her tasks stay hers
    expect((await t.request(alice, { method: 'DELETE', url: `/api/org/delegations/${d.id}` })).statusCode).toBe(204);
    const after = await startTask('org-for-alice');
    expect(after.assignee).toBe('alice');
    expect(after.originalAssignee).toBeNull();
    expect(after.assignmentNote).toBeNull();
  });

  it('outside the window the task stays with the assignee', async () => {
    // given: an out-of-office next year, set by an admin
    const r = await t.admin({ method: 'POST', url: '/api/org/delegations', payload: { userId: 'alice', delegateId: 'bob', from: day(365), to: day(375) } });
    expect(r.statusCode, r.body).toBe(201);
    // when
    const task = await startTask('org-for-alice');
    // then
    expect(task.assignee).toBe('alice');
    expect(task.originalAssignee).toBeNull();
    await t.admin({ method: 'DELETE', url: `/api/org/delegations/${r.json().id}` });
  });

  it('follows a delegate who is out too, and stops at a loop', async () => {
    // given: dave → carol, carol → dave (both out now)
    const a = await t.admin({ method: 'POST', url: '/api/org/delegations', payload: { userId: 'dave', delegateId: 'carol', from: day(-1), to: day(1) } });
    expect(a.statusCode, a.body).toBe(201);
    const b = await t.request(carol, { method: 'POST', url: '/api/org/delegations', payload: { delegateId: 'bob', from: `${day(-1)}T08:00:00Z`, to: `${day(1)}T18:00:00+08:00` } });
    expect(b.statusCode, b.body).toBe(201);
    // when
    const task = await startTask('org-for-dave');
    // then: dave → carol → bob
    expect(task.assignee).toBe('bob');
    expect(task.originalAssignee).toBe('dave');
    expect(task.assignmentNote).toContain(`dave is out of office ${day(-1)} – ${day(1)} (delegation ${a.json().id})`);
    expect(task.assignmentNote).toContain(`carol is out of office ${day(-1)}T08:00:00.000Z – ${day(1)}T10:00:00.000Z (delegation ${b.json().id}); assigned to bob`);
    // and a loop: bob → dave while dave → carol → bob: a task for dave stops at bob, not back at dave
    const c = await t.request(bob, { method: 'POST', url: '/api/org/delegations', payload: { delegateId: 'dave', from: day(-1), to: day(1) } });
    expect(c.statusCode, c.body).toBe(201);
    expect((await startTask('org-for-dave')).assignee).toBe('bob');
    for (const x of [a, b, c]) expect((await t.admin({ method: 'DELETE', url: `/api/org/delegations/${x.json().id}` })).statusCode).toBe(204);
  });

  it('refuses bad delegations with 4xx and stores none of them', async () => {
    const bad: [Record<string, unknown>, number][] = [
      [{ delegateId: 'bob', from: day(3), to: day(2) }, 400],
      [{ delegateId: 'bob', from: `${day(3)}T10:00:00Z`, to: `${day(3)}T10:00:00Z` }, 400],
      [{ delegateId: 'alice', from: day(1), to: day(2) }, 400],
      [{ delegateId: 'ghost', from: day(1), to: day(2) }, 400],
      [{ delegateId: 'bob', from: 'next monday', to: day(2) }, 400],
      [{ delegateId: 'bob', from: '2026-02-30', to: '2026-03-02' }, 400],
      [{ delegateId: 'bob', from: `${day(1)}T10:00:00`, to: day(2) }, 400],
      [{ delegateId: 'bob', from: day(1), to: day(2), colour: 'red' }, 400],
      [{ userId: 'carol', delegateId: 'bob', from: day(1), to: day(2) }, 403],
    ];
    for (const [payload, status] of bad) {
      const r = await t.request(alice, { method: 'POST', url: '/api/org/delegations', payload });
      expect(r.statusCode, `${JSON.stringify(payload)}: ${r.body}`).toBe(status);
    }
    // an overlapping window for the same user
    const first = await t.request(alice, { method: 'POST', url: '/api/org/delegations', payload: { delegateId: 'bob', from: day(10), to: day(20) } });
    expect(first.statusCode).toBe(201);
    const overlap = await t.request(alice, { method: 'POST', url: '/api/org/delegations', payload: { delegateId: 'carol', from: day(15), to: day(25) } });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().message).toContain(first.json().id);
    expect((await list(null, '?userId=alice')).map((x) => x.id)).toEqual([first.json().id]);
    await t.admin({ method: 'DELETE', url: `/api/org/delegations/${first.json().id}` });
  });

  it('a user sees and deletes only their own (or the ones naming them as delegate); admins see all', async () => {
    // given
    const mine = await t.request(alice, { method: 'POST', url: '/api/org/delegations', payload: { delegateId: 'bob', from: day(30), to: day(31) } });
    const carols = await t.request(carol, { method: 'POST', url: '/api/org/delegations', payload: { delegateId: 'dave', from: day(30), to: day(31) } });
    // then
    expect((await list(alice)).map((x) => x.id)).toEqual([mine.json().id]);
    expect((await list(bob)).map((x) => x.id)).toEqual([mine.json().id]);
    expect((await t.request(alice, { method: 'GET', url: '/api/org/delegations?userId=carol' })).statusCode).toBe(403);
    expect((await list(null)).map((x) => x.id).sort()).toEqual([mine.json().id, carols.json().id].sort());
    expect((await t.request(alice, { method: 'DELETE', url: `/api/org/delegations/${carols.json().id}` })).statusCode).toBe(403);
    expect((await t.request(alice, { method: 'DELETE', url: '/api/org/delegations/d-none' })).statusCode).toBe(404);
    expect((await list(null)).length).toBe(2);
    expect((await t.request(null, { method: 'GET', url: '/api/org/delegations' })).statusCode).toBe(401);
  });
});
