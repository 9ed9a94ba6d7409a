import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing } from './harness/browser.ts';
import { ADMIN, type BrowserUser } from './harness/server.ts';
import { signIn } from './harness/steps.ts';
import { browserSuite } from './harness/suite.ts';

/**
 * Records as an employee uses them (issue 5 item 6): the table of a type with search, sorting
 * and a CSV export; one record edited, its history, and a save that lost a race; the kanban by
 * stage with a card dragged to another column. The type and its records are seeded through the
 * API; the steps share one server and run in order.
 */
const DEAL = {
  'x-entity': 'deal',
  type: 'object',
  'x-title-field': 'title',
  'x-index': ['amount', 'stage'],
  'x-stage-field': 'stage',
  'x-i18n': {
    'zh-CN': { title: '商机', fields: { title: '标题', amount: '金额', stage: '阶段' } },
    en: { title: 'Deals', fields: { title: 'Title', amount: 'Amount', stage: 'Stage' } },
  },
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    amount: { type: 'number' },
    stage: { type: 'string', enum: ['lead', 'won', 'lost'] },
  },
  required: ['title'],
};
const SEED = [
  { title: 'Acme renewal', amount: 1200, stage: 'lead' },
  { title: 'Beta rollout', amount: 800, stage: 'lead' },
  { title: 'Cobalt pilot', amount: 3000, stage: 'won' },
  { title: 'Delta expansion', amount: 500, stage: 'lost' },
  { title: 'Acme support', amount: 450, stage: 'won' },
];

interface Rec {
  id: string;
  version: number;
  data: { title: string; amount: number; stage: string };
}

