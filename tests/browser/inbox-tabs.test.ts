import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing } from './harness/browser.ts';
import { linearProcess } from './harness/linear-bpmn.ts';
import type { BrowserUser } from './harness/server.ts';
import { signIn } from './harness/steps.ts';
import { browserSuite } from './harness/suite.ts';

/**
 * The employee's other inbox tabs (issue 5 item 7): the requests I started, and the ones copied
 * to me by a CC step (contract C/D: a service task on topic approval.cc with ccUsers), unread
 * until opened. The process is seeded; the employee starts it in the browser.
 */
const EXPENSE = linearProcess(
  'cc-expense',
  'Expense claim',
  [
    {
      id: 'tellFinance',
      xml: `<serviceTask id="tellFinance" name="Tell finance" camunda:type="external" camunda:topic="approval.cc">
      <extensionElements><camunda:inputOutput><camunda:inputParameter name="ccUsers">carl</camunda:inputParameter></camunda:inputOutput></extensionElements>
    </serviceTask>`,
    },
    { id: 'payOut', xml: '<userTask id="payOut" name="Pay out" camunda:assignee="mona" />' },
  ],
  { initiator: true },
);

describe.skipIf(browserMissing)('the started and cc tabs of the inbox', () => {
  const s = browserSuite();
  let ivy: BrowserUser;
  let carl: BrowserUser;
  let instanceId = '';

  beforeAll(async () => {
    ivy = await s.server.user('ivy', { name: 'Ivy Initiator' });
    carl = await s.server.user('carl', { name: 'Carl Controller' });
    await s.server.user('mona', { name: 'Mona Manager' });
    await s.server.app.engine.deploy([{ name: 'cc-expense.bpmn', content: EXPENSE }]);
  });

  it('an employee starts a request, and it is listed under the requests she started', async () => {
    const t = await s.page('inbox-started', { width: 390, height: 844 });
    const p = t.page;
    // given: the process in the catalogue
    await signIn(p, s.server.url, ivy, '/start');
    const entry = p.locator('[data-testid="catalogue-item"][data-key="cc-expense"]');
    await entry.waitFor();
    // when: starting it (no start form)
    await entry.getByRole('link').first().click();
    await p.getByTestId('start-no-form').waitFor();
    await p.getByTestId('start-submit').click();
    await p.waitForURL(/\/requests\//);
    instanceId = decodeURIComponent(new URL(p.url()).pathname.split('/').pop()!);
    expect(await s.server.app.engine.getVariables(instanceId)).toMatchObject({ initiator: 'ivy' });
    // and: the CC step is done by the in-process worker, the request waits at "Pay out"
    await expect.poll(async () => (await s.server.app.engine.getTasks({ processInstanceId: instanceId })).map((x) => x.name), { timeout: 30_000 }).toEqual(['Pay out']);
    // then: the started tab lists it, running
    await p.goto(`${s.server.url}/inbox`);
    await p.getByTestId('tab-started').click();
    const item = p.locator(`[data-testid="inbox-item"]`).filter({ hasText: 'Expense claim' });
    await item.waitFor();
    expect(await p.getByTestId('inbox-item').count()).toBe(1);
    expect(await item.textContent()).toContain('In progress');
    await t.shot('started-tab');
    // and: nothing is copied to the initiator herself
    await p.getByTestId('tab-cc').click();
    await p.getByTestId('inbox-empty').waitFor();
    // when: opening the started request
    await p.getByTestId('tab-started').click();
    await item.getByRole('link').click();
    // then: its timeline, with the copy to finance
    await p.waitForURL(new RegExp(`/requests/${instanceId}`));
    await expect.poll(() => p.locator('[data-testid="timeline-item"]').evaluateAll((l) => l.map((e) => e.getAttribute('data-kind')))).toEqual(
      expect.arrayContaining(['started', 'cc', 'task']),
    );
    await t.shot('started-timeline');
  });

  it('the person copied sees the request unread in the cc tab; opening it shows the timeline and marks it read', async () => {
    const t = await s.page('inbox-cc');
    const p = t.page;
    // given: carl was copied by the CC step
    await signIn(p, s.server.url, carl, '/inbox');
    // when: the cc tab
    await p.getByTestId('tab-cc').click();
    const item = p.getByTestId('inbox-item').filter({ hasText: 'Tell finance' });
    await item.waitFor();
    // then: one copy, unread, from ivy
    expect(await p.getByTestId('inbox-item').count()).toBe(1);
    expect(await item.getAttribute('class')).toContain('unread');
    expect(await item.textContent()).toContain('New');
    expect(await item.textContent()).toContain('ivy');
    await t.shot('cc-unread');
    // when: opening it
    await item.getByRole('link').click();
    // then: the request's timeline, with who started it and the copy
    await p.waitForURL(new RegExp(`/requests/${instanceId}`));
    await p.getByTestId('request-summary').waitFor();
    expect(await p.getByTestId('request-summary').textContent()).toContain('Expense claim');
    expect(await p.getByTestId('request-summary').textContent()).toContain('ivy');
    const cc = p.locator('[data-testid="timeline-item"][data-kind="cc"]');
    await cc.waitFor();
    expect(await cc.textContent()).toContain('Copied to carl');
    await t.shot('cc-timeline');
    // and: the copy is read now, in the API and in the tab
    const [row] = (await s.server.app.cc.listFor('carl', { first: 0, max: 10 })).rows;
    expect(row?.readAt).toBeTruthy();
    await p.goBack();
    await p.getByTestId('tab-cc').waitFor();
    const again = p.getByTestId('inbox-item').filter({ hasText: 'Tell finance' });
    await again.waitFor();
    expect(await again.getAttribute('class')).not.toContain('unread');
    expect(await again.textContent()).not.toContain('New');
    await t.shot('cc-read');
  });
});
