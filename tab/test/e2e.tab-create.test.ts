// The tab in Chromium through the real host (issue #11 "Tests"): alice creates an image on the Create page, finds
// it in the gallery, opens it by deep link and deletes it; and bad input: every refusal (400, 422, 429, 503) shows
// the API's message where it belongs, and nothing typed is lost.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  SETUP_TIMEOUT,
  TEST_TIMEOUT,
  WAIT,
  openAs,
  shoot,
  startTabRig,
  stopTabRig,
  unexpectedErrors,
  describeWithChromium,
  type TabRig,
} from './support/tab.ts';

const describeBrowser = describeWithChromium('the tab browser tests');
const PROMPT = 'a koala presenting quarterly results';

const promptBox = (page: Page) => page.getByRole('textbox', { name: /Describe the image/ });
const priceCard = (page: Page) => page.getByRole('group', { name: 'Price' });

describeBrowser('alice creates, finds, opens by deep link and deletes an image', () => {
  let rig: TabRig;
  beforeAll(async () => {
    rig = await startTabRig();
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await stopTabRig(rig);
  });

  it('works end to end', { timeout: TEST_TIMEOUT }, async () => {
    const { page, errors } = await openAs(rig, 'alice');
    await expect.poll(() => page.getByText('No images yet').isVisible(), { timeout: WAIT }).toBe(true);
    await shoot(page, 'gallery-empty-light');

    await page.getByRole('tab', { name: 'Create' }).click();
    await promptBox(page).fill(PROMPT);
    // The live quote: the local model's price and Marketing's budget.
    await priceCard(page).getByText('Within budget').waitFor({ timeout: WAIT });
    await expect.poll(() => priceCard(page).textContent(), { timeout: WAIT }).toContain('A$0.02');
    await expect.poll(() => priceCard(page).textContent(), { timeout: WAIT }).toContain('A$5.00 left');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByText('Done: 1 image for A$0.02').waitFor({ timeout: WAIT });
    await shoot(page, 'create-done-light');

    // The gallery lists it, and the tile opens its details.
    await page.getByRole('tab', { name: 'Gallery' }).click();
    const tile = page.getByRole('button', { name: new RegExp(`^${PROMPT}`) });
    await tile.waitFor({ timeout: WAIT });
    await tile.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Provenance (SHA-256)').waitFor({ timeout: WAIT });
    const id = /#\/gallery\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    expect(id).toBeDefined();
    const stored = await rig.host.call('GET', `/api/v1/generations/${id}`, {
      token: await rig.host.token('alice'),
    });
    expect(await dialog.textContent()).toContain(stored.body.images[0].sha256);
    expect(await dialog.textContent()).toContain('local-scene');
    await dialog.getByRole('img', { name: PROMPT }).waitFor({ timeout: WAIT });

    // A deep link in a fresh page opens the same image.
    const other = await page.context().newPage();
    await other.goto(`${rig.base}/tab/#/gallery/${id}`);
    await other.getByRole('dialog').getByText(stored.body.images[0].sha256).waitFor({ timeout: WAIT });
    await other.close();

    // Delete, after confirming: gone from the gallery and from the API.
    await dialog.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No images yet').waitFor({ timeout: WAIT });
    expect(
      (await rig.host.call('GET', `/api/v1/generations/${id}`, { token: await rig.host.token('alice') }))
        .status,
    ).toBe(404);
    expect(unexpectedErrors(errors)).toEqual([]);
  });
});

describeBrowser('bad input: the API refuses, the page says why, nothing typed is lost', () => {
  let rig: TabRig;
  beforeAll(async () => {
    // One generation a minute for power users, so dave's second request is rate-limited.
    rig = await startTabRig({ RATE_LIMITS: 'power_user=1' });
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await stopTabRig(rig);
  });

  it(
    '400: a prompt over 4,000 characters gets the API message beside the field',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page } = await openAs(rig, 'alice', { path: '/create' });
      const long = 'koala '.repeat(700);
      await promptBox(page).fill(long);
      await page.getByText(/Too big: expected string to have <=4000 characters/).waitFor({ timeout: WAIT });
      expect(await promptBox(page).getAttribute('aria-invalid')).toBe('true');
      expect(await promptBox(page).inputValue()).toBe(long);
    },
  );

  it(
    '422: personal information is named by type and position, and the prompt stays',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page } = await openAs(rig, 'alice', { path: '/create' });
      const text = 'a poster for alice.nguyen@example.com';
      await promptBox(page).fill(text);
      await priceCard(page).getByText('This prompt would be refused').waitFor({ timeout: WAIT });
      await page.getByRole('button', { name: 'Generate' }).click();
      const bar = page.getByText('This prompt cannot be used');
      await bar.waitFor({ timeout: WAIT });
      const findings = page.getByRole('list', { name: 'What was found' }).last();
      expect(await findings.textContent()).toContain('an email address at characters 14–37');
      expect(await page.locator('main').textContent()).not.toContain('example.com</');
      expect(await promptBox(page).inputValue()).toBe(text);
      await shoot(page, 'create-blocked-light');
    },
  );

  it('429: the second request in a minute says when to try again', { timeout: TEST_TIMEOUT }, async () => {
    const { page } = await openAs(rig, 'dave', { path: '/create' });
    await promptBox(page).fill('a lighthouse at dawn');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByText(/Done: 1 image/).waitFor({ timeout: WAIT });
    await promptBox(page).fill('a lighthouse at dusk');
    await page.getByRole('button', { name: 'Generate' }).click();
    // In the result, not the quote (which has its own, higher limit).
    const result = page.locator('section[aria-label="Result"]');
    await result.getByText('Too many requests').waitFor({ timeout: WAIT });
    expect(await result.textContent()).toMatch(/Try again in \d+ seconds?\./);
    expect(await promptBox(page).inputValue()).toBe('a lighthouse at dusk');
  });
});

describeBrowser('503: moderation down, so nothing runs and the page says to try later', () => {
  let rig: TabRig;
  beforeAll(async () => {
    // Moderation configured at an address where nothing listens: it fails closed with 503.
    rig = await startTabRig({
      MODERATION: 'openai',
      MODERATION_OPENAI_API_KEY: 'sk-test',
      MODERATION_OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      MODERATION_TIMEOUT_MS: '2000',
    });
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await stopTabRig(rig);
  });

  it(
    'shows the outage on the quote and on Generate, and keeps the prompt',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page } = await openAs(rig, 'alice', { path: '/create' });
      await promptBox(page).fill('a koala at the beach');
      await priceCard(page).getByText('Image generation is unavailable right now').waitFor({ timeout: WAIT });
      await page.getByRole('button', { name: 'Generate' }).click();
      await page
        .locator('section[aria-label="Result"]')
        .getByText('Image generation is unavailable right now')
        .waitFor({ timeout: WAIT });
      expect(await promptBox(page).inputValue()).toBe('a koala at the beach');
      const list = await rig.host.call('GET', '/api/v1/generations', {
        token: await rig.host.token('alice'),
      });
      expect(list.body.items).toEqual([]);
    },
  );
});
