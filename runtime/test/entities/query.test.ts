import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { indexName } from '../../src/services/entities/sql-expr.ts';
import { Params, whereClause } from '../../src/services/entities/query-builder.ts';
import { SYSTEM_ACTOR } from '../../src/services/entities/types.ts';
import { company, create, customer, deploy } from './fixtures.ts';

let t: TestApp;
const q = (payload: object) => t.admin({ method: 'POST', url: '/api/entities/customer/query', payload });
const names = (res: { json(): { items: { data: { name: string } }[] } }) => res.json().items.map((i) => i.data.name);

beforeAll(async () => {
  t = await createTestApp();
  await deploy(t, company);
  await deploy(t, customer);
  const rows = [
    { name: 'Alpha', revenue: 100, stage: 'lead', tags: ['vip'], email: 'a@x.io' },
    { name: 'Beta', revenue: 2, stage: 'won', tags: ['new'] },
    { name: '北京科技有限公司', revenue: 30, stage: 'won' },
    { name: 'Gamma', stage: 'lost' },
    { name: 'delta', revenue: 30, stage: 'lead' },
  ];
  for (const r of rows) expect((await create(t, 'customer', r)).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('entity queries', () => {
  it('filters with every operator', async () => {
    expect(names(await q({ filters: [{ field: 'stage', op: 'eq', value: 'won' }], sort: ['name'] }))).toEqual(['Beta', '北京科技有限公司']);
    expect(names(await q({ filters: [{ field: 'stage', op: 'ne', value: 'won' }], sort: ['name'] }))).toEqual(['Alpha', 'Gamma', 'delta']);
    expect(names(await q({ filters: [{ field: 'stage', op: 'in', value: ['lost', 'won'] }], sort: ['-revenue'] }))).toEqual(['Gamma', '北京科技有限公司', 'Beta']);
    // numbers compare as numbers (2 < 30 < 100), not as text
    expect(names(await q({ filters: [{ field: 'revenue', op: 'lt', value: 30 }] }))).toEqual(['Beta']);
    expect(names(await q({ filters: [{ field: 'revenue', op: 'lte', value: 30 }], sort: ['name'] }))).toEqual(['Beta', 'delta', '北京科技有限公司']);
    expect(names(await q({ filters: [{ field: 'revenue', op: 'gt', value: 30 }] }))).toEqual(['Alpha']);
    expect(names(await q({ filters: [{ field: 'revenue', op: 'gte', value: 30 }, { field: 'stage', op: 'eq', value: 'lead' }], sort: ['name'] }))).toEqual(['Alpha', 'delta']);
    expect(names(await q({ filters: [{ field: 'name', op: 'contains', value: 'ELT' }] }))).toEqual(['delta']);
    expect(names(await q({ filters: [{ field: 'tags', op: 'contains', value: 'vip' }] }))).toEqual(['Alpha']);
    expect(names(await q({ filters: [{ field: 'revenue', op: 'exists', value: false }] }))).toEqual(['Gamma']);
    expect(names(await q({ filters: [{ field: 'email', op: 'exists', value: true }] }))).toEqual(['Alpha']);
  });

  it('searches full text by substring, Chinese included', async () => {
    expect(names(await q({ filters: [{ field: '*', op: 'search', value: '科技' }] }))).toEqual(['北京科技有限公司']);
    expect(names(await q({ filters: [{ field: '*', op: 'search', value: 'alp x.io' }] }))).toEqual(['Alpha']);
    expect(names(await q({ filters: [{ field: '*', op: 'search', value: '100%' }] }))).toEqual([]);
  });

  it('pages with an opaque keyset cursor and counts', async () => {
    // given
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    // when
    do {
      const res = await q({ sort: ['-revenue'], limit: 2, count: true, ...(cursor ? { cursor } : {}) });
      seen.push(...names(res));
      cursor = res.json().nextCursor;
      total = res.json().total;
    } while (cursor);
    // then: nulls first descending, ties broken by id, every record once
    expect(seen[0]).toBe('Gamma');
    expect(seen.slice(1, 2)).toEqual(['Alpha']);
    expect(new Set(seen).size).toBe(5);
    expect(total).toBe(5);
  });

  it('answers 400 for a forged cursor or one from another sort', async () => {
    const first = (await q({ sort: ['name'], limit: 1 })).json().nextCursor;
    expect((await q({ sort: ['-revenue'], cursor: first })).statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify({ s: 'x', v: ["' OR 1=1 --"], id: 'a' })).toString('base64url');
    expect((await q({ sort: ['name'], cursor: forged })).statusCode).toBe(400);
    expect((await q({ sort: ['name'], cursor: '!!!' })).statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: `/api/entities/customer?sort=name&cursor=${first}&limit=10` })).json().items).toHaveLength(4);
  });

  it('aggregates counts and sums per group', async () => {
    const res = await t.admin({ method: 'POST', url: '/api/entities/customer/aggregate', payload: { groupBy: 'stage', sum: ['revenue'] } });
    expect(res.json()).toEqual([
      { key: 'lead', count: 2, sums: { revenue: 130 } },
      { key: 'lost', count: 1, sums: { revenue: 0 } },
      { key: 'won', count: 2, sums: { revenue: 32 } },
    ]);
    expect((await t.admin({ method: 'POST', url: '/api/entities/customer/aggregate', payload: { groupBy: 'stage', sum: ['name'] } })).statusCode).toBe(400);
  });

  it('refuses SQL in field names and keeps SQL in values as plain data', async () => {
    // given
    const before = (await q({ count: true })).json().total;
    // when
    const field = await q({ filters: [{ field: "name'); DROP TABLE entity_records;--", op: 'eq', value: 'x' }] });
    const sort = await t.admin({ method: 'GET', url: `/api/entities/customer?sort=${encodeURIComponent('name; DROP TABLE entity_records')}` });
    const value = await q({ filters: [{ field: 'name', op: 'eq', value: "' OR 1=1 --" }] });
    const like = await q({ filters: [{ field: 'name', op: 'contains', value: "%' OR 1=1 --" }] });
    const bad = await t.admin({ method: 'GET', url: `/api/entities/customer?filter=${encodeURIComponent('not json')}` });
    const wrongType = await q({ filters: [{ field: 'revenue', op: 'gt', value: '1; DROP' }] });
    // then
    expect(field.statusCode).toBe(400);
    expect(field.json().code).toBe('LZ_ERR_ENTITY_FILTER_INVALID');
    expect(sort.statusCode).toBe(400);
    expect(value.json().items).toEqual([]);
    expect(like.json().items).toEqual([]);
    expect(bad.statusCode).toBe(400);
    expect(wrongType.statusCode).toBe(400);
    expect((await q({ count: true })).json().total).toBe(before);
  });

  it('queries use the x-index expression index (EXPLAIN, on PGlite and PostgreSQL alike)', async () => {
    // given: the index exists, built from the same expression the query builder writes
    const db = t.app.engine.db;
    const idx = indexName('customer', 'revenue');
    const [row] = await db.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [idx]);
    expect(row?.indexdef).toMatch(/\(\(data ->> 'revenue'::text\)\)::numeric/);
    // when: the planner is told to avoid sequential scans (5 rows would not need an index)
    // the WHERE text the store itself sends for this filter
    const ps = new Params();
    const where = whereClause(SYSTEM_ACTOR, (await t.app.entities.getType('customer')).schema, [{ field: 'revenue', op: 'gt', value: 10 }], false, ps);
    const plan = await db.transaction(async (tq) => {
      await tq(`SET LOCAL enable_seqscan = off`);
      return tq<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM entity_records WHERE ${where}`, ps.values);
    });
    // then (dialect ${db.dialect}): the partial expression index answers the query
    expect(['pglite', 'postgres']).toContain(db.dialect);
    expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain(idx);
  });
});
