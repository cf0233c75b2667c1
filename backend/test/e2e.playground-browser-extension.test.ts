// The message extension as a person uses it in the Agents Playground UI (Debian's Chromium): "Create image"
// from the compose box (form, price, Create, the card updating to the image) and "Find image" inserting a
// result into the compose box. The Playground has no manifest, so its dialogs ask for the command id.
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
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

const PROMPT = 'a koala presenting quarterly results';
const describe = describeWithChromium('the message extension in the Playground UI');

describe('message extension in the Playground UI', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const pg = playgroundInChromium();

  it('Create image: the form shows the price, Create posts a card that becomes the image', async () => {
    const { h, browser } = pg;
    const page = await offlinePage(browser);
    screenshotOnFailure(page, 'playground-create-image');
    await page.goto(h.playground.url);
    await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
    await page.getByText('Action Command').click();
    await page.getByPlaceholder('Input command id or leave blanks').fill('createImage');
    await page.getByRole('button', { name: 'Create' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByText('Type a prompt, then choose Check price').waitFor({ timeout: BOT_TURN_WAIT_MS });
    await dialog.getByRole('textbox').first().fill(PROMPT);
    await dialog.getByRole('button', { name: 'Check price' }).click();
    await dialog.getByText('A$0.0200').waitFor({ timeout: BOT_TURN_WAIT_MS });
    await dialog.screenshot({ path: resolve(ARTIFACTS, 'playground-create-image-form.png') });

    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText(/Creating your image/).waitFor({ timeout: BOT_TURN_WAIT_MS });
    await dialog.getByRole('button', { name: 'Close' }).click();

    const image = page.locator(`.ac-adaptiveCard img[alt*="${PROMPT}"]`);
    await image.waitFor({ timeout: BOT_TURN_WAIT_MS });
    expect(await loadedWidth(image)).toBeGreaterThan(0);
    await page.screenshot({ path: resolve(ARTIFACTS, 'playground-create-image-card.png') });
    await page.close();
  });

  it('Find image: searching lists the image, and picking it puts its card in the compose box', async () => {
    const { h, browser } = pg;
    const page = await offlinePage(browser);
    screenshotOnFailure(page, 'playground-find-image');
    await page.goto(h.playground.url);
    await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
    await page.getByText('Search Command').click();
    await page.getByText('Specify Command ID or Parameter').click();
    await page.getByPlaceholder('Command ID').fill('findImage');
    await page.getByPlaceholder('Parameter name').fill('query');
    const box = page.getByPlaceholder('Enter a search term');
    await box.fill('KOALA');
    await box.press('Enter');

    const result = page.getByText(PROMPT, { exact: true }).last();
    await result.waitFor({ timeout: BOT_TURN_WAIT_MS });
    await page.screenshot({ path: resolve(ARTIFACTS, 'playground-find-image-results.png') });
    await result.click();

    // The inserted card sits in the compose area, with the full image loaded through its signed link.
    const inserted = page.locator(`.ac-adaptiveCard img[alt*="${PROMPT}"]`).last();
    await inserted.waitFor({ timeout: BOT_TURN_WAIT_MS });
    expect(await loadedWidth(inserted)).toBeGreaterThan(0);
    await page.screenshot({ path: resolve(ARTIFACTS, 'playground-find-image-inserted.png') });
    await page.close();
  });
});
