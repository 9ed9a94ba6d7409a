import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orgExpressionFunctions } from '../../src/services/org/org-functions.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { multipart } from '../helpers/multipart.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await t.user('olga', { groups: ['legacy'] });
});
afterEach(async () => t.close());

const fn = (name: string, ...args: unknown[]) => orgExpressionFunctions(t.app.org.directory)[name]!(...args);
const csv = (text: string) => ({ method: 'POST' as const, url: '/api/org/import', payload: text, headers: { 'content-type': 'text/csv' } });

const HAPPY = [
  '\uFEFFuserId,firstName,lastName,email,department,parentDepartment,departmentHead,manager,roles,groups',
  'ceo,Cleo,Ray,ceo@example.com,hq,,yes,,,board',
  'sam,Sam,"Smith, Jr.",sam@example.com,sales,hq,yes,,"finance;approver",',
  'erin,Erin,"O""Neil",,sales-east,sales,no,,,',
  'ed,Ed,,,sales,,no,fay,,',
  'fay,Fay,,,finance,hq,yes,,finance,',
  'olga,Olga,Updated,,finance,,no,,,"legacy;board"',
].join('\r\n');

// what the database holds of the organisation, to show a refused import changed nothing
const dump = async () => ({
  users: await t.app.engine.db.query(`SELECT id, first_name, last_name, email, password_hash IS NULL AS no_password FROM users ORDER BY id`),
  departments: await t.app.engine.db.query(`SELECT * FROM org_departments ORDER BY id`),
  profiles: await t.app.engine.db.query(`SELECT * FROM org_profiles ORDER BY user_id`),
  groups: await t.app.engine.db.query(`SELECT * FROM groups ORDER BY id`),
  memberships: await t.app.engine.db.query(`SELECT * FROM memberships ORDER BY user_id, group_id`),
});

describe('org chart import (CSV)', () => {
  it('creates and updates users, departments, heads, managers, roles and groups in one go', async () => {
    // when
    const r = await t.admin(csv(HAPPY));
    // then
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ created: 5, updated: 1, departmentsCreated: 4, groupsCreated: 3, refused: [] });
    expect(r.json().message).toMatch(/no password: they cannot log in/);
    const tree = (await t.admin({ method: 'GET', url: '/api/org/departments' })).json();
    expect(tree).toMatchObject([{ id: 'hq', headUserId: 'ceo', children: [{ id: 'finance', headUserId: 'fay' }, { id: 'sales', headUserId: 'sam', children: [{ id: 'sales-east', headUserId: null }] }] }]);
    expect(fn('manager', 'erin')).toBe('sam');
    expect(fn('manager', 'ed')).toBe('fay');
    expect(fn('manager', 'sam')).toBe('ceo');
    expect(fn('usersWithRole', 'finance')).toEqual(['fay', 'sam']);
    expect(fn('usersInDept', 'sales')).toEqual(['ed', 'erin', 'sam']);
    const sam = (await t.admin({ method: 'GET', url: '/api/org/users/sam' })).json();
    expect(sam).toMatchObject({ firstName: 'Sam', lastName: 'Smith, Jr.', email: 'sam@example.com', roles: ['approver', 'finance'], groups: [] });
    expect((await t.admin({ method: 'GET', url: '/api/org/users/erin' })).json().lastName).toBe('O"Neil');
    expect((await t.admin({ method: 'GET', url: '/api/org/users/olga' })).json()).toMatchObject({ firstName: 'Olga', lastName: 'Updated', groups: ['board', 'legacy'] });
    // new users have no password: they cannot log in yet
    expect((await t.request({ id: 'sam', password: '' }, { method: 'GET', url: '/api/org/departments' })).statusCode).toBe(401);
    // importing the same file again changes nothing
    const before = await dump();
    const again = await t.admin(csv(HAPPY));
    expect(again.json()).toMatchObject({ created: 0, updated: 6, departmentsCreated: 0, groupsCreated: 0 });
    expect(await dump()).toEqual(before);
  });

  it('takes the file as a multipart upload too', async () => {
    const form = multipart([{ name: 'file', value: Buffer.from(HAPPY, 'utf8'), filename: 'org.csv', type: 'text/csv' }]);
    const r = await t.admin({ method: 'POST', url: '/api/org/import', ...form });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().created).toBe(5);
  });

  it('refuses the whole file when any row is wrong, and names the rows', async () => {
    // given
    const before = await dump();
    const file = [
      'userId,department,parentDepartment,departmentHead,manager,roles',
      'ann,ops,,yes,,', // fine on its own
      'bad id!,ops,,,,', // row 3: not a user id
      'bea,ops,,yes,,', // row 4: a second head for ops
      'cid,,,maybe,,', // row 5: not yes/no
      'dan,ops,,,ghost,', // row 6: unknown manager
      'ann,ops,,,,', // row 7: ann again
      'eve,,ops,,,', // row 8: a parent without a department
      'fred,ops,,,,a;b;c;d,extra', // row 9: more cells than columns
    ].join('\n');
    // when
    const r = await t.admin(csv(file));
    // then
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body).toMatchObject({ code: 'LZ_ERR_ORG_INVALID', created: 0, updated: 0 });
    expect((body.refused as { row: number }[]).map((x) => x.row)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(body.refused[1].message).toContain("already has head 'ann' on row 2");
    expect(body.refused[3].message).toContain("manager 'ghost'");
    expect(await dump()).toEqual(before);
  });

  it('refuses a file that makes a loop of departments or managers, writing nothing', async () => {
    const before = await dump();
    const depts = await t.admin(csv(['userId,department,parentDepartment', 'a,x,y', 'b,y,z', 'c,z,x'].join('\n')));
    expect(depts.statusCode).toBe(400);
    expect(depts.json().refused[0].message).toMatch(/department parent chain would loop/);
    const managers = await t.admin(csv(['userId,manager', 'a,b', 'b,c', 'c,a'].join('\n')));
    expect(managers.statusCode).toBe(400);
    expect(managers.json().refused[0]).toMatchObject({ row: 2 });
    expect(managers.json().refused[0].message).toMatch(/manager chain would loop/);
    expect(await dump()).toEqual(before);
  });

  it('refuses files it cannot read: no userId column, unknown column, broken quotes, empty, not CSV; and non-admins', async () => {
    const before = await dump();
    for (const text of ['firstName\nAnn', 'userId,shoeSize\nann,9', 'userId,firstName\nann,"unclosed', '', 'userId\n']) {
      const r = await t.admin(csv(text));
      expect(r.statusCode, JSON.stringify(text)).toBe(400);
      expect(r.json().code).toBe('LZ_ERR_ORG_INVALID');
    }
    expect((await t.admin({ method: 'POST', url: '/api/org/import', payload: { userId: 'x' } })).statusCode).toBe(400);
    expect((await t.request({ id: 'olga', password: 'olga-password-1' }, csv(HAPPY))).statusCode).toBe(403);
    expect(await dump()).toEqual(before);
  });
});
