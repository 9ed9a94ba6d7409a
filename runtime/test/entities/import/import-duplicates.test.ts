import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { contact, csvOf, deployContact, runImport, stored } from './import-helpers.ts';

/**
 * "duplicate detection on declared matching fields (normalised phone/email/name) with skip,
 * update or create". x-match is email, phone and name: a row matching on any one is a duplicate.
 */
describe.each(['skip', 'update', 'create'] as const)('entity import: duplicates with onDuplicate=%s', (mode) => {
  let t: TestApp;
  const type = `contact-${mode}`;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestApp();
    await deployContact(t, { ...contact, 'x-entity': type });
    for (const data of [
      { name: 'Zhang San', email: 'zs@example.cn', age: 1 },
      { name: 'Li Si', phone: '13800138000', age: 1 },
      { name: 'Wang Wu', age: 1 },
    ]) {
      const res = await t.admin({ method: 'POST', url: `/api/entities/${type}`, payload: data });
      ids.set(data.name, (res.json() as { id: string }).id);
    }
  });
  afterAll(() => t.close());

  it('matches stored records by normalised email, phone and name, and rows of the file itself', async () => {
    // given
    const file = csvOf([
      ['name', 'email', 'phone', 'age'],
      ['Z. San', 'ZS@Example.CN', '', '2'], // stored Zhang San by email (case)
      ['L. Si', '', '+86 138-0013-8000', '2'], // stored Li Si by phone (+86, dashes)
      ['ｗａｎｇ　ｗｕ', '', '', '2'], // stored Wang Wu by name (full-width, NFKC)
      ['New One', 'new@example.cn', '', '2'], // new
      ['new  one', '', '', '3'], // the row above, by name (spaces, case)
      ['Other', 'NEW@example.cn', '', '4'], // row 5 again, by email
    ]);
    // when
    const run = await runImport(t, { type, file, mapping: { name: 'name', email: 'email', phone: 'phone', age: 'age' }, onDuplicate: mode });
    // then
    const rows = await stored(t, type);
    if (mode === 'skip') {
      expect(run).toMatchObject({ status: 'done', processed: 6, created: 1, updated: 0, skipped: 5, refused: 0 });
      expect([...rows.keys()].sort()).toEqual(['Li Si', 'New One', 'Wang Wu', 'Zhang San']);
      for (const n of ['Li Si', 'Wang Wu', 'Zhang San']) expect(rows.get(n)!.age).toBe(1);
    } else if (mode === 'update') {
      expect(run).toMatchObject({ status: 'done', processed: 6, created: 1, updated: 5, skipped: 0, refused: 0 });
      expect(rows.size).toBe(4);
      expect(rows.get('Z. San')).toMatchObject({ _id: ids.get('Zhang San'), email: 'ZS@Example.CN', age: 2 });
      expect(rows.get('L. Si')).toMatchObject({ _id: ids.get('Li Si'), phone: '+86 138-0013-8000', age: 2 });
      expect(rows.get('ｗａｎｇ　ｗｕ')).toMatchObject({ _id: ids.get('Wang Wu'), age: 2 });
      // the file's three rows for one contact end as one record, the last row's values on top
      expect(rows.get('Other')).toMatchObject({ email: 'NEW@example.cn', age: 4 });
    } else {
      expect(run).toMatchObject({ status: 'done', processed: 6, created: 6, updated: 0, skipped: 0, refused: 0 });
      expect(rows.size).toBe(9);
    }
  });
});

describe('entity import: a duplicate of a refused row is not a duplicate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await deployContact(t);
  });
  afterAll(() => t.close());

  it('stores the later row when the earlier one sharing its email was refused', async () => {
    // given: row 2 fails the store's validation (age below minimum), row 3 has the same email
    const file = csvOf([['name', 'email', 'age'], ['first', 'same@example.cn', '-1'], ['second', 'same@example.cn', '5']]);
    // when
    const run = await runImport(t, { file, mapping: { name: 'name', email: 'email', age: 'age' }, onDuplicate: 'skip' });
    // then
    expect(run).toMatchObject({ status: 'done', created: 1, skipped: 0, refused: 1 });
    expect([...(await stored(t)).keys()]).toEqual(['second']);
  });
});
