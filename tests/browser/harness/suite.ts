import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import { launchBrowser, openPage, type TrackedPage } from './browser.ts';
import { startServer, type BrowserServer, type ServerOptions } from './server.ts';

export interface BrowserSuite {
  /** the runtime with the web app (started by the suite's first beforeAll) */
  readonly server: BrowserServer;
  readonly browser: Browser;
  /** a watched page whose problems must be [] when the file ends; a failing test leaves a `failed` screenshot */
  page(suite: string, viewport?: { width: number; height: number }): Promise<TrackedPage>;
}

/**
 * One server and one browser per test file, as every browser test needs them. Call it first
 * in the `describe.skipIf(browserMissing)(…)` body: its beforeAll is registered before the
 * file's own, so seeding finds the server started (vitest runs beforeAll hooks in order and
 * afterAll hooks in reverse, so closing comes after the file's own afterAll).
 */
export function browserSuite(opts: ServerOptions = {}): BrowserSuite {
  let server: BrowserServer | undefined;
  let browser: Browser | undefined;
  const tracked: TrackedPage[] = [];

  beforeAll(async () => {
    server = await startServer(opts);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    try {
      for (const t of tracked) expect(t.problems, 'console errors').toEqual([]);
    } finally {
      await browser?.close();
      await server?.close();
    }
  });

  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`the ${what} is not started yet: call browserSuite() at the top of the describe body and reach it from hooks and tests`);
    return value;
  };
  return {
    get server() {
      return started('server', server);
    },
    get browser() {
      return started('browser', browser);
    },
    async page(suite, viewport) {
      const t = await openPage(started('browser', browser), suite, viewport);
      tracked.push(t);
      // the screen as it was when a test failed, beside its own screenshots (a page the test closed has none)
      onTestFailed(() => t.shot('failed').catch(() => undefined));
      return t;
    },
  };
}
