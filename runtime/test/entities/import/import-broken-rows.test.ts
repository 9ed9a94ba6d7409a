import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { csvOf, deployContact, HEADER, MAPPING, refusedRows, runImport, stored, xlsxOf } from './import-helpers.ts';

/** "validation per row … a report naming each refused row and why" while the good rows are stored */
describe('entity import: broken rows are refused by row number, the rest stored', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await deployContact(t);
  });
  afterAll(() => t.close());

  it('names each refused CSV row with its reason: wrong type, decimal comma, missing required, ragged, bad email, bad yes/no', async () => {
    // given
    const row = (name: string, over: Record<number, string> = {}) => HEADER.map((_, i) => over[i] ?? (i === 0 ? name : ''));
    const text = csvOf([
      HEADER,
      row('good 1', { 3: '20' }), // row 2
      row('bad age', { 3: 'twenty' }), // row 3
      row('comma', { 4: '1,5' }), // row 4
      row('', { 1: 'nobody@example.cn' }), // row 5: no name
      [...row('ragged'), 'extra'], // row 6
      row('bad email', { 1: 'not-an-email' }), // row 7
      row('bad vip', { 5: 'maybe' }), // row 8
      row('good 2', { 6: '2024-02-29' }), // row 9
      row('bad date', { 6: '2023-02-29' }), // row 10
    ]);
    // when
    const run = await runImport(t, { file: text, mapping: MAPPING });
    // then
    expect(run).toMatchObject({ status: 'done', processed: 9, created: 2, refused: 7 });
    const report = await refusedRows(t, run.id);
    expect(report.map((r) => r.row)).toEqual([3, 4, 5, 6, 7, 8, 10]);
    const by = new Map(report.map((r) => [r.row, r.errors]));
    expect(by.get(3)).toEqual([{ path: '/age', message: "column '年龄': 'twenty' is not an integer" }]);
    expect(by.get(4)![0]).toMatchObject({ path: '/score' });
    expect(by.get(4)![0]!.message).toContain("use '.' for decimals");
    expect(JSON.stringify(by.get(5))).toContain('name');
    expect(by.get(6)).toEqual([{ path: '', message: 'the row has 10 cells, the header row 9' }]);
    expect(by.get(7)![0]).toMatchObject({ path: '/email' });
    expect(by.get(8)![0]!.message).toContain("'maybe' is not yes/no");
    expect(by.get(10)![0]).toMatchObject({ path: '/birthday' });
    const rows = await stored(t);
    expect([...rows.keys()].sort()).toEqual(['good 1', 'good 2']);
    expect(rows.get('good 2')).toMatchObject({ birthday: '2024-02-29' });
  });

  it('refuses XLSX rows the same way, by the sheet\'s row number', async () => {
    // given
    const file = await xlsxOf([
      ['姓名', '年龄', '邮箱'],
      ['x good', 3, 'x@example.cn'],
      ['x bad', 2.5, 'x2@example.cn'],
      ['x wide', 4, 'x3@example.cn', 'stray'],
    ]);
    // when
    const run = await runImport(t, { file, fileName: 'x.xlsx', mapping: { 姓名: 'name', 年龄: 'age', 邮箱: 'email' } });
    // then
    expect(run).toMatchObject({ status: 'done', processed: 3, created: 1, refused: 2 });
    const report = await refusedRows(t, run.id);
    expect(report).toEqual([
      { row: 3, errors: [{ path: '/age', message: "column '年龄': '2.5' is not an integer" }] },
      { row: 4, errors: [{ path: '', message: "the row has cells right of the header row's last column (3)" }] },
    ]);
  });

  it('fails the run, naming the row, when a quote is never closed; earlier batches stay stored', async () => {
    // given
    const text = `${HEADER.join(',')}\r\nquote ok,,,,,,,,\r\n"open,,,,,,,,\r\nlost,,,,,,,,\r\n`;
    // when
    const run = await runImport(t, { file: text, mapping: MAPPING });
    // then
    expect(run.status).toBe('failed');
    expect(run.error).toContain('row 3: a quote opened in this row is never closed');
  });

  it('fails the run when a mapped column is not in the header row, storing nothing', async () => {
    // given
    const before = (await stored(t)).size;
    // when
    const run = await runImport(t, { file: csvOf([['姓名', '年龄'], ['nobody', '1']]), mapping: { 姓名: 'name', 邮件地址: 'email' } });
    // then
    expect(run.status).toBe('failed');
    expect(run.error).toBe("the file has no column '邮件地址' (its header row: '姓名', '年龄')");
    expect((await stored(t)).size).toBe(before);
  });

  it('fails a CSV that is not UTF-8 (GBK from an old Excel) instead of storing garbled text', async () => {
    // given: "姓名" in GBK
    const gbk = Buffer.concat([Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]), Buffer.from('\r\nabc\r\n')]);
    // when
    const run = await runImport(t, { file: gbk, mapping: { 姓名: 'name' } });
    // then
    expect(run.status).toBe('failed');
    expect(run.error).toContain('not UTF-8');
  });
});
