import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { orgExpressionFunctions } from '../../src/services/org/org-functions.ts';
import { putProfile, seedCompany } from './org-setup.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedCompany(t);
});
afterAll(async () => t.close());

const profile = async (id: string) => {
  const r = await t.admin({ method: 'GET', url: `/api/org/users/${id}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const chain = async (id: string, levels?: number) => {
  const r = await t.admin({ method: 'GET', url: `/api/org/users/${id}/managers${levels ? `?levels=${levels}` : ''}` });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { level: number; userId: string }[]).map((m) => `${m.level}:${m.userId}`);
};
// the functions app.ts hands the engine, over the app's directory, called as an expression would
const fn = (name: string, ...args: unknown[]) => orgExpressionFunctions(t.app.org.directory)[name]!(...args);

describe('manager rules', () => {
  it('an explicit manager wins over the department head', async () => {
    // ed is in sales (head sam) with explicit manager fay
    expect(await profile('ed')).toMatchObject({ department: { id: 'sales', name: 'Sales' }, managerId: 'fay', resolvedManagerId: 'fay' });
    expect(fn('manager', 'ed')).toBe('fay');
  });

  it('without one, the head of the department — or of the nearest department above that has one', async () => {
    // erin is in sales-east, which has no head: sales' head sam
    expect(await profile('erin')).toMatchObject({ managerId: null, resolvedManagerId: 'sam' });
    expect(fn('manager', 'erin')).toBe('sam');
  });

  it('a department head reports to the head of the department above', async () => {
    // sam heads sales: manager is hq's head
    expect(await profile('sam')).toMatchObject({ resolvedManagerId: 'ceo', headOf: ['sales'] });
    expect(fn('manager', 'sam')).toBe('ceo');
  });

  it('manager(u, n) is the n-th level up and null past the end of the chain', async () => {
    expect(await chain('erin')).toEqual(['1:sam', '2:ceo']);
    expect(await chain('ed', 5)).toEqual(['1:fay', '2:ceo']);
    expect(fn('manager', 'erin', 1)).toBe('sam');
    expect(fn('manager', 'erin', 2)).toBe('ceo');
    expect(fn('manager', 'erin', 3)).toBeNull();
    // the top of the company and people outside it have no manager
    expect(fn('manager', 'ceo')).toBeNull();
    expect(fn('manager', 'nobody')).toBeNull();
    expect(fn('manager', null)).toBeNull();
    expect(await chain('ceo')).toEqual([]);
    expect(() => fn('manager', 'erin', 0)).toThrow(/level/);
    expect(() => fn('manager', 42)).toThrow(/user id/);
  });

  it('deptHead, usersInDept (with departments below) and usersWithRole (groups and system roles)', async () => {
    // given
    await t.admin({ method: 'POST', url: '/engine-rest/group/create', payload: { id: 'finance-approvers', name: 'Finance approvers', type: 'ROLE' } });
    await t.admin({ method: 'PUT', url: '/engine-rest/group/finance-approvers/members/fay' });
    await t.admin({ method: 'PUT', url: '/engine-rest/group/finance-approvers/members/ed' });
    // then
    expect(fn('deptHead', 'sales')).toBe('sam');
    expect(fn('deptHead', 'sales-east')).toBeNull();
    expect(fn('deptHead', 'nowhere')).toBeNull();
    expect(fn('usersInDept', 'sales')).toEqual(['ed', 'erin', 'sam']);
    expect(fn('usersInDept', 'hq')).toEqual(['ceo', 'ed', 'erin', 'fay', 'sam']);
    expect(fn('usersInDept', 'nowhere')).toEqual([]);
    expect(fn('usersWithRole', 'finance-approvers')).toEqual(['ed', 'fay']);
    expect(fn('usersWithRole', 'admin')).toEqual(['admin']);
    expect((await profile('fay')).roles).toEqual(['finance-approvers']);
    expect((await profile('fay')).systemRoles).toEqual(['employee']);
  });

  it('refuses a manager that closes a loop (also through the head rule) and changes nothing', async () => {
    // given: sam reports to ceo (head of hq). ceo with manager erin: erin → sam → ceo → erin
    const before = await profile('ceo');
    // when
    const r = await t.admin({ method: 'PUT', url: '/api/org/users/ceo', payload: { departmentId: 'hq', managerId: 'erin', title: 'Boss' } });
    // then
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'LZ_ERR_ORG_INVALID', errors: [{ path: 'managerId' }] });
    expect(r.json().message).toMatch(/manager chain would loop/);
    expect(await profile('ceo')).toEqual(before);
    expect(fn('manager', 'ceo')).toBeNull();
  });

  it('refuses bad profiles with 400 and unknown users with 404, only admins write', async () => {
    const before = await profile('erin');
    for (const payload of [
      { departmentId: 'nowhere', managerId: null, title: null },
      { departmentId: null, managerId: 'ghost', title: null },
      { departmentId: null, managerId: 'erin', title: null },
      { departmentId: null, managerId: null },
      { departmentId: null, managerId: null, title: null, shoeSize: 9 },
    ]) {
      const r = await t.admin({ method: 'PUT', url: '/api/org/users/erin', payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await t.admin({ method: 'PUT', url: '/api/org/users/ghost', payload: { departmentId: null, managerId: null, title: null } })).statusCode).toBe(404);
    expect((await t.admin({ method: 'GET', url: '/api/org/users/ghost' })).statusCode).toBe(404);
    const self = await t.request({ id: 'erin', password: 'erin-password-1' }, { method: 'PUT', url: '/api/org/users/erin', payload: { departmentId: 'hq', managerId: null, title: null } });
    expect(self.statusCode).toBe(403);
    expect(await profile('erin')).toEqual(before);
  });

  it('a profile change moves the manager at once', async () => {
    // when: erin moves to finance
    await putProfile(t, 'erin', { departmentId: 'finance', managerId: null, title: 'Analyst' });
    // then
    expect(fn('manager', 'erin')).toBe('fay');
    expect(await chain('erin', 3)).toEqual(['1:fay', '2:ceo']);
    // back
    await putProfile(t, 'erin', { departmentId: 'sales-east', managerId: null, title: null });
  });
});
