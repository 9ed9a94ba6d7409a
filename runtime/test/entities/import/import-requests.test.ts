import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { contact, csvOf, deployContact, MAPPING, postImport, progress, refusedRows, runImport, stored } from './import-helpers.ts';

/** every outside input gets a clear 4xx and leaves stored data (and the temp dir) unchanged */
describe('entity import: requests that are refused, and who sees an import', () => {
  let t: TestApp;
  let spool: string;
  let erin: { id: string; password: string };
  let sam: { id: string; password: string };
  const good = csvOf([['姓名'], ['someone']]);
  beforeAll(async () => {
    // os.tmpdir() follows TMPDIR: this file's uploads are spooled where the test can see them
    spool = mkdtempSync(join(tmpdir(), 'lz-import-test-'));
    process.env.TMPDIR = spool;
    t = await createTestApp();
    await deployContact(t);
    await deployContact(t, { ...contact, 'x-entity': 'locked', 'x-permissions': { read: ['sales'], write: ['sales'] } });
    erin = await t.user('erin', { roles: ['employee'], groups: ['sales'] });
    sam = await t.user('sam', { roles: ['employee'] });
  });
  afterAll(() => t.close());

  it.each([
    ['a mapping naming an unknown property', { mapping: { 姓名: 'nickname' } }, 400, "'nickname' is not a property of contact"],
    ['a mapping naming one property twice', { mapping: { 姓名: 'name', 名字: 'name' } }, 400, "'name' is already mapped from column '姓名'"],
    ['a mapping that is not an object', { mapping: '["name"]' }, 400, 'mapping is a JSON object'],
    ['a mapping that is not JSON', { mapping: '{name' }, 400, 'mapping is not JSON'],
    ['no mapping', {}, 400, "no 'mapping' field"],
    ['an unknown onDuplicate', { mapping: MAPPING, onDuplicate: 'merge' }, 400, 'onDuplicate is skip, update or create'],
    ['an unknown form field', { mapping: MAPPING, extra: [{ name: 'dryRun', value: 'true' }] }, 400, "unknown form field 'dryRun'"],
    ['a file that is neither .csv nor .xlsx', { mapping: MAPPING, fileName: 'contacts.xls' }, 400, 'must be .csv or .xlsx'],
    ['an empty file', { mapping: MAPPING, file: '' }, 400, 'the file is empty'],
    ['an .xlsx that is not a workbook', { mapping: MAPPING, fileName: 'x.xlsx' }, 400, 'not an Excel workbook'],
    ['an unknown entity type', { mapping: MAPPING, type: 'nothing' }, 404, 'Entity type not found'],
  ])('refuses %s: stores nothing, spools nothing', async (_, o, status, text) => {
    // when
    const res = await postImport(t, { file: good, ...(o as object) });
    // then
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toContain(text);
    expect((await stored(t)).size).toBe(0);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('lists each mapping problem with a JSON pointer into the mapping', async () => {
    // when
    const res = await postImport(t, { file: good, mapping: { 姓名: 'nickname', 'a/b': 'age', 年龄: 'age' } });
    // then
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'LZ_ERR_IMPORT_INVALID', errors: [{ path: '/mapping/姓名' }, { path: '/mapping/年龄', message: "'age' is already mapped from column 'a/b'" }] });
  });

  it('answers 403 to a user without write permission on the type, before reading the upload', async () => {
    // when
    const res = await postImport(t, { type: 'locked', file: good, mapping: { 姓名: 'name' }, user: sam });
    // then
    expect(res.statusCode).toBe(403);
    expect(readdirSync(spool)).toEqual([]);
    // the group's member may
    const ok = await runImport(t, { type: 'locked', file: good, mapping: { 姓名: 'name' }, user: erin });
    expect(ok).toMatchObject({ status: 'done', created: 1, startedBy: 'erin' });
    expect(readdirSync(spool)).toEqual([]);
  });

  it('shows an import to its starter and admins only; unknown ids are 404', async () => {
    // given
    const run = await runImport(t, { file: csvOf([['姓名'], ['visible']]), mapping: { 姓名: 'name' }, user: erin });
    // then
    expect((await progress(t, run.id, erin)).statusCode).toBe(200);
    expect((await progress(t, run.id, 'admin')).statusCode).toBe(200);
    expect((await progress(t, run.id, sam)).statusCode).toBe(404);
    expect((await t.request(sam, { method: 'GET', url: `/api/entities/contact/imports/${run.id}/rows` })).statusCode).toBe(404);
    expect((await progress(t, run.id, 'admin', 'locked')).statusCode).toBe(404);
    expect((await progress(t, '00000000-0000-4000-8000-000000000000', 'admin')).statusCode).toBe(404);
    expect((await progress(t, 'not-a-uuid', 'admin')).statusCode).toBe(404);
    expect((await t.request(null, { method: 'GET', url: `/api/entities/contact/imports/${run.id}` })).statusCode).toBe(401);
    expect(await refusedRows(t, run.id, erin)).toEqual([]);
  });

  it('reports a running import whose heartbeat stopped (its process died) as failed: interrupted', async () => {
    // given: a run as a crashed process leaves it — still 'running', heartbeat two minutes old
    const run = await runImport(t, { file: csvOf([['姓名'], ['crash']]), mapping: { 姓名: 'name' } });
    await t.app.engine.db.query(`UPDATE entity_imports SET status = 'running', finished_at = NULL, updated_at = now() - interval '120 seconds' WHERE id = $1`, [run.id]);
    // when
    const res = await progress(t, run.id);
    // then
    expect(res.json()).toMatchObject({ status: 'failed', created: 1 });
    expect(res.json().error).toMatch(/^interrupted: no heartbeat for more than 60 s/);
  });

  it('refuses rows the importer may not own (x-owner-field, checked by the store per row)', async () => {
    // given
    await deployContact(t, { ...contact, 'x-entity': 'owned', 'x-owner-field': 'owner', properties: { ...contact.properties, owner: { type: 'string' } } });
    // when
    const run = await runImport(t, { type: 'owned', file: csvOf([['姓名', 'owner'], ['mine', 'sam'], ['theirs', 'erin'], ['default', '']]), mapping: { 姓名: 'name', owner: 'owner' }, user: sam });
    // then
    expect(run).toMatchObject({ status: 'done', created: 2, refused: 1 });
    expect(await refusedRows(t, run.id, sam, 'owned')).toEqual([{ row: 3, errors: [{ path: '/owner', message: 'you may only create records you or your team own' }] }]);
  });
});
