import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { SYSTEM_ACTOR } from '../../src/services/entities/types.ts';
import { normalise } from '../../src/services/entities/match-keys.ts';
import { company, customer, deploy } from './fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await deploy(t, company);
  await deploy(t, customer);
});
afterAll(() => t.close());

describe('writeMany and findDuplicates', () => {
  it('normalises match values', () => {
    expect(normalise('email', '  A@B.CN ')).toBe('a@b.cn');
    expect(normalise('phone', '+86 138-0013-8000')).toBe('13800138000');
    expect(normalise('phone', '0086 13800138000')).toBe('13800138000');
    expect(normalise('phone', '8613800138000')).toBe('13800138000');
    expect(normalise('name', ' Ｌｉ   Lei ')).toBe('li lei');
  });

  it('writes good rows, reports bad ones, and finds duplicates by normalised keys', async () => {
    // given
    const es = t.app.entities;
    const [acme] = await es.writeMany(SYSTEM_ACTOR, 'company', [{ data: { name: 'Acme' } }]);
    const acmeId = acme!.ok ? acme!.record.id : '';
    // when
    const res = await es.writeMany(SYSTEM_ACTOR, 'customer', [
      { data: { name: 'Li Lei', email: 'Li@X.cn', phone: '+86 138 0013 8000', company: acmeId } },
      { data: { name: 'bad', revenue: 'x' } },
      { data: { name: 'ref', company: '00000000-0000-4000-8000-000000000000' } },
      { data: { name: 'Han Meimei' } },
    ]);
    // then
    expect(res.map((r) => r.ok)).toEqual([true, false, false, true]);
    expect(res[1]!.ok === false && res[1]!.errors[0]!.path).toBe('/revenue');
    expect(res[2]!.ok === false && res[2]!.errors[0]!.path).toBe('/company');
    const li = res[0]!.ok ? res[0]!.record.id : '';
    const dups = await es.findDuplicates('customer', [{ email: ' li@x.CN' }, { phone: '13800138000' }, { name: 'han  meimei' }, { name: 'nobody' }]);
    expect(dups).toEqual([li, li, res[3]!.ok ? res[3]!.record.id : null, null]);
    // an update through writeMany merges, and a deleted record is no longer a duplicate
    const upd = await es.writeMany(SYSTEM_ACTOR, 'customer', [{ updateId: li, data: { email: 'new@x.cn' } }]);
    expect(upd[0]!.ok && upd[0]!.record).toMatchObject({ version: 2, data: { name: 'Li Lei', email: 'new@x.cn' } });
    expect(await es.findDuplicates('customer', [{ email: 'li@x.cn' }, { email: 'NEW@x.cn' }])).toEqual([null, li]);
    await es.remove(SYSTEM_ACTOR, 'customer', li, null);
    expect(await es.findDuplicates('customer', [{ email: 'new@x.cn' }])).toEqual([null]);
  });

  it('writes ten 500-row batches completely (the import path; its rate is measured by pnpm bench)', async () => {
    // given
    const es = t.app.entities;
    const [acme] = await es.writeMany(SYSTEM_ACTOR, 'company', [{ data: { name: 'Bulk' } }]);
    const companyId = acme!.ok ? acme!.record.id : '';
    const batch = (b: number) => Array.from({ length: 500 }, (_, i) => ({ data: { name: `c${b}-${i}`, email: `c${b}-${i}@x.cn`, phone: `1380000${String(b * 500 + i).padStart(4, '0')}`, revenue: i, stage: 'lead', company: companyId } }));
    // when
    let ok = 0;
    for (let b = 0; b < 10; b++) ok += (await es.writeMany(SYSTEM_ACTOR, 'customer', batch(b))).filter((r) => r.ok).length;
    // then
    expect(ok).toBe(5000);
    expect((await es.query(SYSTEM_ACTOR, 'customer', { filters: [{ field: 'company', op: 'eq', value: companyId }], count: true, limit: 1 })).total).toBe(5000);
    expect(await es.findDuplicates('customer', [{ email: 'C9-499@x.cn' }])).not.toEqual([null]);
  });
});
