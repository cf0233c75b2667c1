// The Teams bot as a person sees it: Debian's Chromium (playwright-core, never a downloaded browser) drives the
// Agents Playground's own UI against the real backend. Screenshots land in test-artifacts/ for review.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaygroundHarness, type PlaygroundHarness } from './support/playground.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');
const hasChromium = existsSync(CHROMIUM);
/** The part of HTMLImageElement used in the page (the project's TypeScript has no DOM library). */
interface PageImage {
  complete: boolean;
  naturalWidth: number;
  addEventListener(type: 'load' | 'error', listener: () => void, options: { once: boolean }): void;
}
if (!hasChromium) {
  process.stderr.write(
    `Skipping the Playground browser tests: ${CHROMIUM} is missing (apt-get install -y chromium).\n`,
  );
}

describe.skipIf(!hasChromium)('Agents Playground UI in Chromium', () => {
  let h: PlaygroundHarness;
  let browser: Browser;
  beforeAll(async () => {
    [h, browser] = await Promise.all([
      startPlaygroundHarness(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    ]);
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('typing /imagine shows the card with the generated image', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Offline by design: the Playground UI asks CDNs for fonts and animations; fail those at once.
    await page.route(
      (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
      (route) => route.abort(),
    );
    await page.goto(h.playground.url);
    const compose = page.getByRole('textbox');
    await compose.fill('/imagine a koala presenting quarterly results');
    await page.getByRole('button', { name: 'Send Message' }).click();

    // The card arrives at once and is updated in place when the image is ready.
    const picture = 'img[alt*="koala presenting quarterly results"]';
    const image = page.locator(`.ac-adaptiveCard ${picture}`);
    await image.waitFor({ timeout: 30_000 });
    const width = await image.evaluate(
      (img: PageImage) =>
        new Promise<number>((done) => {
          if (img.complete) done(img.naturalWidth);
          else img.addEventListener('load', () => done(img.naturalWidth), { once: true });
          img.addEventListener('error', () => done(0), { once: true });
        }),
    );
    // The browser sends no token: a loaded image proves the signed link works on its own.
    expect(width).toBeGreaterThan(0);

    const card = page.locator('.ac-adaptiveCard').filter({ has: page.locator(picture) });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: resolve(ARTIFACTS, 'playground-imagine-card.png') });
    await page.screenshot({ path: resolve(ARTIFACTS, 'playground-imagine.png') });
    await page.close();
  });
});
