// The task pane in Chromium through the real host (issue #12 "Tests"): alice signs in, sees the live quote,
// generates and inserts, with Office.js answered by the Office stub as PowerPoint on the web, as Word on the web,
// and as no host (the preview beside a simulated slide and page, also with the CDN unreachable). Each insert is
// checked call by call: base64 that decodes to exactly the PNG the API serves, sizes in points, alt text, the
// provenance tag; and the 5 MB path, where PowerPoint refuses the PNG and gets the API's JPEG copy, from Recent
// images and without paying again. axe-core scans the pane in light and dark; screenshots go to
// test-artifacts/addin/. One host and one browser for the file.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  NO_HOST,
  POWERPOINT_WEB,
  SETUP_TIMEOUT,
  TEST_TIMEOUT,
  WORD_WEB,
  describeWithChromium,
  generate,
  insertButton,
  newestImage,
  officeCalls,
  openPane,
  priceCard,
  promptBox,
  shoot,
  shootAndScan,
  slideShapes,
  startPaneRig,
  stopPaneRig,
  unexpectedErrors,
  type PaneRig,
} from './support/pane.ts';

const describeBrowser = describeWithChromium('the add-in task pane browser tests');
const decoded = (base64: unknown) => Buffer.from(String(base64), 'base64');

describeBrowser('the task pane inserts generated images', () => {
  let rig: PaneRig;
  beforeAll(async () => {
    rig = await startPaneRig();
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await stopPaneRig(rig);
  });

  it(
    'PowerPoint on the web: quote, generate, insert fitted on the slide with alt text and tag',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page, errors, context } = await openPane(rig, { office: POWERPOINT_WEB });
      await page
        .getByRole('combobox', { name: /Signed in as/ })
        .getByText(/Alice/)
        .waitFor();
      // The slide is 16:9, so the shape starts wide.
      expect(await page.getByRole('radio', { name: 'Landscape' }).isChecked()).toBe(true);
      await page.getByText('Suits the slide.').waitFor();
      await promptBox(page).fill('a koala presenting quarterly results');
      await priceCard(page).getByText('Within budget').waitFor();
      expect(await priceCard(page).textContent()).toContain('A$5.00 left');
      await shootAndScan(page, 'powerpoint-quote-light');
      await page.getByRole('button', { name: 'Generate' }).click();
      await page.getByText(/^Done: 1 image for A\$0\.02/).waitFor();
      const altText = page.getByRole('textbox', { name: 'Alt text' });
      expect(await altText.inputValue()).toBe('AI-generated image: a koala presenting quarterly results');
      await altText.fill('A koala beside a rising bar chart, presenting quarterly results');
      await insertButton(page).click();
      await page.getByText(/On slide 1, 819 × 468 pt, with its alt text\./).waitFor();
      await page.getByText('Inserted', { exact: true }).scrollIntoViewIfNeeded();
      await shootAndScan(page, 'powerpoint-inserted-light');

      const api = await newestImage(rig, 'alice');
      const inserts = (await officeCalls(page)).filter((c) => c.api === 'setSelectedDataAsync');
      expect(inserts).toHaveLength(1);
      // Bare base64 (no data: prefix) of exactly the PNG the API serves.
      expect(String(inserts[0]!.base64)).toMatch(/^iVBORw0KGgo/);
      expect(decoded(inserts[0]!.base64).equals(api.bytes)).toBe(true);
      // 16:9 slide (960×540 pt), 36 pt margin: 819×468 pt, centred.
      expect(inserts[0]!.options).toEqual({
        coercionType: 'image',
        imageLeft: 70.5,
        imageTop: 36,
        imageWidth: 819,
        imageHeight: 468,
      });
      expect(await slideShapes(page)).toEqual([
        expect.objectContaining({
          type: 'Image',
          altTextTitle: 'AI-generated image',
          altTextDescription: 'A koala beside a rising bar chart, presenting quarterly results',
          isDecorative: false,
          tags: { DONATELLO_GENERATION_ID: api.id },
        }),
      ]);
      // The pane never touched the History API (Office.js nulls it): no page errors.
      expect(unexpectedErrors(errors)).toEqual([]);
      await context.close();
    },
  );

  it('PowerPoint in the dark theme: the pane follows Office', { timeout: TEST_TIMEOUT }, async () => {
    const { page, context } = await openPane(rig, { office: POWERPOINT_WEB, dark: true });
    await page
      .getByRole('combobox', { name: /Signed in as/ })
      .getByText(/Alice/)
      .waitFor();
    expect(await page.locator('[data-theme]').first().getAttribute('data-theme')).toBe('dark');
    await promptBox(page).fill('a koala presenting quarterly results');
    await priceCard(page).getByText('Made before').waitFor();
    await shootAndScan(page, 'powerpoint-quote-dark');
    await context.close();
  });

  it(
    'the 5 MB path: PowerPoint refuses the PNG, the JPEG copy goes in, from Recent images at no cost',
    { timeout: TEST_TIMEOUT },
    async () => {
      const before = await newestImage(rig, 'alice');
      const token = await rig.host.token('alice');
      const spent = async () => (await rig.host.call('GET', '/api/v1/me', { token })).body.budget.spentAud;
      const spentBefore = await spent();
      const { page, context } = await openPane(rig, {
        office: { ...POWERPOINT_WEB, refuseFirstPngWith: 2009 },
      });
      await page.getByRole('tab', { name: 'Recent images' }).click();
      const tile = page.getByRole('button', { name: /^a koala presenting quarterly results/ });
      await tile.waitFor();
      await shootAndScan(page, 'recent-light');
      // Search narrows the list by the prompt's words.
      await page.getByRole('searchbox').fill('wombat');
      await page.getByText('Nothing matches “wombat”.').waitFor();
      await page.getByRole('searchbox').fill('quarterly');
      await tile.click();
      await page.getByText(/A\$0\.02, already paid/).waitFor();
      await insertButton(page).click();
      await page.getByText(/It went in as a JPEG copy under 5 MB/).waitFor();
      await shoot(page, 'powerpoint-jpeg-copy-light');

      const inserts = (await officeCalls(page)).filter((c) => c.api === 'setSelectedDataAsync');
      expect(inserts).toHaveLength(2);
      expect(decoded(inserts[0]!.base64).equals(before.bytes)).toBe(true);
      const jpeg = await newestImage(rig, 'alice', '?format=jpeg&maxBytes=5000000');
      expect(decoded(inserts[1]!.base64).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(decoded(inserts[1]!.base64).equals(jpeg.bytes)).toBe(true);
      expect(inserts[1]!.options).toEqual(inserts[0]!.options);
      // Nothing generated, nothing charged.
      expect((await newestImage(rig, 'alice')).id).toBe(before.id);
      expect(await spent()).toBe(spentBefore);
      await context.close();
    },
  );

  it(
    'Word on the web: inserted inline at the cursor, as wide as the text column, with alt text',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page, errors, context } = await openPane(rig, { office: WORD_WEB, user: 'dave' });
      await page
        .getByRole('combobox', { name: /Signed in as/ })
        .getByText(/Dave/)
        .waitFor();
      await page.getByText('Suits the page.').waitFor();
      await generate(page, 'a lighthouse on a cliff at dawn');
      await page.getByText('Inserts at the cursor.').waitFor();
      await insertButton(page).click();
      await page.getByText(/At the cursor, 451 × 258 pt, with its alt text\./).waitFor();
      await page.getByText('Inserted', { exact: true }).scrollIntoViewIfNeeded();
      await shootAndScan(page, 'word-inserted-light');

      const api = await newestImage(rig, 'dave');
      const pictures = (await officeCalls(page)).filter((c) => c.api === 'insertInlinePictureFromBase64');
      expect(pictures).toHaveLength(1);
      expect(decoded(pictures[0]!.base64).equals(api.bytes)).toBe(true);
      // A4 with 2.54 cm margins: a 451.3 pt column; 1792×1024 keeps its shape.
      expect(pictures[0]).toMatchObject({
        location: 'End',
        width: 451.3,
        height: 257.89,
        altTextTitle: 'AI-generated image',
        altTextDescription: 'AI-generated image: a lighthouse on a cliff at dawn',
      });
      expect(unexpectedErrors(errors)).toEqual([]);
      await context.close();
    },
  );

  it(
    'no host: the preview beside a simulated slide and page, light and dark',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page, errors, context } = await openPane(rig, { office: NO_HOST, user: 'carol' });
      await page
        .getByRole('combobox', { name: /Signed in as/ })
        .getByText(/Carol/)
        .waitFor();
      await page.getByText('Preview, without Office').waitFor();
      await generate(page, 'a bright engineering offsite banner');
      await insertButton(page).click();
      await page.getByText(/On the preview slide, 819 × 468 pt, with its alt text\./).waitFor();
      const api = await newestImage(rig, 'carol');
      const picture = page.locator('[data-surface="slide"] img[data-role="picture"]');
      expect(await picture.getAttribute('alt')).toBe(
        'AI-generated image: a bright engineering offsite banner',
      );
      expect(await picture.getAttribute('data-generation-id')).toBe(api.id);
      expect(await picture.getAttribute('data-width-pt')).toBe('819');
      expect(decoded((await picture.getAttribute('src'))!.split(',')[1]).equals(api.bytes)).toBe(true);
      await shootAndScan(page, 'preview-slide-light');

      // The switch: the same image as Word would place it, across the page's text column.
      await page.getByRole('radio', { name: 'Word page' }).check();
      await page.getByText('Insert into the preview page').waitFor();
      await insertButton(page).click();
      await page.getByText(/On the preview page, 451 × 258 pt/).waitFor();
      const inPage = page.locator('[data-surface="page"] img[data-role="picture"]');
      expect(await inPage.getAttribute('data-width-pt')).toBe('451.3');
      // The slide keeps its picture.
      expect(await picture.count()).toBe(1);
      await page.getByRole('button', { name: 'Use the dark theme' }).click();
      await shootAndScan(page, 'preview-page-dark');
      expect(unexpectedErrors(errors)).toEqual([]);
      await context.close();
    },
  );

  it('Office.js unreachable (offline): the preview still works', { timeout: TEST_TIMEOUT }, async () => {
    const { page, context } = await openPane(rig, { office: 'unreachable' });
    await page.getByText('Preview, without Office').waitFor();
    await page
      .getByRole('combobox', { name: /Signed in as/ })
      .getByText(/Alice/)
      .waitFor();
    await promptBox(page).fill('a koala at the beach');
    await priceCard(page).getByText('Within budget').waitFor();
    await context.close();
  });

  it(
    "help opens from #/help, where the manifest's SupportUrl and GetStarted link lead",
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page, context } = await openPane(rig, { office: POWERPOINT_WEB, hash: '/help' });
      await page.getByRole('heading', { name: 'DonatelloAI for PowerPoint and Word' }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain('When something goes wrong');
      await shootAndScan(page, 'help-light');
      await context.close();
    },
  );
});
