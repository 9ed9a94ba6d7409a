/// <reference lib="dom" />
// (callbacks passed to page.evaluate run in the browser)
import type { Page } from 'playwright-core';
import type { BrowserUser } from './server.ts';

/** signs in through the login page and waits for the app to leave it */
export async function signIn(page: Page, url: string, user: BrowserUser, next = '/inbox'): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill(user.id);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

/** signs out (clears the stored token) so the next signIn starts clean */
export async function signOut(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.removeItem('lz.token'));
}
