import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../helpers/test-app.ts';

type User = { id: string; password: string };

describe('/engine-rest/user, /group, /identity', () => {
  let t: TestApp;
  let erin: User;
  let frank: User;
  beforeAll(async () => {
    t = await createTestApp();
    erin = await t.user('erin', { groups: ['sales'] });
    frank = await t.user('frank', { groups: ['sales', 'hr'] });
  });
  afterAll(() => t.close());

  it('creates, reads, queries, updates and deletes a user; never returns a password', async () => {
    // when
    const create = await t.admin({
      method: 'POST',
      url: '/engine-rest/user/create',
      payload: { profile: { id: 'gina', firstName: 'Gina', lastName: 'Lee', email: 'gina@example.com' }, credentials: { password: 'gina-secret-1' } },
    });
    const profile = await t.request(erin, { method: 'GET', url: '/engine-rest/user/gina/profile' });
    const update = await t.admin({ method: 'PUT', url: '/engine-rest/user/gina/profile', payload: { id: 'gina', firstName: 'Georgina', lastName: 'Lee', email: 'g@example.com' } });
    const byName = (await t.admin({ method: 'GET', url: '/engine-rest/user?firstNameLike=Geo%25' })).json();
    const count = (await t.admin({ method: 'GET', url: '/engine-rest/user/count?idIn=gina,erin,nobody' })).json();
    const sorted = (await t.admin({ method: 'GET', url: '/engine-rest/user?memberOfGroup=sales&sortBy=userId&sortOrder=desc' })).json() as { id: string }[];
    const page = (await t.admin({ method: 'GET', url: '/engine-rest/user?sortBy=userId&sortOrder=asc&firstResult=1&maxResults=2' })).json() as { id: string }[];
    const verifyNew = (await t.request(null, { method: 'POST', url: '/engine-rest/identity/verify', payload: { username: 'gina', password: 'gina-secret-1' } })).json();
    const del = await t.admin({ method: 'DELETE', url: '/engine-rest/user/gina' });
    const gone = await t.admin({ method: 'GET', url: '/engine-rest/user/gina/profile' });
    const deleteAgain = await t.admin({ method: 'DELETE', url: '/engine-rest/user/gina' });
    // then
    expect(create.statusCode).toBe(204);
    expect(profile.json()).toEqual({ id: 'gina', firstName: 'Gina', lastName: 'Lee', email: 'gina@example.com' });
    expect(profile.body).not.toMatch(/password|scrypt|hash/i);
    expect(update.statusCode).toBe(204);
    expect(byName).toEqual([{ id: 'gina', firstName: 'Georgina', lastName: 'Lee', email: 'g@example.com' }]);
    expect(count).toEqual({ count: 2 });
    expect(sorted.map((u) => u.id)).toEqual(['frank', 'erin']);
    expect(page.map((u) => u.id)).toEqual(['erin', 'frank']);
    expect(verifyNew).toEqual({ authenticatedUser: 'gina', authenticated: true });
    expect(del.statusCode).toBe(204);
    expect(gone.statusCode).toBe(404);
    expect(deleteAgain.statusCode).toBe(404);
  });

  it('rejects bad user input with 400 and changes nothing', async () => {
    // when
    const shortPassword = await t.admin({ method: 'POST', url: '/engine-rest/user/create', payload: { profile: { id: 'hank' }, credentials: { password: 'short' } } });
    const badId = await t.admin({ method: 'POST', url: '/engine-rest/user/create', payload: { profile: { id: 'bad id!' }, credentials: { password: 'long-enough-1' } } });
    const duplicate = await t.admin({ method: 'POST', url: '/engine-rest/user/create', payload: { profile: { id: 'erin' }, credentials: { password: 'long-enough-1' } } });
    const unknownField = await t.admin({ method: 'POST', url: '/engine-rest/user/create', payload: { profile: { id: 'hank', role: 'admin' }, credentials: { password: 'long-enough-1' } } });
    const renaming = await t.admin({ method: 'PUT', url: '/engine-rest/user/erin/profile', payload: { id: 'erin2' } });
    // then
    for (const r of [shortPassword, badId, duplicate, unknownField, renaming]) expect(r.statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: '/engine-rest/user/count?id=hank' })).json()).toEqual({ count: 0 });
    expect((await t.admin({ method: 'GET', url: '/engine-rest/user/erin/profile' })).json()).toMatchObject({ id: 'erin', firstName: 'erin' });
  });

  it('a user changes their own profile and password (proving their current one), not someone else’s', async () => {
    // when
    const own = await t.request(erin, { method: 'PUT', url: '/engine-rest/user/erin/profile', payload: { email: 'erin@example.com' } });
    const others = await t.request(erin, { method: 'PUT', url: '/engine-rest/user/frank/profile', payload: { email: 'x@example.com' } });
    const othersPassword = await t.request(erin, { method: 'PUT', url: '/engine-rest/user/frank/credentials', payload: { password: 'taken-over-1', authenticatedUserPassword: erin.password } });
    const wrongCurrent = await t.request(erin, { method: 'PUT', url: '/engine-rest/user/erin/credentials', payload: { password: 'new-password-1', authenticatedUserPassword: 'not-my-password' } });
    const change = await t.request(erin, { method: 'PUT', url: '/engine-rest/user/erin/credentials', payload: { password: 'new-password-1', authenticatedUserPassword: erin.password } });
    const byAdmin = await t.admin({ method: 'PUT', url: '/engine-rest/user/frank/credentials', payload: { password: 'frank-new-pass-1', authenticatedUserPassword: ADMIN_PASSWORD } });
    // then
    expect(own.statusCode).toBe(204);
    expect((await t.admin({ method: 'GET', url: '/engine-rest/user/erin/profile' })).json()).toMatchObject({ firstName: 'erin', email: 'erin@example.com' });
    expect(others.statusCode).toBe(403);
    expect(othersPassword.statusCode).toBe(403);
    expect(wrongCurrent.statusCode).toBe(400);
    expect(change.statusCode).toBe(204);
    expect(byAdmin.statusCode).toBe(204);
    const verify = (username: string, password: string) => t.request(null, { method: 'POST', url: '/engine-rest/identity/verify', payload: { username, password } });
    expect((await verify('erin', 'new-password-1')).json()).toEqual({ authenticatedUser: 'erin', authenticated: true });
    expect((await verify('frank', 'frank-new-pass-1')).json()).toEqual({ authenticatedUser: 'frank', authenticated: true });
    expect((await verify('frank', frank.password)).json()).toEqual({ authenticatedUser: 'frank', authenticated: false });
    erin = { id: 'erin', password: 'new-password-1' };
    frank = { id: 'frank', password: 'frank-new-pass-1' };
  });

  it('creates, reads, queries, updates and deletes groups and their members (admin only)', async () => {
    // when
    const byUser = await t.request(erin, { method: 'POST', url: '/engine-rest/group/create', payload: { id: 'ops', name: 'Operations', type: 'WORKFLOW' } });
    const create = await t.admin({ method: 'POST', url: '/engine-rest/group/create', payload: { id: 'ops', name: 'Operations', type: 'WORKFLOW' } });
    const duplicate = await t.admin({ method: 'POST', url: '/engine-rest/group/create', payload: { id: 'ops', name: 'Again' } });
    const addErin = await t.admin({ method: 'PUT', url: '/engine-rest/group/ops/members/erin' });
    const addGhost = await t.admin({ method: 'PUT', url: '/engine-rest/group/ops/members/ghost' });
    const members = (await t.request(erin, { method: 'GET', url: '/engine-rest/user?memberOfGroup=ops' })).json() as { id: string }[];
    const erinsGroups = (await t.request(erin, { method: 'GET', url: '/engine-rest/group?member=erin&sortBy=id&sortOrder=asc' })).json() as { id: string }[];
    const update = await t.admin({ method: 'PUT', url: '/engine-rest/group/ops', payload: { id: 'ops', name: 'Ops team', type: 'WORKFLOW' } });
    const one = (await t.request(erin, { method: 'GET', url: '/engine-rest/group/ops' })).json();
    const count = (await t.admin({ method: 'GET', url: '/engine-rest/group/count?nameLike=Ops%25' })).json();
    const removeErin = await t.admin({ method: 'DELETE', url: '/engine-rest/group/ops/members/erin' });
    const afterRemove = (await t.admin({ method: 'GET', url: '/engine-rest/user/count?memberOfGroup=ops' })).json();
    const del = await t.admin({ method: 'DELETE', url: '/engine-rest/group/ops' });
    const gone = await t.admin({ method: 'GET', url: '/engine-rest/group/ops' });
    // then
    expect(byUser.statusCode).toBe(403);
    expect(create.statusCode).toBe(204);
    expect(duplicate.statusCode).toBe(400);
    expect(addErin.statusCode).toBe(204);
    expect(addGhost.statusCode).toBe(404);
    expect(members.map((u) => u.id)).toEqual(['erin']);
    expect(erinsGroups.map((g) => g.id)).toEqual(['ops', 'sales']);
    expect(update.statusCode).toBe(204);
    expect(one).toEqual({ id: 'ops', name: 'Ops team', type: 'WORKFLOW' });
    expect(count).toEqual({ count: 1 });
    expect(removeErin.statusCode).toBe(204);
    expect(afterRemove).toEqual({ count: 0 });
    expect(del.statusCode).toBe(204);
    expect(gone.statusCode).toBe(404);
  });

  it('GET /identity/groups lists a user’s groups and their members, for that user or an admin', async () => {
    // when
    const own = await t.request(frank, { method: 'GET', url: '/engine-rest/identity/groups?userId=frank' });
    const others = await t.request(erin, { method: 'GET', url: '/engine-rest/identity/groups?userId=frank' });
    const byAdmin = await t.admin({ method: 'GET', url: '/engine-rest/identity/groups?userId=erin' });
    // then
    expect(own.statusCode).toBe(200);
    const body = own.json() as { groups: { id: string }[]; groupUsers: { id: string; displayName: string }[] };
    expect(body.groups.map((g) => g.id).sort()).toEqual(['hr', 'sales']);
    expect(body.groupUsers.map((u) => u.id).sort()).toEqual(['erin', 'frank']);
    expect(body.groupUsers.find((u) => u.id === 'frank')).toEqual({ id: 'frank', firstName: 'frank', lastName: null, displayName: 'frank' });
    expect(others.statusCode).toBe(403);
    expect(byAdmin.json()).toMatchObject({ groups: [{ id: 'sales', name: 'sales' }] });
  });

  it('POST /identity/verify needs no login, answers authenticated false for a wrong password, and limits failures like logins', async () => {
    // given: a client address of its own
    const from = { remoteAddress: '10.9.8.7' };
    const verify = (password: string) =>
      t.app.fastify.inject({ method: 'POST', url: '/engine-rest/identity/verify', payload: { username: 'erin', password }, ...from });
    // when
    const ok = await verify(erin.password);
    const wrong: number[] = [];
    for (let i = 0; i < 10; i++) wrong.push((await verify('guess-' + i)).statusCode);
    const blocked = await verify(erin.password);
    const missing = await t.request(null, { method: 'POST', url: '/engine-rest/identity/verify', payload: { username: 'erin', password: '' } });
    // then
    expect(ok.json()).toEqual({ authenticatedUser: 'erin', authenticated: true });
    expect(wrong.every((s) => s === 200)).toBe(true);
    expect(blocked.statusCode).toBe(429);
    expect(missing.statusCode).toBe(400);
  });
});
