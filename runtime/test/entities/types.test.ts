import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { company, create, customer, deploy } from './fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('entity types', () => {
  it('rejects invalid schemas with the JSON pointer of each problem', async () => {
    // given / when
    const res = await deploy(t, {
      'x-entity': 'Bad Name',
      type: 'array',
      properties: { a: { type: 'strng' }, 'b-c': { type: 'string' } },
      'x-index': ['nope'],
      'x-title-field': 'missing',
      'x-i18n': { 'zh-CN': { fields: { ghost: 'x' } } },
      'x-permissions': { read: 'admin' },
    });
    // then
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('LZ_ERR_ENTITY_TYPE_INVALID');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/properties/a/type', '/x-entity', '/type', '/x-index/0', '/x-title-field', '/x-i18n/zh-CN/fields/ghost', '/x-permissions/read', '/properties/b-c']));
    expect((await t.admin({ method: 'GET', url: '/api/entities/types' })).json()).toEqual([]);
  });

  it('rejects an x-ref to a type that does not exist, and accepts it once the type exists', async () => {
    // given
    expect(t.app.entities.checkType(customer)).toEqual([{ path: '/properties/company/x-ref', message: "x-ref names the entity type 'company', which does not exist" }]);
    // when
    expect((await deploy(t, company)).statusCode).toBe(201);
    const res = await deploy(t, customer);
    // then
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'customer', version: 1, deploymentId: null });
    expect((await t.admin({ method: 'GET', url: '/api/entities/types/customer' })).json().schema['x-i18n']['zh-CN'].title).toBe('客户');
  });

  it('keeps the version when the schema is unchanged and adds one when it changes', async () => {
    // given
    const again = await deploy(t, { ...company });
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(1);
    // when
    const changed = await deploy(t, { ...company, properties: { ...company.properties, city: { type: 'string' } } });
    // then
    expect(changed.statusCode).toBe(201);
    expect(changed.json().version).toBe(2);
    expect((await t.admin({ method: 'GET', url: '/api/entities/types/company?version=1' })).json().schema.properties.city).toBeUndefined();
    expect((await t.admin({ method: 'GET', url: '/api/entities/types/company' })).json().version).toBe(2);
    expect((await t.admin({ method: 'GET', url: '/api/entities/types/nothing' })).statusCode).toBe(404);
  });

  it('keeps the properties in the order the author declared them (form fields and table columns follow it)', async () => {
    // given: names jsonb would reorder (it sorts shorter keys first)
    const res = await deploy(t, {
      'x-entity': 'visit-note',
      type: 'object',
      properties: { customerName: { type: 'string' }, vip: { type: 'boolean' }, amount: { type: 'number' }, at: { type: 'string', format: 'date' } },
    });
    expect(res.statusCode).toBe(201);
    // when
    const stored = (await t.admin({ method: 'GET', url: '/api/entities/types/visit-note' })).json();
    const form = (await t.admin({ method: 'GET', url: '/api/forms/entity/visit-note' })).json();
    // then
    expect(Object.keys(stored.schema.properties)).toEqual(['customerName', 'vip', 'amount', 'at']);
    expect(form.form.components.map((c: { key?: string }) => c.key).filter(Boolean)).toEqual(['customerName', 'vip', 'amount', 'at']);
  });

  it('lets analysts deploy types and refuses employees', async () => {
    // given
    const ana = await t.user('ana', { roles: ['analyst'] });
    const emp = await t.user('emp', { roles: ['employee'] });
    const note = { 'x-entity': 'note', type: 'object', properties: { text: { type: 'string' } } };
    // when / then
    expect((await t.request(emp, { method: 'POST', url: '/api/entities/types', payload: note })).statusCode).toBe(403);
    expect((await t.request(ana, { method: 'POST', url: '/api/entities/types', payload: note })).statusCode).toBe(201);
  });

  it('refuses a version that would orphan stored records, naming fields and counts', async () => {
    // given
    const v1 = { 'x-entity': 'ticket', type: 'object', properties: { title: { type: 'string' }, prio: { type: 'string', enum: ['low', 'high', 'urgent'] } } };
    expect((await deploy(t, v1)).statusCode).toBe(201);
    for (const prio of ['low', 'urgent', 'urgent']) expect((await create(t, 'ticket', { title: 't', prio })).statusCode).toBe(201);
    // when: the enum narrows, a field becomes required, a stored field is removed
    const narrowed = await deploy(t, { ...v1, properties: { title: { type: 'string' }, prio: { type: 'string', enum: ['low', 'high'] } } });
    const required = await deploy(t, { ...v1, properties: { ...v1.properties, owner: { type: 'string' } }, required: ['owner'] });
    const removed = await deploy(t, { ...v1, properties: { title: { type: 'string' } } });
    // then
    expect(narrowed.statusCode).toBe(409);
    expect(narrowed.json().code).toBe('LZ_ERR_ENTITY_TYPE_INCOMPATIBLE');
    expect(narrowed.json().errors).toEqual([{ path: '/prio', message: '2 stored record(s) do not fit the new definition of this field' }]);
    expect(required.statusCode).toBe(409);
    expect(required.json().errors[0].path).toBe('/owner');
    expect(removed.statusCode).toBe(409);
    expect((await t.admin({ method: 'GET', url: '/api/entities/types/ticket' })).json().version).toBe(1);
    // and a widening change is fine
    expect((await deploy(t, { ...v1, properties: { ...v1.properties, note: { type: 'string' } } })).json().version).toBe(2);
  });

  it('applies x-migration to stored records in the same transaction as the new version', async () => {
    // given
    const v1 = { 'x-entity': 'lead', type: 'object', properties: { fullName: { type: 'string' }, junk: { type: 'string' } } };
    await deploy(t, v1);
    const id = (await create(t, 'lead', { fullName: 'Li Lei', junk: 'x' })).json().id;
    // when
    const v2 = {
      'x-entity': 'lead',
      type: 'object',
      properties: { name: { type: 'string' }, source: { type: 'string' } },
      required: ['name', 'source'],
      'x-migration': { rename: { fullName: 'name' }, drop: ['junk'], set: { source: 'import' } },
    };
    const res = await deploy(t, v2);
    // then
    expect(res.statusCode).toBe(201);
    const rec = (await t.admin({ method: 'GET', url: `/api/entities/lead/${id}` })).json();
    expect(rec).toMatchObject({ data: { name: 'Li Lei', source: 'import' }, version: 2, typeVersion: 2 });
    const hist = (await t.admin({ method: 'GET', url: `/api/entities/lead/${id}/history` })).json();
    expect(hist.map((h: { action: string }) => h.action)).toEqual(['created', 'migrated']);
  });

  it('a migration whose result does not validate is refused and nothing is rewritten', async () => {
    // given
    await deploy(t, { 'x-entity': 'memo', type: 'object', properties: { body: { type: 'string' } } });
    const id = (await create(t, 'memo', { body: 'hello' })).json().id;
    // when
    const res = await deploy(t, { 'x-entity': 'memo', type: 'object', properties: { text: { type: 'number' } }, 'x-migration': { rename: { body: 'text' } } });
    // then
    expect(res.statusCode).toBe(409);
    expect((await t.admin({ method: 'GET', url: `/api/entities/memo/${id}` })).json()).toMatchObject({ version: 1, data: { body: 'hello' } });
  });
});
