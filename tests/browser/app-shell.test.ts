/// <reference lib="dom" />
// (callbacks passed to page.evaluate run in the browser)
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing } from './harness/browser.ts';
import { browserSuite } from './harness/suite.ts';
import { signIn } from './harness/steps.ts';

describe.skipIf(browserMissing)('the web app shell in a browser', () => {
  const s = browserSuite();
  beforeAll(async () => {
    await s.server.user('lin', { name: 'Lin Wei' });
  });

  it('sends a stranger to the login page, refuses a wrong password, signs in to the inbox and switches language', async () => {
    const t = await s.page('app-shell');
    const { page } = t;
    // given: not signed in
    await page.goto(`${s.server.url}/inbox`);
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    // when: a wrong password (the browser logs the 401 answer itself)
    t.expectConsole(/Failed to load resource: the server responded with a status of 401/);
    await page.getByTestId('login-username').fill('lin');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    // then
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Wrong user name or password');
    await t.shot('login-refused');
    // when: the right one
    await page.getByTestId('login-password').fill('lin-pass-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('tab-todo').waitFor();
    expect(new URL(page.url()).pathname).toBe('/inbox');
    await t.shot('inbox-en');
    // an employee sees no designer or monitoring entries
    expect(await page.getByTestId('nav-design').count()).toBe(0);
    expect(await page.getByTestId('nav-monitor').count()).toBe(0);
    // when: switching to Chinese
    await page.getByTestId('lang-switch').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('nav-inbox').textContent()).toBe('待办');
    await t.shot('inbox-zh');
    // the choice survives a reload, and so does the session
    await page.reload();
    await page.getByTestId('tab-todo').waitFor();
    expect(await page.getByTestId('nav-inbox').textContent()).toBe('待办');
    expect(t.problems).toEqual([]);
    await t.close();
  });

  it('fits a phone: the inbox has no horizontal scroll and the menu folds away', async () => {
    const t = await s.page('app-shell-phone', { width: 390, height: 844 });
    await signIn(t.page, s.server.url, { id: 'lin', password: 'lin-pass-1' });
    await t.page.getByTestId('tab-todo').waitFor();
    const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await t.page.getByTestId('nav-inbox').isVisible()).toBe(false);
    await t.page.getByTestId('menu-toggle').click();
    expect(await t.page.getByTestId('nav-inbox').isVisible()).toBe(true);
    await t.shot('inbox-phone');
    expect(t.problems).toEqual([]);
    await t.close();
  });
});
