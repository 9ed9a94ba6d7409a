import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { csvLine, deployContact, postImport, progress, refusedRows, stored, waitDone } from './import-helpers.ts';

/** "Import of 100,000 rows streams … and shows progress": 20,000 rows here, counts checked (no timing) */
describe('entity import: 20,000 rows in batches, with progress', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await deployContact(t);
  });
  afterAll(() => t.close());

  it('stores, skips and refuses the right rows across batches and reports progress while running', async () => {
    // given: every 101st row repeats the email of a row 700 earlier (another batch), every 997th has a bad age
    const lines = [csvLine(['name', 'email', 'age'])];
    let dups = 0;
    let bad = 0;
    for (let i = 1; i <= 20_000; i += 1) {
      // (a row repeating a refused row's email would be stored: those are left out)
      const isDup = i > 700 && i % 101 === 0 && (i - 700) % 997 !== 0;
      const isBad = !isDup && i % 997 === 0;
      if (isDup) dups += 1;
      if (isBad) bad += 1;
      lines.push(csvLine([`row ${i}`, `u${isDup ? i - 700 : i}@example.cn`, isBad ? 'x' : String(i % 90)]));
    }
    // when
    const res = await postImport(t, { file: `${lines.join('\n')}\n`, mapping: { name: 'name', email: 'email', age: 'age' } });
    expect(res.statusCode).toBe(202);
    const { id } = res.json() as { id: string };
    const during = (await progress(t, id)).json() as { status: string; processed: number; progress: number };
    const run = await waitDone(t, id, 'admin', 'contact', 600_000);
    // then
    expect(during.status).toBe('running');
    expect(during.processed).toBeLessThan(20_000);
    expect(during.progress).toBeLessThan(1);
    expect(run).toMatchObject({ status: 'done', processed: 20_000, created: 20_000 - dups - bad, skipped: dups, refused: bad, updated: 0, progress: 1, error: null });
    const refused = await refusedRows(t, id);
    expect(refused.map((r) => r.row)).toEqual(Array.from({ length: 20_000 }, (_, k) => k + 1).filter((i) => !(i > 700 && i % 101 === 0 && (i - 700) % 997 !== 0) && i % 997 === 0).map((i) => i + 1));
    expect((await stored(t)).size).toBe(20_000 - dups - bad);
  }, 600_000);
});
