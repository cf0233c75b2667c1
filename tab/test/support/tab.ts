// The Teams tab in Debian's Chromium against the real host (embedded defaults, dev sign-in, port 0): the tab is
// built first when stale (scripts/tab-build.ts), each person gets their own browser context (their own dev
// sign-in), nothing leaves this machine, and pages get screenshots and axe-core scans.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildTab } from '../../../scripts/tab-build.ts';
import {
  ARTIFACTS,
  BROWSER_TEST_TIMEOUT_MS,
  BROWSER_WAIT_MS,
  launchChromium,
  waitUntilSettled,
} from '../../../backend/test/support/browser.ts';
import { scaled } from '../../../backend/test/support/timing.ts';
import { startTestHost, type TestHost } from '../../../backend/test/support/host.ts';

export { hasChromium, describeWithChromium } from '../../../backend/test/support/browser.ts';
export const SHOTS = join(ARTIFACTS, 'tab');
/** Every wait is for a condition, never a fixed time; all three scale with TEST_SLOWDOWN. */
export const WAIT = BROWSER_WAIT_MS;
/** A whole browser test: several waits, each of which may take long on a loaded machine. */
export const TEST_TIMEOUT = BROWSER_TEST_TIMEOUT_MS;
/** Starting the host and Chromium, seeding data through the API. */
export const SETUP_TIMEOUT = scaled(300_000);

export interface TabRig {
  host: TestHost;
  browser: Browser;
  base: string;
}

/** Builds the tab if needed, then starts the host and Chromium side by side. */
export async function startTabRig(env: Record<string, string> = {}): Promise<TabRig> {
  await buildTab({ quiet: true });
  mkdirSync(SHOTS, { recursive: true });
  const [host, browser] = await Promise.all([startTestHost(env), launchChromium()]);
  return { host, browser, base: `http://localhost:${host.port}` };
}

export async function stopTabRig(rig: TabRig | undefined): Promise<void> {
  await rig?.browser.close();
  await rig?.host.stop();
}

export interface TabPage {
  context: BrowserContext;
  page: Page;
  /** Browser console errors and page errors (CSP violations among them), for tests to assert there are none. */
  errors: string[];
}

/**
 * A browser context signed in (dev sign-in) as `user`, offline, in the given colour scheme. The choice of user is
 * put where the tab remembers it, as if picked in the switcher before.
 */
export async function openAs(
  rig: TabRig,
  user: string,
  opts: { dark?: boolean; path?: string } = {},
): Promise<TabPage> {
  const context = await rig.browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: opts.dark ? 'dark' : 'light',
    acceptDownloads: true,
  });
  await context.route(
    (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
    (route) => route.abort(),
  );
  await context.addInitScript((name: string) => {
    if (!localStorage.getItem('donatello.devUser')) localStorage.setItem('donatello.devUser', name);
  }, user);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${rig.base}/tab/#${opts.path ?? '/gallery'}`);
  await signedInAs(page, user);
  return { context, page, errors };
}

/** Waits until the header's switcher names the user (the tab has signed in as them). */
export async function signedInAs(page: Page, user: string): Promise<void> {
  const name = user[0]!.toUpperCase() + user.slice(1);
  await expect
    .poll(() => page.getByRole('combobox', { name: /Signed in as/ }).textContent(), { timeout: WAIT })
    .toContain(name);
}

/** Problem responses the test provoked on purpose show as console errors ("Failed to load resource"); the rest must not. */
export function unexpectedErrors(errors: string[]): string[] {
  return errors.filter(
    (e) =>
      !/Failed to load resource: the server responded with a status of (400|402|403|404|409|422|429|503)/.test(
        e,
      ),
  );
}

export async function shoot(page: Page, name: string): Promise<void> {
  await waitUntilSettled(page, WAIT);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core over the whole page: violations of impact serious or critical. The script is evaluated through the
 * debugging protocol, which the page's CSP (script-src 'self') does not apply to; the page itself stays under it.
 * Everything on the page is scanned except tabster's dummy inputs (below).
 */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE}\n;0`);
  // Tabster's dummy inputs (Fluent UI's focus management: hidden, focusable <i> elements that pass focus on at
  // once) are left out; axe reports them as aria-hidden-focus although focus never rests on them.
  const results = await page.evaluate<AxeViolation[]>(
    `axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`,
  );
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Screenshot and accessibility scan of the page as it is, named for the artifact and the assertion. */
export async function shootAndScan(page: Page, name: string): Promise<void> {
  await shoot(page, name);
  const violations = await axeScan(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}
