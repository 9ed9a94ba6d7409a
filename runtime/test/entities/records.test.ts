import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import type { EntityEvent } from '../../src/services/entities/types.ts';
import { company, create, customer, deploy } from './fixtures.ts';

let t: TestApp;
const events: EntityEvent[] = [];
beforeAll(async () => {
  t = await createTestApp();
  await deploy(t, company);
  await deploy(t, customer);
  t.app.entities.onEvent((e) => void events.push(e));
});
afterAll(() => t.close());

describe('entity records', () => {
  it('creates, reads, patches with If-Match, keeps history and sends events after commit', async () => {
    // given
    const acme = (await create(t, 'company', { name: 'Acme' })).json();
    // when
    const res = await create(t, 'customer', { name: '张三', email: 'z@x.cn', revenue: 10, company: acme.id });
    // then
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const rec = res.json();
    expect(rec).toMatchObject({ type: 'customer', version: 1, typeVersion: 1, createdBy: 'admin', deletedAt: null, data: { name: '张三' } });
    const got = await t.admin({ method: 'GET', url: `/api/entities/customer/${rec.id}` });
    expect(got.headers.etag).toBe('"1"');
    // a merge patch: revenue changes, email is removed, name stays
    const patched = await t.admin({ method: 'PATCH', url: `/api/entities/customer/${rec.id}`, headers: { 'if-match': '"1"' }, payload: { revenue: 20, email: null } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ version: 2, data: { name: '张三', revenue: 20, company: acme.id } });
    expect(patched.json().data.email).toBeUndefined();
    const hist = (await t.admin({ method: 'GET', url: `/api/entities/customer/${rec.id}/history` })).json();
    expect(hist[1]).toMatchObject({ version: 2, action: 'updated', actor: 'admin' });
    expect(hist[1].changes).toEqual(expect.arrayContaining([{ field: 'revenue', old: 10, new: 20 }, { field: 'email', old: 'z@x.cn', new: null }]));
    const mine = events.filter((e) => e.record.id === rec.id);
    expect(mine.map((e) => e.type)).toEqual(['created', 'updated']);
    expect(mine[1]!.changes.map((c) => c.field).sort()).toEqual(['email', 'revenue']);
  });

  it('answers 428 without If-Match and 409 on a stale one, changing nothing', async () => {
    // given
    const rec = (await create(t, 'customer', { name: 'Lock' })).json();
    await t.admin({ method: 'PATCH', url: `/api/entities/customer/${rec.id}`, headers: { 'if-match': '1' }, payload: { revenue: 1 } });
    // when
    const none = await t.admin({ method: 'PATCH', url: `/api/entities/customer/${rec.id}`, payload: { revenue: 2 } });
    const stale = await t.admin({ method: 'PATCH', url: `/api/entities/customer/${rec.id}`, headers: { 'if-match': '"1"' }, payload: { revenue: 3 } });
    const junk = await t.admin({ method: 'PATCH', url: `/api/entities/customer/${rec.id}`, headers: { 'if-match': 'abc' }, payload: { revenue: 3 } });
    // then
    expect(none.statusCode).toBe(428);
    expect(none.json().message).toMatch(/If-Match/);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('LZ_ERR_ENTITY_VERSION_CONFLICT');
    expect(junk.statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: `/api/entities/customer/${rec.id}` })).json()).toMatchObject({ version: 2, data: { revenue: 1 } });
  });

  it('refuses unknown fields, wrong types and bad references with JSON pointers', async () => {
    // when
    const unknown = await create(t, 'customer', { name: 'a', colour: 'red' });
    const wrong = await create(t, 'customer', { name: 5, revenue: 'lots', email: 'not-mail' });
    const missing = await create(t, 'customer', { revenue: 1 });
    const ref = await create(t, 'customer', { name: 'a', company: '00000000-0000-4000-8000-000000000000' });
    const refJunk = await create(t, 'customer', { name: 'a', company: "x' OR 1=1" });
    // then
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: '/colour', message: 'unknown field' }]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['/email', '/name', '/revenue']);
    expect(missing.json().errors).toEqual([{ path: '/name', message: 'required' }]);
    expect(ref.statusCode).toBe(400);
    expect(ref.json().code).toBe('LZ_ERR_ENTITY_REFERENCE');
    expect(ref.json().errors[0].path).toBe('/company');
    expect(refJunk.json().code).toBe('LZ_ERR_ENTITY_REFERENCE');
    const page = (await t.admin({ method: 'POST', url: '/api/entities/customer/query', payload: { filters: [{ field: 'name', op: 'eq', value: 'a' }] } })).json();
    expect(page.items).toEqual([]);
  });

  it('soft-deletes and restores; deleted records are invisible except to admins asking for them', async () => {
    // given
    const erin = await t.user('erin', { roles: ['employee'] });
    const rec = (await create(t, 'customer', { name: 'Gone' })).json();
    // when
    const del = await t.admin({ method: 'DELETE', url: `/api/entities/customer/${rec.id}`, headers: { 'if-match': '"1"' } });
    // then
    expect(del.statusCode).toBe(200);
    expect(del.json().deletedAt).not.toBeNull();
    expect((await t.request(erin, { method: 'GET', url: `/api/entities/customer/${rec.id}` })).statusCode).toBe(404);
    expect((await t.request(erin, { method: 'GET', url: `/api/entities/customer/${rec.id}?deleted=true` })).statusCode).toBe(404);
    expect((await t.request(erin, { method: 'GET', url: `/api/entities/customer?deleted=true` })).statusCode).toBe(403);
    expect((await t.admin({ method: 'GET', url: `/api/entities/customer/${rec.id}?deleted=true` })).statusCode).toBe(200);
    const visible = (await t.admin({ method: 'GET', url: `/api/entities/customer?filter=${encodeURIComponent(JSON.stringify([{ field: 'name', op: 'eq', value: 'Gone' }]))}` })).json();
    expect(visible.items).toEqual([]);
    const all = (await t.admin({ method: 'GET', url: `/api/entities/customer?deleted=true&filter=${encodeURIComponent(JSON.stringify([{ field: 'name', op: 'eq', value: 'Gone' }]))}` })).json();
    expect(all.items).toHaveLength(1);
    const restored = await t.admin({ method: 'POST', url: `/api/entities/customer/${rec.id}/restore` });
    expect(restored.json()).toMatchObject({ version: 3, deletedAt: null });
    const hist = (await t.admin({ method: 'GET', url: `/api/entities/customer/${rec.id}/history` })).json();
    expect(hist.map((h: { action: string }) => h.action)).toEqual(['created', 'deleted', 'restored']);
    expect(events.filter((e) => e.record.id === rec.id).map((e) => e.type)).toEqual(['created', 'deleted', 'restored']);
  });

  it('answers 404 for unknown ids and types, and 413 for a body over 10 MB', async () => {
    // when / then
    expect((await t.admin({ method: 'GET', url: '/api/entities/customer/not-a-uuid' })).statusCode).toBe(404);
    expect((await t.admin({ method: 'GET', url: '/api/entities/customer/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await create(t, 'nosuchtype', { a: 1 })).statusCode).toBe(404);
    const big = await create(t, 'customer', { name: 'x'.repeat(11 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
    expect((await t.admin({ method: 'POST', url: '/api/entities/customer/query', payload: { filters: [{ field: 'name', op: 'eq', value: 'x' }], extra: 1 } })).statusCode).toBe(400);
  });
});
