// The task pane in Debian's Chromium against the real host (embedded defaults, dev sign-in, port 0): the pane is
// built first when stale (scripts/addin-build.ts), Office.js's CDN address is answered with the Office stub
// (office-stub.js, configured per page: PowerPoint, Word, or no host) or refused (Office.js unreachable, as
// offline), nothing else leaves this machine, and pages get screenshots and axe-core scans.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildAddin } from '../../../../scripts/addin-build.ts';
import {
  ARTIFACTS,
  BROWSER_TEST_TIMEOUT_MS,
  BROWSER_WAIT_MS,
  launchChromium,
  waitUntilSettled,
} from '../../../../backend/test/support/browser.ts';
import { scaled } from '../../../../backend/test/support/timing.ts';
import { startTestHost, type TestHost } from '../../../../backend/test/support/host.ts';
import { testFetch } from '../../../../backend/test/support/http.ts';

import { axeScan } from '../../../../tab/test/support/tab.ts';

export { axeScan, unexpectedErrors } from '../../../../tab/test/support/tab.ts';
export { describeWithChromium } from '../../../../backend/test/support/browser.ts';
export const SHOTS = join(ARTIFACTS, 'addin');
export const WAIT = BROWSER_WAIT_MS;
export const TEST_TIMEOUT = BROWSER_TEST_TIMEOUT_MS;
export const SETUP_TIMEOUT = scaled(300_000);
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

const STUB = readFileSync(join(import.meta.dirname, '..', '..', 'office-stub.js'), 'utf8');

export interface PaneRig {
  host: TestHost;
  browser: Browser;
  base: string;
}

export async function startPaneRig(env: Record<string, string> = {}): Promise<PaneRig> {
  await buildAddin({ quiet: true });
  mkdirSync(SHOTS, { recursive: true });
  const [host, browser] = await Promise.all([startTestHost(env), launchChromium()]);
  return { host, browser, base: `http://localhost:${host.port}` };
}

export async function stopPaneRig(rig: PaneRig | undefined): Promise<void> {
  await rig?.browser.close();
  await rig?.host.stop();
}

export interface OfficeStubConfig {
  /** What Office.onReady says: the app, or null outside Office (a browser with Office.js loaded). */
  host: 'PowerPoint' | 'Word' | null;
  /** Requirement sets and their versions. */
  sets?: Record<string, string>;
  /** Slide size in points (PowerPointApi 1.10 pageSetup). */
  slide?: { width: number; height: number };
  dark?: boolean;
  readOnly?: boolean;
  /** The first PNG insert fails with this Office error code (2009: too big), as PowerPoint on the web does. */
  refuseFirstPngWith?: number;
}

export const POWERPOINT_WEB: OfficeStubConfig = {
  host: 'PowerPoint',
  sets: { ImageCoercion: '1.1', PowerPointApi: '1.10' },
  slide: { width: 960, height: 540 },
};
export const WORD_WEB: OfficeStubConfig = { host: 'Word', sets: { WordApi: '1.3' } };
export const NO_HOST: OfficeStubConfig = { host: null };

export interface PanePage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * A fresh context (its own storage: the dev user is put where the pane remembers it) with the pane open.
 * `office: 'unreachable'` refuses the CDN request, as when the machine is offline.
 */
export async function openPane(
  rig: Pick<PaneRig, 'browser' | 'base'>,
  opts: {
    user?: string;
    office: OfficeStubConfig | 'unreachable';
    dark?: boolean;
    hash?: string;
    viewport?: { width: number; height: number };
  },
): Promise<PanePage> {
  const inPane = opts.office !== 'unreachable' && opts.office.host !== null;
  const context = await rig.browser.newContext({
    // A task pane is about 350 px wide; the preview shows the simulated document beside it.
    viewport: opts.viewport ?? (inPane ? { width: 380, height: 860 } : { width: 1280, height: 860 }),
    colorScheme: opts.dark ? 'dark' : 'light',
  });
  await context.route(
    (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
    (route) =>
      route.request().url() === OFFICE_JS && opts.office !== 'unreachable'
        ? route.fulfill({ contentType: 'text/javascript', body: 'window.__officeStubLoad();' })
        : route.abort(),
  );
  const config = opts.office === 'unreachable' ? NO_HOST : { ...opts.office, dark: opts.dark === true };
  await context.addInitScript({
    content: `window.__officeStubConfig = ${JSON.stringify(config)};\n${STUB}`,
  });
  await context.addInitScript((name: string) => {
    if (!localStorage.getItem('donatello.devUser')) localStorage.setItem('donatello.devUser', name);
  }, opts.user ?? 'alice');
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${rig.base}/addin/taskpane.html${opts.hash ? `#${opts.hash}` : ''}`);
  return { context, page, errors };
}

/**
 * Waits until every image has loaded and no CSS transition or animation is running (a button fading back from
 * disabled would be photographed, and contrast-checked, half way), then saves a screenshot.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  await waitUntilSettled(page, WAIT);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

/** Screenshot and accessibility scan (no serious or critical violation) of the page as it is. */
export async function shootAndScan(page: Page, name: string): Promise<void> {
  await shoot(page, name);
  const violations = await axeScan(page);
  if (violations.length > 0) throw new Error(`${name}: ${JSON.stringify(violations, null, 1)}`);
}

export const promptBox = (page: Page) => page.getByRole('textbox', { name: /Describe the image/ });
export const priceCard = (page: Page) => page.getByRole('group', { name: 'Price' });
export const insertButton = (page: Page) => page.getByRole('button', { name: /^Insert (into|again)/ });

/** Types the prompt, waits for the live quote, generates, and waits for the finished image. */
export async function generate(page: Page, prompt: string, expectPrice = 'A$0.02'): Promise<void> {
  await promptBox(page).fill(prompt);
  await priceCard(page).getByText('Within budget').waitFor();
  await expectText(priceCard(page), expectPrice);
  await page.getByRole('button', { name: 'Generate' }).click();
  await page.getByText(/^Done: 1 image for A\$0\.02/).waitFor();
}

async function expectText(locator: ReturnType<Page['getByText']>, text: string): Promise<void> {
  await locator.getByText(text, { exact: false }).first().waitFor();
}

export interface RecordedCall {
  api: string;
  base64?: string;
  options?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What the pane asked the Office stub to do, in order. */
export function officeCalls(page: Page): Promise<RecordedCall[]> {
  return page.evaluate<RecordedCall[]>('window.__officeStub.calls');
}

/** The PowerPoint stub's slide shapes, with what the pane wrote on them. */
export function slideShapes(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate<Record<string, unknown>[]>('window.__officeStub.slides[0].shapes');
}

/** The newest generation of a user through the API, and the bytes of its first image (optionally a copy). */
export async function newestImage(
  rig: PaneRig,
  user: string,
  query = '',
): Promise<{ id: string; imageUrl: string; bytes: Buffer; costAud: string }> {
  const token = await rig.host.token(user);
  const list = await rig.host.call('GET', '/api/v1/generations?scope=mine&limit=1', { token });
  const g = list.body.items[0];
  const res = await testFetch(`${rig.host.url}${g.images[0].url}${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`image ${res.status}`);
  return {
    id: g.id,
    imageUrl: g.images[0].url,
    bytes: Buffer.from(await res.arrayBuffer()),
    costAud: g.costAud,
  };
}
