import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { csvOf, deployContact, HEADER, MAPPING, refusedRows, runImport, stored, xlsxOf } from './import-helpers.ts';

/**
 * Issue point 3: "CSV and XLSX import with a column mapping, validation per row … and a report
 * naming each refused row and why".
 */
describe('entity import: CSV and XLSX happy path', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await deployContact(t);
  });
  afterAll(() => t.close());

  it('imports a CSV (BOM, Chinese headers) converting every kind of value; unmapped columns are ignored', async () => {
    // given
    const file = csvOf([
      [...HEADER, '内部编号'],
      ['张三', 'zhang@example.cn', '138 0013 8000', '35', '4.5', '是', '1989/6/4', '大客户; 北京', '{"source":"fair"}', 'X-1'],
      ['李四', '', '', '', '-0.25', 'no', '2001-02-03', '', '', 'X-2'],
      ['', '', '', '', '', '', '', '', '', ''],
      ['王五', 'wang@example.cn', '', '+7', '1e3', 'TRUE', '2020年1月9日', 'a;;b', '', 'X-3'],
    ]);
    // when
    const run = await runImport(t, { file, mapping: MAPPING });
    // then
    expect(run).toMatchObject({ status: 'done', processed: 3, created: 3, updated: 0, skipped: 0, refused: 0, progress: 1, error: null });
    const rows = await stored(t);
    const { _id: _a, ...zhang } = rows.get('张三')!;
    expect(zhang).toEqual({ name: '张三', email: 'zhang@example.cn', phone: '138 0013 8000', age: 35, score: 4.5, vip: true, birthday: '1989-06-04', tags: ['大客户', '北京'], meta: { source: 'fair' } });
    const { _id: _b, ...li } = rows.get('李四')!;
    expect(li).toEqual({ name: '李四', score: -0.25, vip: false, birthday: '2001-02-03' });
    const { _id: _c, ...wang } = rows.get('王五')!;
    expect(wang).toEqual({ name: '王五', email: 'wang@example.cn', age: 7, score: 1000, vip: true, birthday: '2020-01-09', tags: ['a', 'b'] });
  });

  it('imports the first sheet of an XLSX file built with exceljs (numbers, booleans and dates as cells)', async () => {
    // given
    const file = await xlsxOf([
      ['姓名', '邮箱', '年龄', '会员', '生日', '电话'],
      ['赵六', 'zhao@example.cn', 41, true, new Date(Date.UTC(1983, 10, 2)), 13900139000],
      ['钱七', { text: 'qian@example.cn', hyperlink: 'mailto:qian@example.cn' }, { formula: '20+2', result: 22 }, false, '1990-01-01', null],
    ]);
    // when
    const run = await runImport(t, { file, fileName: 'contacts.xlsx', mapping: { 姓名: 'name', 邮箱: 'email', 年龄: 'age', 会员: 'vip', 生日: 'birthday', 电话: 'phone' } });
    // then
    expect(run).toMatchObject({ status: 'done', processed: 2, created: 2, refused: 0 });
    const rows = await stored(t);
    expect(rows.get('赵六')).toMatchObject({ email: 'zhao@example.cn', age: 41, vip: true, birthday: '1983-11-02', phone: '13900139000' });
    expect(rows.get('钱七')).toMatchObject({ email: 'qian@example.cn', age: 22, vip: false, birthday: '1990-01-01' });
    expect(rows.get('钱七')).not.toHaveProperty('phone');
    // the second sheet is not read
    expect(rows.has('not')).toBe(false);
    expect(await refusedRows(t, run.id)).toEqual([]);
  });
});
