import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// The notification centre (issue 6, item 4): notify stores one row per recipient; a user
// lists, reads and reads-all only their own.

let t: TestApp;
let alice: { id: string; password: string };
let bob: { id: string; password: string };
beforeAll(async () => {
  t = await createTestApp();
  alice = await t.user('alice');
  bob = await t.user('bob');
});
afterAll(() => t.close());

const list = async (u: { id: string; password: string }, query = '') => {
  const r = await t.request(u, { method: 'GET', url: `/api/notifications${query}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: { id: string; kind: string; title: string; body: string | null; link: string | null; taskId: string | null; readAt: string | null }[]; total: number; unread: number };
};

describe('the notification centre', () => {
  it('stores one row per recipient (repeats and unknown users dropped) and lists newest first', async () => {
    // when
    const first = await t.app.notifications.notify(['alice', 'bob', 'alice', ' bob ', '', 'nobody'], { kind: 'task.urged', title: 'Please look at it', body: 'it is urgent', link: '/tasks/t-1', taskId: 't-1', processInstanceId: 'p-1' });
    await t.app.notifications.notify(['alice'], { kind: 'request.cc', title: 'Copied to you', link: '/requests/p-1', processInstanceId: 'p-1' });
    // then
    expect(first.notificationIds).toHaveLength(2);
    const mine = await list(alice);
    expect(mine).toMatchObject({ total: 2, unread: 2 });
    expect(mine.items.map((i) => i.kind)).toEqual(['request.cc', 'task.urged']);
    expect(mine.items[1]).toMatchObject({ title: 'Please look at it', body: 'it is urgent', link: '/tasks/t-1', taskId: 't-1', readAt: null });
    expect(mine.items[0]).toMatchObject({ body: null, taskId: null });
    expect(await list(bob)).toMatchObject({ total: 1, unread: 1, items: [{ kind: 'task.urged' }] });
  });

  it('marks one read, filters unread, pages, and keeps the first read time', async () => {
    // given
    const before = await list(alice);
    const target = before.items.find((i) => i.kind === 'task.urged')!;
    // when
    const read = await t.request(alice, { method: 'POST', url: `/api/notifications/${target.id}/read` });
    const again = await t.request(alice, { method: 'POST', url: `/api/notifications/${target.id}/read` });
    // then
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).toEqual(expect.any(String));
    expect(again.json().readAt).toBe(read.json().readAt);
    const unread = await list(alice, '?unread=true');
    expect(unread).toMatchObject({ total: 1, unread: 1 });
    expect(unread.items.map((i) => i.kind)).toEqual(['request.cc']);
    const page = await list(alice, '?first=1&max=1');
    expect(page).toMatchObject({ total: 2, unread: 1 });
    expect(page.items.map((i) => i.kind)).toEqual(['task.urged']);
  });

  it("answers 404 for someone else's notification and leaves it unread", async () => {
    // given
    const bobs = (await list(bob)).items[0]!;
    // when
    const r = await t.request(alice, { method: 'POST', url: `/api/notifications/${bobs.id}/read` });
    const missing = await t.request(alice, { method: 'POST', url: '/api/notifications/no-such-id/read' });
    // then
    expect(r.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(await list(bob)).toMatchObject({ unread: 1, items: [{ id: bobs.id, readAt: null }] });
    expect((await list(alice)).items.map((i) => i.id)).not.toContain(bobs.id);
  });

  it('reads all of mine and none of the others', async () => {
    // when
    const r = await t.request(alice, { method: 'POST', url: '/api/notifications/read-all' });
    // then
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ updated: 1, unread: 0 });
    expect(await list(alice)).toMatchObject({ total: 2, unread: 0 });
    expect(await list(bob)).toMatchObject({ total: 1, unread: 1 });
  });

  it('shortens over-long texts instead of refusing them, and tells nobody for an empty list', async () => {
    // when
    const long = await t.app.notifications.notify(['bob'], { kind: 'task.urged', title: 'x'.repeat(2000), body: 'y'.repeat(30_000) });
    const none = await t.app.notifications.notify([], { kind: 'task.urged', title: 'nobody' });
    // then
    expect(long.notificationIds).toHaveLength(1);
    expect(none).toEqual({ notificationIds: [], deliveries: 0 });
    const newest = (await list(bob)).items[0]!;
    expect(newest.title.length).toBe(500);
    expect(newest.body!.length).toBe(20_000);
  });

  it('answers 400 to a bad query and 401 without a login', async () => {
    expect((await t.request(alice, { method: 'GET', url: '/api/notifications?max=0' })).statusCode).toBe(400);
    expect((await t.request(alice, { method: 'GET', url: '/api/notifications?unread=maybe' })).statusCode).toBe(400);
    expect((await t.request(alice, { method: 'GET', url: '/api/notifications?color=red' })).statusCode).toBe(400);
    expect((await t.request(null, { method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});