describe.skipIf(browserMissing)('records in the browser', () => {
  const s = browserSuite();
  let sofia: BrowserUser;
  const ids: Record<string, string> = {};

  /** the records API as the admin (seeding, and the "someone else" of a race) */
  async function api<T>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}): Promise<T> {
    const res = await s.server.api(ADMIN, method, url, payload, headers);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  }
  const record = (id: string) => api<Rec>('GET', `/api/entities/deal/${id}`);

  beforeAll(async () => {
    sofia = await s.server.user('sofia', { name: 'Sofia Sales', groups: ['sales'] });
    await api('POST', '/api/entities/types', DEAL);
    for (const d of SEED) ids[d.title] = (await api<Rec>('POST', '/api/entities/deal', d)).id;
  });
  const titles = (p: Page) => p.locator('[data-testid="record-row"] td.title-cell a').allTextContents();

  it('lists the records of a type, narrows them by a search, sorts by a column and exports what is shown', async () => {
    const t = await s.page('records-table');
    const p = t.page;
    // given: the type in the list of types
    await signIn(p, s.server.url, sofia, '/records');
    const type = p.locator('[data-testid="type-row"][data-type="deal"]');
    await type.waitFor();
    expect(await type.textContent()).toContain('Deals');
    // when: opening it
    await type.getByRole('link', { name: 'Deals' }).click();
    // then: all five, labelled in English
    await expect.poll(() => p.getByTestId('record-row').count()).toBe(5);
    expect(await p.locator('th[data-field="amount"]').textContent()).toContain('Amount');
    await t.shot('table');
    // when: searching
    await p.getByTestId('record-filter').fill('acme');
    // then: the two Acme deals
    await expect.poll(() => p.getByTestId('record-row').count()).toBe(2);
    expect((await titles(p)).sort()).toEqual(['Acme renewal', 'Acme support']);
    // when: sorting by amount, then again for the other way round
    await p.locator('th[data-field="amount"]').click();
    await expect.poll(() => titles(p)).toEqual(['Acme support', 'Acme renewal']);
    expect(await p.locator('th[data-field="amount"]').getAttribute('aria-sort')).toBe('ascending');
    await p.locator('th[data-field="amount"]').click();
    await expect.poll(() => titles(p)).toEqual(['Acme renewal', 'Acme support']);
    await t.shot('searched-sorted');
    // when: exporting as CSV
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-csv').click()]);
    // then: a CSV file of the two rows shown, headed by the English labels
    expect(download.suggestedFilename()).toMatch(/^deal-.*\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/Title/);
    expect(lines[0]).toMatch(/Amount/);
    expect(lines.slice(1).map((l) => l.match(/Acme \w+/)?.[0])).toEqual(['Acme renewal', 'Acme support']);
    expect(csv).not.toContain('Beta rollout');
  });

  it('saves a changed field and shows old → new in the history; a save that lost a race keeps the input', async () => {
    const t = await s.page('records-edit');
    const p = t.page;
    // given: the Beta deal opened from the table
    await signIn(p, s.server.url, sofia, '/records/deal');
    await p.locator('[data-testid="record-row"]').filter({ hasText: 'Beta rollout' }).getByRole('link', { name: 'Beta rollout' }).click();
    const amount = p.locator('.fjs-form').getByLabel('Amount');
    await expect.poll(() => amount.inputValue()).toBe('800');
    // when: the amount changes and is saved
    await amount.fill('950');
    await p.getByTestId('record-save').click();
    // then: saved, and the history's newest entry shows the change
    await expect.poll(() => p.getByTestId('record-notice').textContent()).toBe('Saved');
    const v2 = p.locator('[data-testid="record-history-entry"][data-version="2"]');
    await v2.waitFor();
    expect(await v2.locator('.changes li').allTextContents()).toEqual([expect.stringMatching(/Amount\s*800\s*→\s*950/)]);
    expect((await record(ids['Beta rollout']!)).data.amount).toBe(950);
    await t.shot('saved-history');
    // when: someone else changes the record while the employee types a new amount and saves
    await amount.fill('1000');
    await api('PATCH', `/api/entities/deal/${ids['Beta rollout']}`, { title: 'Beta rollout EU' }, { 'if-match': '"2"' });
    t.expectConsole(/status of 409/);
    await p.getByTestId('record-save').click();
    // then: the conflict is explained, nothing of the employee's is stored, and the input is still there
    await p.getByTestId('record-conflict').waitFor();
    expect(await p.getByTestId('record-conflict').textContent()).toContain('changed by someone else');
    expect(await amount.inputValue()).toBe('1000');
    expect((await record(ids['Beta rollout']!)).data).toMatchObject({ title: 'Beta rollout EU', amount: 950 });
    await t.shot('conflict');
    // when: reloading the newer version and saving again
    await p.getByTestId('record-reload').click();
    await expect.poll(() => p.getByTestId('record-notice').textContent()).toContain('version 3');
    expect(await amount.inputValue()).toBe('1000');
    expect(await p.locator('.fjs-form').getByLabel('Title').inputValue()).toBe('Beta rollout EU');
    await p.getByTestId('record-save').click();
    // then: both changes are kept
    await expect.poll(() => p.getByTestId('record-notice').textContent()).toBe('Saved');
    expect(await record(ids['Beta rollout']!)).toMatchObject({ version: 4, data: { title: 'Beta rollout EU', amount: 1000, stage: 'lead' } });
    await p.locator('[data-testid="record-history-entry"][data-version="4"]').waitFor();
    await t.shot('saved-after-reload');
  });

  it('shows a kanban column per stage with counts and sums, and a dragged card changes stage', async () => {
    const t = await s.page('records-kanban');
    const p = t.page;
    // given: the board (lead: Acme renewal 1200 + Beta 1000; won: Cobalt 3000 + Acme support 450; lost: Delta 500)
    await signIn(p, s.server.url, sofia, '/records/deal/kanban');
    const column = (stage: string) => p.locator(`[data-testid="kanban-column"][data-stage="${stage}"]`);
    const totals = async (stage: string) => {
      const el = column(stage).getByTestId('kanban-total');
      return [await el.getAttribute('data-count'), await el.getAttribute('data-sum')];
    };
    await expect.poll(() => p.getByTestId('kanban-column').count()).toBe(3);
    await expect.poll(() => totals('lead')).toEqual(['2', '2200']);
    expect(await totals('won')).toEqual(['2', '3450']);
    expect(await totals('lost')).toEqual(['1', '500']);
    expect(await column('won').getByTestId('kanban-total').textContent()).toContain('3,450');
    await expect.poll(() => column('lead').getByTestId('kanban-card').count()).toBe(2);
    await t.shot('board');
    // when: the Acme renewal card is dragged from lead to won
    const card = p.locator(`[data-testid="kanban-card"][data-id="${ids['Acme renewal']}"]`);
    await card.dragTo(column('won'));
    // then: the card sits in won, the record's stage changed, and the totals follow
    await expect.poll(() => column('won').locator(`[data-id="${ids['Acme renewal']}"]`).count()).toBe(1);
    await expect.poll(async () => (await record(ids['Acme renewal']!)).data.stage).toBe('won');
    await expect.poll(() => totals('won')).toEqual(['3', '4650']);
    expect(await totals('lead')).toEqual(['1', '1000']);
    expect(await column('lead').getByTestId('kanban-card').count()).toBe(1);
    expect(await p.getByTestId('kanban-error').count()).toBe(0);
    await t.shot('after-drag');
    // and: the board read afresh agrees
    await p.reload();
    await expect.poll(() => totals('won')).toEqual(['3', '4650']);
    expect(await column('won').getByTestId('kanban-card').count()).toBe(3);
  });
});
