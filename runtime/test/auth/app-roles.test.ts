import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('PUT /api/auth/users/:id/roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets an admin make an employee an analyst, which the next sign-in shows', async () => {
    // given
    const ann = await t.user('ann');
    // when
    const res = await t.admin({ method: 'PUT', url: '/api/auth/users/ann/roles', payload: { roles: ['employee', 'analyst'] } });
    // then
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'ann', roles: ['analyst', 'employee'] });
    const me = await t.request(ann, { url: '/api/auth/me' });
    expect(me.json().roles).toEqual(['analyst', 'employee']);
  });

  it('refuses employees, unknown roles, unknown users and an admin demoting themself', async () => {
    const bob = await t.user('bob');
    expect((await t.request(bob, { method: 'PUT', url: '/api/auth/users/bob/roles', payload: { roles: ['admin'] } })).statusCode).toBe(403);
    expect((await t.admin({ method: 'PUT', url: '/api/auth/users/bob/roles', payload: { roles: ['boss'] } })).statusCode).toBe(400);
    expect((await t.admin({ method: 'PUT', url: '/api/auth/users/nobody/roles', payload: { roles: [] } })).statusCode).toBe(404);
    expect((await t.admin({ method: 'PUT', url: '/api/auth/users/admin/roles', payload: { roles: ['employee'] } })).statusCode).toBe(400);
    // nothing changed
    expect((await t.request(bob, { url: '/api/auth/me' })).json().roles).toEqual(['employee']);
    expect((await t.admin({ url: '/api/auth/me' })).json().roles).toContain('admin');
  });
});
