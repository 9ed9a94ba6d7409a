import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, type TrackedPage } from './harness/browser.ts';
import { shape } from './harness/modeler-steps.ts';
import { ADMIN, type BrowserUser } from './harness/server.ts';
import { signIn } from './harness/steps.ts';
import { browserSuite } from './harness/suite.ts';
import { claimProcess } from './publishing-models.ts';

const KEY = 'expense-claim';

/**
 * Issue 5 item 4, publishing and versions (the pages of features/publish): an analyst publishes
 * a process twice from the modeler; version 2 drops the step "archive". An admin then sees the
 * running instances per version, migrates them (refused while one waits at the dropped step),
 * deprecates and restores version 2, and views a version's diagram. The steps share one server
 * and run in order. (Route preview and who may open these pages: preview-and-publishing.test.ts.)
 */
describe.skipIf(browserMissing)('publishing versions in the browser', () => {
  const s = browserSuite();
  const users: Record<string, BrowserUser> = {};
  const defs: Record<1 | 2, string> = { 1: '', 2: '' };
  /** the v1 instances: one waits at review (in both versions), one at archive (gone in v2) */
  const inst = { atReview: '', atArchive: '' };

  beforeAll(async () => {
    users.analyst = await s.server.user('ana', { roles: ['analyst'], name: 'Ana Analyst' });
    users.employee = await s.server.user('eve', { name: 'Eve Employee' });
    users.admin = ADMIN;
  });

  const versionRow = (p: Page, v: number) => p.locator(`[data-testid="version-row"][data-version="${v}"]`);
  const running = (p: Page, v: number) => versionRow(p, v).getByTestId('version-running').textContent();

  /** clicks publish in the modeler and returns the version it reports */
  async function publish(t: TrackedPage): Promise<string | null> {
    await t.page.getByTestId('publish-draft').click();
    await t.page.getByTestId('publish-result').waitFor();
    return t.page.getByTestId('publish-version').first().getAttribute('data-version');
  }

  it('an analyst publishes version 1 from the modeler, then a changed draft as version 2', async () => {
    // given: a draft review → archive, seeded as the analyst would import it
    const created = await s.server.api(users.analyst!, 'POST', '/api/drafts', { kind: 'bpmn', key: KEY, name: 'Expense claim', content: claimProcess(KEY, { id: 'archive', name: 'Archive' }) });
    expect(created.statusCode, created.body).toBe(201);
    const t = await s.page('1-publish');
    const p = t.page;
    await signIn(p, s.server.url, users.analyst!, '/design');
    await p.locator(`[data-testid="draft-row"][data-key="${KEY}"]`).getByTestId('draft-open').click();
    await shape(p, 'archive').waitFor();
    // when: publishing
    // then: version 1
    expect(await publish(t)).toBe('1');
    await t.shot('published-v1');
    // given: the draft changed elsewhere: archive replaced by a step with another id
    const draft = (await s.server.api(users.analyst!, 'GET', `/api/drafts/${created.json().id}`)).json();
    const changed = await s.server.api(users.analyst!, 'PUT', `/api/drafts/${draft.id}`, { content: claimProcess(KEY, { id: 'fileClaim', name: 'File claim' }), revision: draft.revision });
    expect(changed.statusCode, changed.body).toBe(200);
    // when: the analyst reloads the draft and publishes again
    await p.reload();
    await shape(p, 'fileClaim').waitFor();
    expect(await shape(p, 'archive').count()).toBe(0);
    // then: version 2
    expect(await publish(t)).toBe('2');
    await t.shot('published-v2');
    const deployed = await s.server.app.engine.getDefinitions({ key: KEY });
    expect(deployed.map((d) => d.version).sort()).toEqual([1, 2]);
    for (const d of deployed) defs[d.version as 1 | 2] = d.id;
  });

  it('an admin sees the running instances per version and migrates them once none waits at the dropped step', async () => {
    // given: two instances on version 1, one moved on to archive
    for (const k of ['atReview', 'atArchive'] as const) {
      const r = await s.server.api(users.admin!, 'POST', `/engine-rest/process-definition/${defs[1]}/start`, {});
      expect(r.statusCode, r.body).toBe(200);
      inst[k] = r.json().id;
    }
    const [review] = await s.server.app.engine.getTasks({ processInstanceId: inst.atArchive });
    await s.server.app.engine.completeTask(review!.id);
    const t = await s.page('2-migrate');
    const p = t.page;
    // when: the admin opens the process on the publishing page
    await signIn(p, s.server.url, users.admin!, '/publish');
    await p.locator(`[data-testid="process-row"][data-key="${KEY}"]`).getByRole('link').first().click();
    // then: v2 on top with nothing running, v1 with both instances
    await versionRow(p, 1).waitFor();
    expect(await p.getByTestId('version-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-version')))).toEqual(['2', '1']);
    expect([await running(p, 1), await running(p, 2)]).toEqual(['2', '0']);
    await t.shot('versions-running');
    // when: migrating v1 to v2
    await versionRow(p, 1).getByTestId('migrate-btn').click();
    await p.getByTestId('migration-target').selectOption(defs[2]);
    // then: the activities of equal id map, archive is explained with the instance waiting there
    const mapping = p.getByTestId('migration-mapping');
    await mapping.locator('tbody tr').first().waitFor();
    const rows = await mapping.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim())));
    expect(rows).toContainEqual(['review', '→', 'review']);
    expect(rows.flat()).not.toContain('archive');
    const archive = p.getByTestId('migration-unmapped').locator('li[data-activity="archive"]');
    expect(await archive.textContent()).toMatch(/Archive.*no activity with this id in version 2.*1 running here/);
    await t.shot('migration-proposal');
    // when: migrating anyway
    t.expectConsole(/Failed to load resource: the server responded with a status of 400/);
    await p.getByTestId('migration-execute').click();
    // then: refused with the server's reason, nothing moved
    await p.getByTestId('migration-dialog').getByTestId('error-banner').waitFor();
    expect(await p.getByTestId('migration-dialog').getByTestId('error-banner').textContent()).toContain('archive');
    await t.shot('migration-refused');
    expect(await s.server.app.engine.countProcessInstances({ processDefinitionId: defs[1] })).toBe(2);
    // given: the archive instance finishes; only the one at review is left on v1
    const [archiveTask] = await s.server.app.engine.getTasks({ processInstanceId: inst.atArchive });
    expect(archiveTask?.taskDefinitionKey).toBe('archive');
    await s.server.app.engine.completeTask(archiveTask!.id);
    await p.keyboard.press('Escape');
    await p.reload();
    await expect.poll(() => running(p, 1)).toBe('1');
    // when: migrating again
    await versionRow(p, 1).getByTestId('migrate-btn').click();
    await p.getByTestId('migration-mapping').waitFor();
    expect(await p.getByTestId('migration-unmapped').locator('li[data-activity="archive"] .badge').count()).toBe(0);
    await p.getByTestId('migration-execute').click();
    // then: the instance runs on v2, still at review
    await p.getByTestId('migration-done').waitFor();
    expect(await p.getByTestId('migration-done').textContent()).toContain('1 instance(s) moved to version 2');
    await expect.poll(() => running(p, 2)).toBe('1');
    expect(await running(p, 1)).toBe('0');
    await t.shot('migrated');
    const [moved] = await s.server.app.engine.getProcessInstances({ processInstanceIds: [inst.atReview] });
    expect(moved?.definitionId).toBe(defs[2]);
    expect((await s.server.app.engine.getTasks({ processInstanceId: inst.atReview })).map((x) => x.taskDefinitionKey)).toEqual(['review']);
  });

  it('an admin deprecates version 2: new requests start on version 1 until it is restored', async () => {
    const t = await s.page('3-deprecate');
    const p = t.page;
    await signIn(p, s.server.url, users.admin!, `/publish/${KEY}`);
    // when: deprecating v2
    await versionRow(p, 2).getByTestId('deprecate-btn').click();
    // then: marked, and its running instance stays
    await versionRow(p, 2).getByTestId('deprecated-badge').waitFor();
    expect(await versionRow(p, 2).getAttribute('data-deprecated')).toBe('true');
    expect(await running(p, 2)).toBe('1');
    await t.shot('v2-deprecated');
    // and: a start by key lands on v1, and the employee's catalogue offers v1
    const started = await s.server.api(users.employee!, 'POST', `/engine-rest/process-definition/key/${KEY}/start`, {});
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().definitionId).toBe(defs[1]);
    const offered = async () => (await s.server.api(users.employee!, 'GET', '/api/catalogue')).json().items.find((i: { key: string }) => i.key === KEY);
    expect(await offered()).toMatchObject({ definitionId: defs[1], version: 1 });
    // and: the process list names the deprecated version
    await p.getByRole('link', { name: /Back/ }).click();
    const row = p.locator(`[data-testid="process-row"][data-key="${KEY}"]`);
    await row.waitFor();
    expect(await row.locator('.badge.warn').allTextContents()).toEqual(['v2']);
    await t.shot('process-list-deprecated');
    // when: restoring v2
    await row.getByRole('link').first().click();
    await versionRow(p, 2).getByTestId('undeprecate-btn').click();
    // then: new requests go to v2 again
    await versionRow(p, 2).getByTestId('deprecate-btn').waitFor();
    expect(await versionRow(p, 2).getAttribute('data-deprecated')).toBe('false');
    expect(await offered()).toMatchObject({ definitionId: defs[2], version: 2 });
    const again = await s.server.api(users.employee!, 'POST', `/engine-rest/process-definition/key/${KEY}/start`, {});
    expect(again.json().definitionId).toBe(defs[2]);
    await t.shot('v2-restored');
  });

  it("an admin views a version's diagram", async () => {
    const t = await s.page('4-view');
    const p = t.page;
    await signIn(p, s.server.url, users.admin!, `/publish/${KEY}`);
    // when: viewing version 1
    await versionRow(p, 1).getByTestId('view-version').click();
    // then: its diagram, with the step version 2 no longer has
    await p.getByTestId('version-canvas').locator('.djs-element').first().waitFor();
    await shape(p, 'archive').waitFor();
    expect(await shape(p, 'fileClaim').count()).toBe(0);
    expect(new URL(p.url()).pathname).toBe(`/publish/${KEY}/${encodeURIComponent(defs[1])}`);
    await t.shot('v1-diagram');
  });
});
