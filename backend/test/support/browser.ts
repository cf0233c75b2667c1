// Debian's Chromium for the browser tests (playwright-core; never a downloaded browser), with the flags that
// keep it offline and quiet, pages that fail every request leaving this machine at once, and Playwright waits
// scaled by TEST_SLOWDOWN.
// Must not break: a browser suite never passes silently without a browser. In CI (`CI=true`) a missing
// Chromium fails the file; elsewhere the suite is skipped with a banner on stderr saying what was not run.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
import { startPlaygroundHarness, type HarnessOptions, type PlaygroundHarness } from './playground.ts';
import { scaled } from './timing.ts';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './chromium.ts';
import { describeWithChromium } from './browser-suite.ts';

export { CHROMIUM, hasChromium, describeWithChromium };
/** Screenshots of the main steps, for people to look at (not committed). */
export const ARTIFACTS = resolve(import.meta.dirname, '../../../test-artifacts');
/** Playwright's limit for each action and wait (its own default is 30 s, unscaled). */
export const BROWSER_WAIT_MS = scaled(60_000);
/**
 * A wait for the bot's answer in the Playground UI: the click goes through the Playground's server to the bot,
 * which quotes, starts the generation, posts its card back through the Playground and records where it went,
 * before the answer makes its way back to the page: three processes, each starved on a busy machine (a run with
 * two CPU hogs and a benchmark beside it once took over 60 s here, against 7 s with the hogs alone).
 */
export const BOT_TURN_WAIT_MS = scaled(180_000);
/** One browser journey: several waits in a row, each bounded by BROWSER_WAIT_MS or BOT_TURN_WAIT_MS. */
export const BROWSER_TEST_TIMEOUT_MS = scaled(300_000);

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: BROWSER_WAIT_MS,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Waits until every image has loaded, no loading skeleton is left (an image fetched through the API shows one
 * until it arrives, and its shimmer never ends, so the animation check below lets it through; a busy machine
 * once photographed a recent image as an empty frame) and no CSS transition or animation is running (a button
 * fading back from disabled would be photographed, and contrast-checked, half way). A function, not a string:
 * the pages' CSP has no 'unsafe-eval', and Playwright polls a string predicate with eval, which then throws.
 */
export async function waitUntilSettled(page: Page, timeout = BROWSER_WAIT_MS): Promise<void> {
  await page.waitForFunction(
    () => {
      const doc = (globalThis as any).document;
      return (
        [...doc.images].every((i: any) => i.complete) &&
        !doc.querySelector('.fui-Skeleton') &&
        doc
          .getAnimations()
          .every((a: any) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)
      );
    },
    undefined,
    { timeout },
  );
}

/** When the running test fails, a screenshot of the page as it was (`failed-<name>.png`), to see what it showed. */
export function screenshotOnFailure(page: Page, name: string): void {
  onTestFailed(async () => {
    await page.screenshot({ path: resolve(ARTIFACTS, `failed-${name}.png`) }).catch(() => {});
  });
}

/** A page that can reach only this machine: the Playground UI asks CDNs for fonts and animations. */
export async function offlinePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(BROWSER_WAIT_MS);
  page.setDefaultNavigationTimeout(BROWSER_WAIT_MS);
  await page.route(
    (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
    (route) => route.abort(),
  );
  return page;
}

/** The part of HTMLImageElement used in the page (the project's TypeScript has no DOM library). */
interface PageImage {
  complete: boolean;
  naturalWidth: number;
  addEventListener(type: 'load' | 'error', listener: () => void, options: { once: boolean }): void;
}

/** The natural width of an <img> once it has loaded (0 when it failed): proof the browser could fetch it. */
export function loadedWidth(img: Locator): Promise<number> {
  return img.evaluate(
    (el: PageImage) =>
      new Promise<number>((done) => {
        if (el.complete) done(el.naturalWidth);
        else el.addEventListener('load', () => done(el.naturalWidth), { once: true });
        el.addEventListener('error', () => done(0), { once: true });
      }),
  );
}

/**
 * The Playground harness and Chromium for one describe block: both started before its tests (in parallel)
 * and stopped after them. Read `h` and `browser` inside the tests, once they have started.
 */
export function playgroundInChromium(options: HarnessOptions = {}): {
  h: PlaygroundHarness;
  browser: Browser;
} {
  const ctx = {} as { h: PlaygroundHarness; browser: Browser };
  beforeAll(async () => {
    [ctx.h, ctx.browser] = await Promise.all([startPlaygroundHarness(options), launchChromium()]);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.h?.stop();
  });
  return ctx;
}
