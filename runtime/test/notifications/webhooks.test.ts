import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { waitUntil } from '../plugins/wait-until.ts';
import { webhookRecorder } from './notifications-setup.ts';

// Webhooks per user or group (issue 6, item 4): who may set which, URL checks, one post per
// webhook per notify call in each flavor's shape, retries and the failure record.

type User = { id: string; password: string };
let t: TestApp;
let hooks: Awaited<ReturnType<typeof webhookRecorder>>;
let alice: User;
let bob: User;
beforeAll(async () => {
  hooks = await webhookRecorder({
    '/down': { status: 503, body: { error: 'down' } },
    '/gone': { status: 404 },
    '/ding-refuses': { status: 200, body: { errcode: 310000, errmsg: 'keywords not in content' } },
  });
  t = await createTestApp();
  alice = await t.user('alice', { groups: ['sales'] });
  bob = await t.user('bob', { groups: ['sales'] });
  await t.user('carol', { groups: ['ops'] });
});
afterAll(async () => {
  await t.close();
  await hooks.close();
});

const add = (u: User | 'admin', body: object) => (u === 'admin' ? t.admin({ method: 'POST', url: '/api/notifications/webhooks', payload: body }) : t.request(u, { method: 'POST', url: '/api/notifications/webhooks', payload: body }));
const addOk = async (u: User | 'admin', body: object): Promise<string> => {
  const r = await add(u, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};
const remove = async (id: string) => expect((await t.admin({ method: 'DELETE', url: `/api/notifications/webhooks/${id}` })).statusCode).toBe(204);
/** a moving "now" for deliverDue: each pass is two hours after the last, past any backoff */
let now = Date.now();
const pass = () => t.app.notifications.deliverDue(new Date((now += 2 * 3_600_000)));

describe('setting webhooks', () => {
  it('lets a user add their own, refuses a URL that is not http(s) with 400', async () => {
    // when
    const own = await add(alice, { ownerKind: 'user', ownerId: 'alice', url: hooks.url('/alice?token=s3cret'), flavor: 'generic' });
    // then
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ ownerKind: 'user', ownerId: 'alice', flavor: 'generic', createdBy: 'alice', url: hooks.url('/alice?token=s3cret') });
    for (const url of ['ftp://example.test/x', 'javascript:alert(1)', 'not a url', 'file:///etc/passwd', 'http://example.test/#frag']) {
      const r = await add(alice, { ownerKind: 'user', ownerId: 'alice', url, flavor: 'dingtalk' });
      expect(r.statusCode, url).toBe(400);
    }
    expect((await add(alice, { ownerKind: 'user', ownerId: 'alice', url: hooks.url('/x'), flavor: 'slack' })).statusCode).toBe(400);
    expect((await add(alice, { ownerKind: 'user', ownerId: 'alice', url: hooks.url('/x'), flavor: 'generic', extra: 1 })).statusCode).toBe(400);
    await remove(own.json().id);
  });

  it("answers 403 to a user who sets a group's webhook or another user's, and stores nothing", async () => {
    // when
    const group = await add(alice, { ownerKind: 'group', ownerId: 'sales', url: hooks.url('/sales'), flavor: 'dingtalk' });
    const other = await add(alice, { ownerKind: 'user', ownerId: 'bob', url: hooks.url('/bob'), flavor: 'generic' });
    // then
    expect(group.statusCode).toBe(403);
    expect(other.statusCode).toBe(403);
    expect((await t.admin({ method: 'GET', url: '/api/notifications/webhooks' })).json().items).toEqual([]);
  });

  it('lets admins set group webhooks (of existing groups); users see only their own', async () => {
    // given
    const g = await addOk('admin', { ownerKind: 'group', ownerId: 'sales', url: hooks.url('/sales'), flavor: 'wecom' });
    const a = await addOk(alice, { ownerKind: 'user', ownerId: 'alice', url: hooks.url('/alice'), flavor: 'generic' });
    expect((await add('admin', { ownerKind: 'group', ownerId: 'no-such-group', url: hooks.url('/x'), flavor: 'generic' })).statusCode).toBe(400);
    // when
    const mine = await t.request(alice, { method: 'GET', url: '/api/notifications/webhooks' });
    const bobs = await t.request(bob, { method: 'GET', url: '/api/notifications/webhooks' });
    const all = await t.admin({ method: 'GET', url: '/api/notifications/webhooks' });
    // then
    expect(mine.json().items.map((w: { id: string }) => w.id)).toEqual([a]);
    expect(bobs.json().items).toEqual([]);
    expect(all.json().items.map((w: { id: string }) => w.id).sort()).toEqual([a, g].sort());
    // bob cannot delete alice's (404, it stays); alice can
    expect((await t.request(bob, { method: 'DELETE', url: `/api/notifications/webhooks/${a}` })).statusCode).toBe(404);
    expect((await t.request(alice, { method: 'DELETE', url: `/api/notifications/webhooks/${g}` })).statusCode).toBe(404);
    expect((await t.request(alice, { method: 'DELETE', url: `/api/notifications/webhooks/${a}` })).statusCode).toBe(204);
    await remove(g);
    expect((await t.admin({ method: 'GET', url: '/api/notifications/webhooks' })).json().items).toEqual([]);
  });
});

