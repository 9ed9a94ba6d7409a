import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, type TrackedPage } from './harness/browser.ts';
import { shape } from './harness/modeler-steps.ts';
import type { BrowserUser } from './harness/server.ts';
import { signIn } from './harness/steps.ts';
import { browserSuite } from './harness/suite.ts';
import { amountRouting } from './publishing-models.ts';

/**
 * Issue 5 item 3, the route preview (RoutePreviewPanel on the modeler page): an analyst tries a
 * draft with sample data and sees who each step would reach, resolved through the live org
 * chart, while nothing is deployed or started. And who may open the designer pages at all.
 * (Versions, migration and deprecation: publishing-versions.test.ts.)
 */
describe.skipIf(browserMissing)('route preview and access to the designer in the browser', () => {
  const s = browserSuite();
  const users: Record<string, BrowserUser> = {};

  beforeAll(async () => {
    users.analyst = await s.server.user('ana', { roles: ['analyst'], name: 'Ana Analyst' });
    // the org chart the assignee expressions walk: eve → mark → dora
    await s.server.user('dora', { name: 'Dora Director' });
    await s.server.user('mark', { name: 'Mark Manager', managerId: 'dora' });
    users.employee = await s.server.user('eve', { name: 'Eve Employee', managerId: 'mark' });
  });

  /** runs the preview and waits until the panel shows the answer (a preview boots a throw-away engine: seconds) */
  async function runPreview(t: TrackedPage): Promise<void> {
    const answered = t.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/preview'), { timeout: 60_000 });
    await t.page.getByTestId('preview-run').click();
    expect((await answered).status()).toBe(200);
    await t.page.locator('[data-testid="preview-run"]:not([disabled])').waitFor();
    await t.page.getByTestId('preview-result').waitFor();
  }

  it("an analyst previews a draft's route: a large amount goes to the director, a small one to the manager, nothing live is touched", async () => {
    // given: a draft routing by amount, seeded as the analyst would import it
    const key = 'purchase-by-amount';
    const created = await s.server.api(users.analyst!, 'POST', '/api/drafts', { kind: 'bpmn', key, name: 'Purchase by amount', content: amountRouting(key) });
    expect(created.statusCode, created.body).toBe(201);
    const before = { deployments: await s.server.app.engine.countDeployments(), definitions: await s.server.app.engine.countDefinitions() };
    const t = await s.page('preview');
    const p = t.page;
    const previewCalls: string[] = [];
    p.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/preview')) previewCalls.push(r.postData() ?? '');
    });
    await signIn(p, s.server.url, users.analyst!, '/design');
    // an analyst has both designer entries in the top bar
    await p.getByTestId('nav-design').waitFor();
    expect(await p.getByTestId('nav-publish').count()).toBe(1);
    // when: opening the draft from the list
    await p.locator(`[data-testid="draft-row"][data-key="${key}"]`).getByTestId('draft-open').click();
    await shape(p, 'directorStep').waitFor();
    await p.getByTestId('preview-toggle').click();
    await p.getByTestId('preview-panel').waitFor();
    // and: a large amount, started by the employee
    await p.getByTestId('preview-variables').fill('{"amount": 5000}');
    await p.getByTestId('preview-initiator').fill('eve');
    await runPreview(t);
    // then: the route reaches the end through the director, the employee's manager's manager
    expect(await p.getByTestId('preview-step').allTextContents()).toEqual([expect.stringContaining('Director approval')]);
    expect(await p.getByTestId('preview-step').first().getAttribute('data-activity')).toBe('directorStep');
    expect(await p.getByTestId('preview-step').first().textContent()).toContain('Dora Director');
    expect(await p.getByTestId('preview-outcome').textContent()).toBe('Reaches the end');
    expect(await p.getByTestId('preview-path').textContent()).toContain('Amount?');
    await t.shot('large-amount-director');
    // when: a small amount
    await p.getByTestId('preview-variables').fill('{"amount": 10}');
    await runPreview(t);
    // then: the manager instead
    expect(await p.getByTestId('preview-step').first().getAttribute('data-activity')).toBe('managerStep');
    expect(await p.getByTestId('preview-step').allTextContents()).toEqual([expect.stringMatching(/Manager approval.*Mark Manager/)]);
    expect(await p.getByTestId('preview-step').first().textContent()).not.toContain('Dora');
    await t.shot('small-amount-manager');
    expect(previewCalls.map((b) => JSON.parse(b))).toEqual([
      { variables: { amount: 5000 }, initiator: 'eve' },
      { variables: { amount: 10 }, initiator: 'eve' },
    ]);
    // when: sample data that is not JSON
    await p.getByTestId('preview-variables').fill('{"amount": 10');
    await p.getByTestId('preview-run').click();
    // then: the panel says so and asks the server nothing
    await p.getByTestId('preview-json-error').waitFor();
    expect(await p.getByTestId('preview-json-error').textContent()).toContain('not valid JSON');
    await t.shot('invalid-json');
    expect(previewCalls).toHaveLength(2);
    // and: nothing reached the live engine: no deployment, no definition, no instance of the key
    expect(await s.server.app.engine.countDeployments()).toBe(before.deployments);
    expect(await s.server.app.engine.countDefinitions()).toBe(before.definitions);
    expect(await s.server.app.engine.getDefinitions({ key })).toEqual([]);
    expect(await s.server.app.engine.countProcessInstances({ processDefinitionKey: key })).toBe(0);
    expect(await s.server.app.engine.countHistoricInstances()).toBe(0);
    // and: the draft is still a draft
    expect((await s.server.api(users.analyst!, 'GET', '/api/processes')).json().items).toEqual([]);
  });

  it('an employee who opens the designer or publishing pages is sent to the inbox and sees no entries for them', async () => {
    // given: an employee signed in
    const t = await s.page('employee-access');
    const p = t.page;
    await signIn(p, s.server.url, users.employee!, '/inbox');
    await p.getByTestId('tab-todo').waitFor();
    for (const path of ['/publish', '/design', '/publish/purchase-by-amount']) {
      // when: typing the address of an analyst page
      await p.goto(`${s.server.url}${path}`);
      // then: the inbox instead
      await p.waitForURL((u) => u.pathname === '/inbox');
      await p.getByTestId('tab-todo').waitFor();
    }
    expect(await p.getByTestId('nav-design').count()).toBe(0);
    expect(await p.getByTestId('nav-publish').count()).toBe(0);
    await t.shot('sent-to-inbox');
  });
});
