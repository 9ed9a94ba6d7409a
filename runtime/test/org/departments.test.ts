import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { putProfile, seedCompany } from './org-setup.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await seedCompany(t);
});
afterEach(async () => t.close());

const tree = async () => {
  const r = await t.admin({ method: 'GET', url: '/api/org/departments' });
  expect(r.statusCode).toBe(200);
  return r.json() as { id: string; parentId: string | null; headUserId: string | null; memberCount: number; children: unknown[] }[];
};

describe('department tree', () => {
  it('answers the tree, roots first, with heads and member counts', async () => {
    // when
    const r = await t.request(await t.user('reader'), { method: 'GET', url: '/api/org/departments' });
    // then
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([
      {
        id: 'hq',
        name: 'Headquarters',
        parentId: null,
        headUserId: 'ceo',
        memberCount: 1,
        children: [
          { id: 'finance', name: 'Finance', parentId: 'hq', headUserId: 'fay', memberCount: 1, children: [] },
          {
            id: 'sales',
            name: 'Sales',
            parentId: 'hq',
            headUserId: 'sam',
            memberCount: 2,
            children: [{ id: 'sales-east', name: 'Sales East', parentId: 'sales', headUserId: null, memberCount: 1, children: [] }],
          },
        ],
      },
    ]);
  });

  it('renames, moves and sets the head with PATCH', async () => {
    // when
    const r = await t.admin({ method: 'PATCH', url: '/api/org/departments/sales-east', payload: { name: 'East', parentId: 'hq', headUserId: 'erin' } });
    // then
    expect(r.statusCode, r.body).toBe(204);
    const hq = (await tree())[0]!;
    expect(hq.children.map((c) => (c as { id: string }).id)).toEqual(['finance', 'sales', 'sales-east']);
    expect(hq.children[2]).toMatchObject({ name: 'East', parentId: 'hq', headUserId: 'erin' });
  });

  it('refuses a parent that would make a loop and changes nothing', async () => {
    // given
    const before = await tree();
    // when: hq under sales-east, which is under sales, which is under hq
    const r = await t.admin({ method: 'PATCH', url: '/api/org/departments/hq', payload: { parentId: 'sales-east', name: 'HQ' } });
    // then
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'LZ_ERR_ORG_INVALID', errors: [{ path: 'parentId' }] });
    expect(r.json().message).toContain('hq → sales-east → sales → hq');
    expect(await tree()).toEqual(before);
  });

  it('refuses a department as its own parent, an unknown parent or head, a duplicate id', async () => {
    const before = await tree();
    const cases = [
      { method: 'PATCH' as const, url: '/api/org/departments/sales', payload: { parentId: 'sales' } },
      { method: 'PATCH' as const, url: '/api/org/departments/sales', payload: { parentId: 'nowhere' } },
      { method: 'PATCH' as const, url: '/api/org/departments/sales', payload: { headUserId: 'ghost' } },
      { method: 'POST' as const, url: '/api/org/departments', payload: { id: 'sales', name: 'Again' } },
      { method: 'POST' as const, url: '/api/org/departments', payload: { id: ' padded', name: 'x' } },
      { method: 'POST' as const, url: '/api/org/departments', payload: { id: 'x', name: 'x', colour: 'red' } },
      { method: 'PATCH' as const, url: '/api/org/departments/sales', payload: {} },
    ];
    for (const c of cases) {
      const r = await t.admin(c);
      expect(r.statusCode, `${c.method} ${JSON.stringify(c.payload)}: ${r.body}`).toBe(400);
    }
    expect((await t.admin({ method: 'PATCH', url: '/api/org/departments/nope', payload: { name: 'n' } })).statusCode).toBe(404);
    expect(await tree()).toEqual(before);
  });

  it('refuses to delete a department with members or departments below it, deletes an empty one', async () => {
    // when / then: sales has sales-east below it
    const withChildren = await t.admin({ method: 'DELETE', url: '/api/org/departments/sales' });
    expect(withChildren.statusCode).toBe(400);
    expect(withChildren.json().message).toContain('sales-east');
    // sales-east has erin
    const withMembers = await t.admin({ method: 'DELETE', url: '/api/org/departments/sales-east' });
    expect(withMembers.statusCode).toBe(400);
    expect(withMembers.json().message).toContain('erin');
    // once erin moves, it goes
    await putProfile(t, 'erin', { departmentId: 'sales', managerId: null, title: null });
    expect((await t.admin({ method: 'DELETE', url: '/api/org/departments/sales-east' })).statusCode).toBe(204);
    expect((await tree())[0]!.children).toHaveLength(2);
    expect((await t.admin({ method: 'DELETE', url: '/api/org/departments/sales-east' })).statusCode).toBe(404);
  });

  it('lets only admins change departments', async () => {
    // given
    const erin = { id: 'erin', password: 'erin-password-1' };
    const before = await tree();
    // when
    const created = await t.request(erin, { method: 'POST', url: '/api/org/departments', payload: { id: 'x', name: 'X' } });
    const patched = await t.request(erin, { method: 'PATCH', url: '/api/org/departments/sales', payload: { headUserId: 'erin' } });
    const deleted = await t.request(erin, { method: 'DELETE', url: '/api/org/departments/finance' });
    // then
    expect([created.statusCode, patched.statusCode, deleted.statusCode]).toEqual([403, 403, 403]);
    expect(await tree()).toEqual(before);
  });
});
