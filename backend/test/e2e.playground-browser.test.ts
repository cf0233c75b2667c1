// The Teams bot as a person sees it: Debian's Chromium (playwright-core, never a downloaded browser) drives the
// Agents Playground's own UI against the real backend: alice's /imagine, and bob approving alice's soft-limit
// request from his card. Screenshots land in test-artifacts/ for review.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { PLAYGROUND_CHATS } from '../../scripts/playground-config.ts';
import { call, devToken } from './support/backend-process.ts';
import {
  ARTIFACTS,
  BOT_TURN_WAIT_MS,
  BROWSER_TEST_TIMEOUT_MS,
  describeWithChromium,
  loadedWidth,
  offlinePage,
  playgroundInChromium,
  screenshotOnFailure,
} from './support/browser.ts';

const describe = describeWithChromium('the bot in the Agents Playground UI');

async function type(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox').fill(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

describe('Agents Playground UI in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const pg = playgroundInChromium();

  it('typing /imagine shows the card with the generated image', async () => {
    const { h, browser } = pg;
    const page = await offlinePage(browser);
    screenshotOnFailure(page, 'playground-imagine');
    await page.goto(h.playground.url);
    await type(page, '/imagine a koala presenting quarterly results');

    // The card arrives at once and is updated in place when the image is ready.
    const picture = 'img[alt*="koala presenting quarterly results"]';
    const image = page.locator(`.ac-adaptiveCard ${picture}`);
    await image.waitFor({ timeout: BOT_TURN_WAIT_MS });
    // The browser sends no token: a loaded image proves the signed link works on its own.
    expect(await loadedWidth(image)).toBeGreaterThan(0);

    const card = page.locator('.ac-adaptiveCard').filter({ has: page.locator(picture) });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: resolve(ARTIFACTS, 'playground-imagine-card.png') });
    await page.screenshot({ path: resolve(ARTIFACTS, 'playground-imagine.png') });
    await page.close();
  });
});

describe(
  'Agents Playground UI in Chromium: Bob approves from his card',
  { timeout: BROWSER_TEST_TIMEOUT_MS },
  () => {
    const pg = playgroundInChromium({ currentUser: 'bob' });

    it('Bob sees alice’s overage request, clicks Approve, and her card in the group chat shows the image', async () => {
      const { h, browser } = pg;
      const page = await offlinePage(browser);
      screenshotOnFailure(page, 'playground-approval');
      await page.goto(h.playground.url);
      // Bob talks to the bot once, so his 1:1 chat is known; approvals reach him there.
      await type(page, '/help');
      await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: BOT_TURN_WAIT_MS });
      const carol = await devToken(h.backend.base, 'carol');
      await call(h.backend.base, 'PATCH', '/api/v1/departments/marketing', carol, {
        budget: { limitAud: '0' },
      });
      // The Playground UI acts only as its current user (Bob): alice's request goes in as a raw activity.
      const prompt = 'a koala waving a purchase order';
      await h.send(`/imagine ${prompt}`, { as: 'alice', chat: PLAYGROUND_CHATS.group, mention: true });

      const request = page.locator('.ac-adaptiveCard').filter({ hasText: 'Approval needed' });
      await request.waitFor({ timeout: BOT_TURN_WAIT_MS });
      await request.scrollIntoViewIfNeeded();
      await request.screenshot({ path: resolve(ARTIFACTS, 'playground-approval-card.png') });
      await request.getByRole('button', { name: 'Approve' }).click();

      const decided = page.locator('.ac-adaptiveCard').filter({ hasText: 'Approved by Bob Smith' });
      await decided.waitFor({ timeout: BOT_TURN_WAIT_MS });
      expect(await decided.getByRole('button', { name: 'Approve' }).count()).toBe(0);
      await decided.scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve(ARTIFACTS, 'playground-approval-approved.png') });

      // Alice's card in the group chat was updated in place with her image.
      await page.getByText('Creative review').click();
      const image = page.locator(`.ac-adaptiveCard img[alt*="${prompt}"]`);
      await image.waitFor({ timeout: BOT_TURN_WAIT_MS });
      expect(await loadedWidth(image)).toBeGreaterThan(0);
      await image.scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve(ARTIFACTS, 'playground-approval-result.png') });
      await page.close();
    });
  },
);
