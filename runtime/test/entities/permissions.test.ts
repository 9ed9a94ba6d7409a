import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { create, deploy } from './fixtures.ts';

let t: TestApp;
const deal = {
  'x-entity': 'deal',
  type: 'object',
  'x-owner-field': 'owner',
  'x-team-field': 'team',
  'x-record-read': 'owner',
  'x-permissions': { read: ['employee', 'auditors'], write: ['employee'] },
  properties: { title: { type: 'string' }, owner: { type: 'string' }, team: { type: 'string' } },
};

beforeAll(async () => {
  t = await createTestApp();
  expect((await deploy(t, deal)).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('entity permissions', () => {
  it('lets owners and team members write and read, and no one else', async () => {
    // given
    const erin = await t.user('erin', { roles: ['employee'], groups: ['sales'] });
    const sam = await t.user('sam', { roles: ['employee'], groups: ['sales'] });
    const olga = await t.user('olga', { roles: ['employee'], groups: ['ops'] });
    const aud = await t.user('aud', { roles: [], groups: ['auditors'] });
    // when: erin creates one (owner defaults to her) for team sales
    const res = await create(t, 'deal', { title: 'Big', team: 'sales' }, erin);
    // then
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d.data.owner).toBe('erin');
    const patch = (u: typeof erin, v: number) => t.request(u, { method: 'PATCH', url: `/api/entities/deal/${d.id}`, headers: { 'if-match': String(v) }, payload: { title: `by ${u.id}` } });
    expect((await patch(sam, 1)).statusCode).toBe(200);
    expect((await patch(olga, 2)).statusCode).toBe(403);
    expect((await t.request(olga, { method: 'GET', url: `/api/entities/deal/${d.id}` })).statusCode).toBe(403);
    expect((await t.request(olga, { method: 'GET', url: '/api/entities/deal' })).json().items).toEqual([]);
    expect((await t.request(sam, { method: 'GET', url: '/api/entities/deal' })).json().items).toHaveLength(1);
    // a group listed in x-permissions.read may read the type, but not write it
    expect((await create(t, 'deal', { title: 'x' }, aud)).statusCode).toBe(403);
    expect((await t.request(olga, { method: 'DELETE', url: `/api/entities/deal/${d.id}` })).statusCode).toBe(403);
    // creating a record owned by someone else's team is refused
    expect((await create(t, 'deal', { title: 'y', owner: 'sam', team: 'ops' }, erin)).statusCode).toBe(403);
    // admins may do everything
    expect((await t.admin({ method: 'GET', url: `/api/entities/deal/${d.id}` })).json().data.title).toBe('by sam');
  });
});
