import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium); CHROMIUM_PATH overrides */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests need a Chromium on the machine. CI installs Debian's package and must run them
 * (a missing browser there fails the run); a developer machine without one skips them, and
 * vitest reports them as skipped, not passed.
 */
export const browserMissing = !existsSync(CHROMIUM) && process.env.CI !== 'true';

/** the flags this machine's closed network needs (no background calls home, no GPU, root without sandbox) */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const ARTIFACTS = resolve(import.meta.dirname, '../../../artifacts/browser');

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  /** console errors, failed page scripts and Vue warnings seen so far */
  problems: string[];
  /**
   * a console line the test provokes on purpose (the browser itself logs every 4xx answer as
   * "Failed to load resource"); only lines matching it are let through, everything else fails
   */
  expectConsole(line: RegExp): void;
  /** a screenshot kept as a CI artifact: artifacts/browser/<suite>/<nn>-<name>.png */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** a fresh browser context whose console is watched: any error or warning is a test failure */
export async function openPage(browser: Browser, suite: string, viewport = { width: 1280, height: 800 }): Promise<TrackedPage> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  const expected: RegExp[] = [];
  page.on('console', (m) => {
    const line = `${m.type()}: ${m.text()}`;
    if (expected.some((re) => re.test(line))) return;
    if (m.type() === 'error' || (m.type() === 'warning' && /\[Vue warn\]|\[intlify\]/.test(m.text()))) problems.push(line);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // navigating away aborts calls in flight; that is the browser's doing, not an error of ours
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  const dir = join(ARTIFACTS, suite);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return {
    page,
    context,
    problems,
    expectConsole: (line) => expected.push(line),
    shot: async (name) => {
      n += 1;
      await page.screenshot({ path: join(dir, `${String(n).padStart(2, '0')}-${name}.png`), fullPage: false });
    },
    close: () => context.close(),
  };
}
