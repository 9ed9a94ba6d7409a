import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing } from './harness/browser.ts';
import { linearProcess } from './harness/linear-bpmn.ts';
import { openGroup, select, shape } from './harness/modeler-steps.ts';
import type { BrowserUser } from './harness/server.ts';
import { signIn } from './harness/steps.ts';
import { browserSuite } from './harness/suite.ts';

/**
 * Issue 6 item 2 in the full modeler: the properties panel's "Approval" group
 * (designer/src/bpmn/approval) writes the lz.* camunda:property entries of docs/approvals.md —
 * on a user task the approval step and its mode, on the process the withdraw option — and each
 * write is one step of the modeler's undo.
 */
describe.skipIf(browserMissing)('the approval group of the properties panel', () => {
  const s = browserSuite();
  let analyst: BrowserUser;
  const key = 'approval-props';

  beforeAll(async () => {
    analyst = await s.server.user('ana', { roles: ['analyst'], name: 'Ana Analyst' });
    const created = await s.server.api(analyst, 'POST', '/api/drafts', { kind: 'bpmn', key, name: 'Approval properties', content: linearProcess(key, 'Approval properties', [{ id: 'review', xml: '<userTask id="review" name="Review" />' }]) });
    expect(created.statusCode, created.body).toBe(201);
  });

  /** clicks the canvas where nothing is drawn (bottom right; the palette is top left): the process is selected, the canvas has the keyboard */
  async function clickEmptyCanvas(p: import('playwright-core').Page): Promise<void> {
    const box = (await p.locator('.djs-container').boundingBox())!;
    await p.mouse.click(box.x + box.width - 40, box.y + box.height - 40);
    await p.waitForTimeout(300);
  }

  /** saves the draft and returns the XML the server holds */
  async function savedXml(p: import('playwright-core').Page): Promise<string> {
    await p.getByTestId('save-draft').click();
    await expect.poll(() => p.getByTestId('draft-status').getAttribute('data-state')).toBe('saved');
    const drafts = (await s.server.api(analyst, 'GET', '/api/drafts?kind=bpmn')).json().items as Array<{ id: string; key: string }>;
    const id = drafts.find((d) => d.key === key)!.id;
    return (await s.server.api(analyst, 'GET', `/api/drafts/${id}`)).json().content as string;
  }

  it('ticking "approval step" and picking mode "any" on a user task writes lz.approval and lz.mode; undo takes the mode back', async () => {
    const t = await s.page('approval-group');
    const p = t.page;
    await signIn(p, s.server.url, analyst, '/design');
    await p.locator(`[data-testid="draft-row"][data-key="${key}"]`).getByTestId('draft-open').click();
    await shape(p, 'review').waitFor();
    // given: the user task selected, its approval group open
    await select(p, 'review');
    await openGroup(p, 'group-lz-approval');
    // then: before the tick only the tick is offered
    expect(await p.locator('#bio-properties-panel-lz-mode').count()).toBe(0);
    // when: ticking "approval step" and choosing "the first decision counts"
    await p.locator('#bio-properties-panel-lz-approval').check();
    await p.locator('#bio-properties-panel-lz-mode').waitFor();
    await p.locator('#bio-properties-panel-lz-mode').selectOption('any');
    await t.shot('approval-group');
    // then: the exported XML has both properties on the task
    const xml = await savedXml(p);
    const task = xml.match(/<(?:bpmn:)?userTask id="review"[\s\S]*?<\/(?:bpmn:)?userTask>/)![0];
    expect(task).toContain('<camunda:property name="lz.approval" value="true" />');
    expect(task).toContain('<camunda:property name="lz.mode" value="any" />');
    // when: undo (Ctrl+Z on the canvas) takes back the last write, the mode
    await clickEmptyCanvas(p);
    await p.keyboard.press('Control+z');
    // then
    const undone = await savedXml(p);
    expect(undone).toContain('<camunda:property name="lz.approval" value="true" />');
    expect(undone).not.toContain('lz.mode');
  });

  it('on the process: the withdraw option and the request number pattern', async () => {
    const t = await s.page('process-group');
    const p = t.page;
    await signIn(p, s.server.url, analyst, '/design');
    await p.locator(`[data-testid="draft-row"][data-key="${key}"]`).getByTestId('draft-open').click();
    await shape(p, 'review').waitFor();
    // given: nothing selected, so the panel shows the process
    await clickEmptyCanvas(p);
    await openGroup(p, 'group-lz-approval');
    // when: a pattern without a counter, then a good one; withdrawing at any time
    const pattern = p.locator('#bio-properties-panel-lz-serialPattern');
    await pattern.fill('QJ-{yyyyMMdd}');
    await p.locator('[data-entry-id="lz-serialPattern"] .bio-properties-panel-error').waitFor();
    await pattern.fill('QJ-{yyyyMMdd}-{seq4}');
    await pattern.press('Tab');
    await p.locator('#bio-properties-panel-lz-withdraw').selectOption('always');
    await t.shot('process-group');
    // then
    const xml = await savedXml(p);
    const head = xml.match(/<(?:bpmn:)?process [\s\S]*?<(?:bpmn:)?startEvent/)![0];
    expect(head).toContain('<camunda:property name="lz.withdraw" value="always" />');
    expect(head).toContain('<camunda:property name="lz.serialPattern" value="QJ-{yyyyMMdd}-{seq4}" />');
  });
});
