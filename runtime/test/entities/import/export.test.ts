import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { SYSTEM_ACTOR } from '../../../src/services/entities/types.ts';
import { contact, csvOf, deployContact, runImport, stored } from './import-helpers.ts';

const PROPS = Object.keys(contact.properties);

/** "export of any query to CSV/XLSX": every matching record, streamed a keyset page at a time */
describe('entity export: CSV and XLSX of a filtered query, read back', () => {
  let t: TestApp;
  let expected: Record<string, unknown>[];
  const filter = JSON.stringify([{ field: 'age', op: 'gte', value: 30 }]);
  beforeAll(async () => {
    t = await createTestApp();
    await deployContact(t);
    await deployContact(t, { ...contact, 'x-entity': 'secret', 'x-permissions': { read: ['hr'] } });
    // 2,600 records: three keyset pages of 1,000 for the filter's ~2,080 matches
    for (let b = 0; b < 2600; b += 500) {
      const rows = Array.from({ length: 500 }, (_, k) => {
        const i = b + k;
        return {
          data: {
            name: i === 7 ? '=HYPERLINK("http://evil")' : `客户 ${String(i).padStart(4, '0')}`,
            email: `c${i}@example.cn`,
            phone: i % 3 === 0 ? '+86 138 0000 0000' : undefined,
            age: i % 50,
            score: i / 4,
            vip: i % 2 === 0,
            tags: i % 5 === 0 ? ['北京', 'vip'] : undefined,
            meta: i % 7 === 0 ? { n: i } : undefined,
          },
        };
      });
      const out = await t.app.entities.writeMany(SYSTEM_ACTOR, 'contact', rows.map((r) => ({ data: JSON.parse(JSON.stringify(r.data)) as Record<string, unknown> })));
      expect(out.every((r) => r.ok)).toBe(true);
    }
    expected = [...(await stored(t)).values()].filter((r) => (r.age as number) >= 30).sort((a, b) => String(b.name).localeCompare(String(a.name), 'en'));
  });
  afterAll(() => t.close());

  const asText = (v: unknown) => (v === undefined ? '' : Array.isArray(v) ? v.join(';') : typeof v === 'object' ? JSON.stringify(v) : String(v));

  it('streams a CSV with a UTF-8 BOM, property names as header, lists joined with ;', async () => {
    // when
    const res = await t.admin({ method: 'GET', url: `/api/entities/contact/export?format=csv&sort=-name&filter=${encodeURIComponent(filter)}` });
    // then
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contact-\d{8}-\d{6}\.csv"/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(res.rawPayload, { bom: true }) as string[][];
    const header = rows[0]!;
    expect(header[0]).toBe('name');
    expect([...header].sort()).toEqual([...PROPS].sort());
    expect(rows.length - 1).toBe(expected.length);
    // sorted by name descending in the database (its collation); compared as sets of lines
    const want = expected.map((r) => header.map((p) => asText(r[p])));
    const got = rows.slice(1).map((r) => r.map((c) => (c.startsWith("'=") ? c.slice(1) : c)));
    expect(new Set(got.map((r) => JSON.stringify(r)))).toEqual(new Set(want.map((r) => JSON.stringify(r))));
  });

  it('escapes a formula-like cell with an apostrophe, which the import drops again', async () => {
    // given
    const res = await t.admin({ method: 'GET', url: `/api/entities/contact/export?filter=${encodeURIComponent(JSON.stringify([{ field: 'email', op: 'eq', value: 'c7@example.cn' }]))}` });
    const rows = parse(res.rawPayload, { bom: true }) as string[][];
    expect(rows[1]![rows[0]!.indexOf('name')]).toBe('\'=HYPERLINK("http://evil")');
    // when: the exported file is imported into a fresh type
    await deployContact(t, { ...contact, 'x-entity': 'copy' });
    const run = await runImport(t, { type: 'copy', file: res.rawPayload, mapping: Object.fromEntries(PROPS.map((p) => [p, p])) });
    // then
    expect(run).toMatchObject({ status: 'done', created: 1, refused: 0 });
    const { _id, ...copy } = [...(await stored(t, 'copy')).values()][0]!;
    const original = [...(await stored(t)).values()].find((r) => r.email === 'c7@example.cn')!;
    const { _id: _o, ...want } = original;
    expect(copy).toEqual(want);
  });

  it('streams an XLSX (exceljs WorkbookWriter) that reads back equal to the data, numbers as numbers', async () => {
    // when
    const res = await t.admin({ method: 'GET', url: `/api/entities/contact/export?format=xlsx&sort=-name&filter=${encodeURIComponent(filter)}` });
    // then
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="contact-\d{8}-\d{6}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => values.push(PROPS.map((_, i) => row.getCell(i + 1).value ?? undefined)));
    const header = values[0] as string[];
    expect(header[0]).toBe('name');
    expect([...header].sort()).toEqual([...PROPS].sort());
    expect(values.length - 1).toBe(expected.length);
    const want = expected.map((r) => header.map((p) => (typeof r[p] === 'number' || typeof r[p] === 'boolean' ? r[p] : r[p] === undefined ? undefined : asText(r[p]))));
    expect(new Set(values.slice(1).map((r) => JSON.stringify(r)))).toEqual(new Set(want.map((r) => JSON.stringify(r))));
  });

  it('writes the type\'s labels for a locale as the header when asked', async () => {
    // when
    const res = await t.admin({ method: 'GET', url: '/api/entities/contact/export?labels=true&locale=zh-CN&filter=' + encodeURIComponent('[{"field":"age","op":"eq","value":-1}]') });
    // then
    expect(res.statusCode).toBe(200);
    const [labels, ...none] = parse(res.rawPayload, { bom: true }) as string[][];
    expect(none).toEqual([]);
    expect([...labels!].sort()).toEqual(['姓名', '邮箱', 'phone', '年龄', 'score', 'vip', 'birthday', 'tags', 'meta'].sort());
    expect(labels![0]).toBe('姓名');
    const en = await t.admin({ method: 'GET', url: '/api/entities/contact/export?labels=true&locale=en&filter=' + encodeURIComponent('[{"field":"age","op":"eq","value":-1}]') });
    expect((parse(en.rawPayload, { bom: true }) as string[][])[0]![0]).toBe('Name');
  });

  it.each([
    ['a filter that is not JSON', '/api/entities/contact/export?filter=%5B', 400],
    ['a filter on an unknown field', `/api/entities/contact/export?filter=${encodeURIComponent('[{"field":"nope","op":"eq","value":1}]')}`, 400],
    ['an unknown format', '/api/entities/contact/export?format=pdf', 400],
    ['an unknown query parameter', '/api/entities/contact/export?limit=5', 400],
    ['an unknown type', '/api/entities/nothing/export', 404],
  ])('answers %s with a plain error before any byte of a file', async (_, url, status) => {
    // when
    const res = await t.admin({ method: 'GET', url });
    // then
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  it('answers 403 to a user who may not read the type', async () => {
    // given
    const sam = await t.user('sam', { roles: ['employee'] });
    // when
    const res = await t.request(sam, { method: 'GET', url: '/api/entities/secret/export' });
    // then
    expect(res.statusCode).toBe(403);
  });

  it('exports an empty query as the header row alone', async () => {
    // when
    const res = await t.admin({ method: 'GET', url: '/api/entities/contact/export?format=xlsx&filter=' + encodeURIComponent('[{"field":"age","op":"gt","value":1000}]') });
    // then
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(1);
    expect(csvOf([['x']])).toContain('x');
  });
});