describe('posting to webhooks', () => {
  it('posts once per webhook per notify call, in each flavor’s shape', async () => {
    // given one group webhook per flavor, and alice's own
    const ids: string[] = [];
    for (const flavor of ['dingtalk', 'wecom', 'feishu', 'generic']) ids.push(await addOk('admin', { ownerKind: 'group', ownerId: 'sales', url: hooks.url(`/sales-${flavor}`), flavor }));
    ids.push(await addOk('admin', { ownerKind: 'group', ownerId: 'ops', url: hooks.url('/ops'), flavor: 'generic' }));
    ids.push(await addOk(alice, { ownerKind: 'user', ownerId: 'alice', url: hooks.url('/alice-own'), flavor: 'feishu' }));
    hooks.posts.length = 0;
    // when alice and bob (both in sales) are told at once
    const r = await t.app.notifications.notify(['alice', 'bob'], { kind: 'task.urged', title: 'Urgent: order 7', body: 'please approve today', link: '/tasks/t-7', taskId: 't-7', processInstanceId: 'p-7' });
    const stats = await pass();
    // then one post per sales webhook and one to alice's own; none to ops (nobody told is in it)
    expect(r.deliveries).toBe(5);
    expect(stats).toEqual({ sent: 5, retrying: 0, failed: 0 });
    expect(hooks.posts.map((p) => p.path).sort()).toEqual(['/alice-own', '/sales-dingtalk', '/sales-feishu', '/sales-generic', '/sales-wecom']);
    const text = 'Urgent: order 7\nplease approve today\n/tasks/t-7';
    expect(hooks.on('/sales-dingtalk')[0]!.body).toEqual({ msgtype: 'text', text: { content: text } });
    expect(hooks.on('/sales-wecom')[0]!.body).toEqual({ msgtype: 'text', text: { content: text } });
    expect(hooks.on('/sales-feishu')[0]!.body).toEqual({ msg_type: 'text', content: { text } });
    expect(hooks.on('/sales-generic')[0]!.body).toEqual({
      kind: 'task.urged',
      title: 'Urgent: order 7',
      body: 'please approve today',
      link: '/tasks/t-7',
      users: ['alice', 'bob'],
      processInstanceId: 'p-7',
      taskId: 't-7',
      created: expect.any(String),
    });
    expect(hooks.on('/sales-generic')[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect((await t.app.notifications.deliveries.list({ state: 'sent' })).length).toBe(5);
    // and a second pass sends nothing again
    expect(await pass()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    for (const id of ids) await remove(id);
  });

  it('retries a failing webhook with backoff, then records it failed with the last error', async () => {
    // given
    const id = await addOk('admin', { ownerKind: 'group', ownerId: 'ops', url: hooks.url('/down'), flavor: 'generic' });
    hooks.posts.length = 0;
    await t.app.notifications.notify(['carol'], { kind: 'task.urged', title: 'Down we go' });
    // when: the first pass fails, and the row waits for its backoff
    expect(await t.app.notifications.deliverDue(new Date(now))).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const waiting = (await t.app.notifications.deliveries.list({ channel: 'webhook', state: 'pending' }))[0]!;
    expect(waiting).toMatchObject({ attempts: 1, lastError: expect.stringContaining('HTTP 503') });
    expect(waiting.nextAt.getTime()).toBeGreaterThan(now);
    expect(await t.app.notifications.deliverDue(new Date(now))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    // then three more retries, and the fifth attempt gives up
    for (let i = 0; i < 3; i++) expect(await pass()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await pass()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await pass()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(hooks.on('/down')).toHaveLength(5);
    const [failed] = await t.app.notifications.deliveries.list({ state: 'failed' });
    expect(failed).toMatchObject({ channel: 'webhook', attempts: 5, lastError: expect.stringContaining('HTTP 503'), sentAt: null });
    await remove(id);
  });

  it('gives up at once on an answer retrying cannot heal (404), and retries a robot that refused', async () => {
    // given
    const gone = await addOk('admin', { ownerKind: 'group', ownerId: 'ops', url: hooks.url('/gone'), flavor: 'generic' });
    const ding = await addOk('admin', { ownerKind: 'group', ownerId: 'ops', url: hooks.url('/ding-refuses'), flavor: 'dingtalk' });
    await t.app.notifications.notify(['carol'], { kind: 'task.urged', title: 'Once more' });
    // when
    const stats = await pass();
    // then
    expect(stats).toEqual({ sent: 0, retrying: 1, failed: 1 });
    const rows = await t.app.notifications.deliveries.list({ channel: 'webhook' });
    expect(rows.find((d) => d.webhookId === gone)).toMatchObject({ state: 'failed', attempts: 1, lastError: expect.stringContaining('HTTP 404') });
    expect(rows.find((d) => d.webhookId === ding)).toMatchObject({ state: 'pending', lastError: expect.stringContaining('310000 keywords not in content') });
    // deleting a webhook cancels its posts not sent yet
    await remove(ding);
    expect((await t.app.notifications.deliveries.list({ channel: 'webhook' })).find((d) => d.webhookId === ding)).toMatchObject({ state: 'canceled' });
    expect(await pass()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await remove(gone);
  });

  it('sends a row again when its sender stopped mid-way (the lease ran out): nothing is lost', async () => {
    // given a row claimed by a sender that then crashed (claimed, never settled)
    const id = await addOk(bob, { ownerKind: 'user', ownerId: 'bob', url: hooks.url('/bob'), flavor: 'generic' });
    await t.app.notifications.notify(['bob'], { kind: 'task.urged', title: 'Survives a crash' });
    const claimed = await t.app.notifications.deliveries.claim(new Date((now += 2 * 3_600_000)), 60_000, 10, 5);
    expect(claimed).toHaveLength(1);
    // when: within the lease nobody takes it; after it, the next pass sends it
    expect(await t.app.notifications.deliverDue(new Date(now + 30_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const stats = await t.app.notifications.deliverDue(new Date(now + 61_000));
    // then
    expect(stats).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(hooks.on('/bob').map((p) => (p.body as { title: string }).title)).toEqual(['Survives a crash']);
    expect((await t.app.notifications.deliveries.list({ channel: 'webhook' })).find((d) => d.id === claimed[0]!.id)).toMatchObject({ state: 'sent', attempts: 2 });
    await remove(id);
  });

  it('once started, the worker sends right after notify commits; stopped, it sends nothing', async () => {
    // given
    const id = await addOk(bob, { ownerKind: 'user', ownerId: 'bob', url: hooks.url('/bob-live'), flavor: 'generic' });
    t.app.notifications.start();
    try {
      // when
      await t.app.notifications.notify(['bob'], { kind: 'task.urged', title: 'Live' });
      // then
      await waitUntil('the post', () => hooks.on('/bob-live').length === 1);
      await waitUntil('the sent row', async () => (await t.app.notifications.deliveries.list({ state: 'sent' })).some((d) => d.webhookId === id));
    } finally {
      await t.app.notifications.stop();
    }
    await t.app.notifications.notify(['bob'], { kind: 'task.urged', title: 'Later' });
    expect((await t.app.notifications.deliveries.list({ state: 'pending' })).filter((d) => d.webhookId === id)).toHaveLength(1);
    expect(hooks.on('/bob-live')).toHaveLength(1);
    await remove(id);
  });
});
