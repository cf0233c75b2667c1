// Department admin through the tab (issue #11 "Tests"): carol puts Finance on a hard A$1.00 limit from the Budgets
// page (the audited change is shown) and dave's next request is refused with what is left; a standard user sees no
// admin pages and a direct link says "not allowed"; the audit page verifies the chain. Then every page, in the
// light and the dark theme, gets a screenshot and an axe-core scan with no serious or critical violation.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  SETUP_TIMEOUT,
  TEST_TIMEOUT,
  WAIT,
  hasChromium,
  openAs,
  shootAndScan,
  startTabRig,
  stopTabRig,
  unexpectedErrors,
  describeWithChromium,
  type TabRig,
} from './support/tab.ts';

const describeBrowser = describeWithChromium('the tab admin browser tests');

let rig: TabRig;
const tokens: Record<string, string> = {};

async function generate(user: string, key: string, body: Record<string, unknown>) {
  const res = await rig.host.call('POST', '/api/v1/generations', {
    token: tokens[user],
    body,
    headers: { 'idempotency-key': key, prefer: 'wait=30' },
  });
  return res;
}

beforeAll(async () => {
  if (!hasChromium) return;
  rig = await startTabRig();
  for (const u of ['alice', 'bob', 'carol', 'dave']) tokens[u] = await rig.host.token(u);
  // Finance spends A$1.12 of its A$2.00 (seven requests of four HD images, side by side).
  const finance = await Promise.all(
    Array.from({ length: 7 }, (_, i) =>
      generate('dave', `admin-dave-${i}`, { prompt: `quarterly chart number ${i + 1}`, n: 4, quality: 'hd' }),
    ),
  );
  expect(finance.map((r) => r.status)).toEqual(Array(7).fill(201));
  // Marketing: two images, then a low soft limit with one request approved and one waiting.
  for (const [i, prompt] of [
    'a koala presenting quarterly results',
    'a lighthouse on a cliff at dawn',
  ].entries()) {
    expect(
      (await generate('alice', `admin-alice-${i}`, { prompt, size: i ? '1792x1024' : '1024x1024' })).status,
    ).toBe(201);
  }
  await rig.host.call('PATCH', '/api/v1/departments/marketing', {
    token: tokens.carol,
    body: { budget: { limitAud: '0.05' } },
  });
  const first = await generate('alice', 'admin-alice-over-1', { prompt: 'a koala with a trophy' });
  await rig.host.call('POST', `/api/v1/approvals/${first.body.approval.id}/decision`, {
    token: tokens.bob,
    body: { decision: 'approve', comment: 'award night' },
  });
  await generate('alice', 'admin-alice-over-2', { prompt: 'a koala on a surfboard' });
}, SETUP_TIMEOUT);
afterAll(async () => {
  await stopTabRig(rig);
});

const promptBox = (page: Page) => page.getByRole('textbox', { name: /Describe the image/ });

describeBrowser('budgets, refusals and the audit chain', () => {
  it(
    'carol sets Finance to a hard A$1.00 limit; the change is audited; dave is refused with what is left',
    { timeout: TEST_TIMEOUT },
    async () => {
      const carol = await openAs(rig, 'carol', { path: '/admin/budgets?dept=finance' });
      const form = carol.page.getByRole('form', { name: 'Budget of Finance' });
      await form.waitFor({ timeout: WAIT });
      // What the API refuses is refused on the page, beside the field, and nothing is saved.
      await form.getByRole('textbox', { name: /Reset day/ }).fill('31');
      await form.getByRole('button', { name: 'Save changes' }).click();
      await form.getByText(/Too big: expected number to be <=28/).waitFor({ timeout: WAIT });
      await form.getByRole('button', { name: 'Undo changes' }).click();

      await form.getByRole('textbox', { name: /Monthly limit/ }).fill('1.00');
      await form.getByRole('radio', { name: 'Hard: refuse requests' }).check();
      await form.getByRole('button', { name: 'Save changes' }).click();
      const saved = carol.page.getByText('Saved and audited');
      await saved.waitFor({ timeout: WAIT });
      await carol.page.getByText('Monthly limit: A$2.00 → A$1.00').waitFor({ timeout: WAIT });
      await carol.page.getByText(/Audit record #\d+/).waitFor({ timeout: WAIT });
      const dept = await rig.host.call('GET', '/api/v1/departments/finance', { token: tokens.carol });
      expect(dept.body.budget).toMatchObject({ limitAud: '1.0000', mode: 'hard', resetDay: 1 });

      const dave = await openAs(rig, 'dave', { path: '/create' });
      await promptBox(dave.page).fill('one more quarterly chart');
      await dave.page
        .getByRole('group', { name: 'Price' })
        .getByText('Over the hard limit')
        .waitFor({ timeout: WAIT });
      await dave.page.getByRole('button', { name: 'Generate' }).click();
      await dave.page.getByText("Your department's budget does not cover this").waitFor({ timeout: WAIT });
      await dave.page
        .getByText(/This needs A\$0.0200; the department has A\$0.0000 left of A\$1.0000/)
        .waitFor({ timeout: WAIT });
      expect(await promptBox(dave.page).inputValue()).toBe('one more quarterly chart');
      expect(unexpectedErrors([...carol.errors, ...dave.errors])).toEqual([]);
    },
  );

  it(
    'a standard user has no admin pages, and a direct link says not allowed',
    { timeout: TEST_TIMEOUT },
    async () => {
      const alice = await openAs(rig, 'alice');
      expect(await alice.page.getByRole('tab', { name: 'Admin' }).count()).toBe(0);
      await alice.page.goto(`${rig.base}/tab/#/admin/audit`);
      await alice.page.getByRole('heading', { name: 'Not allowed' }).waitFor({ timeout: WAIT });
      await alice.page.getByText('You are not allowed to see the admin pages').waitFor({ timeout: WAIT });
    },
  );

  it('the audit page verifies the chain', { timeout: TEST_TIMEOUT }, async () => {
    const carol = await openAs(rig, 'carol', { path: '/admin/audit' });
    await carol.page.getByRole('table', { name: 'Audit records' }).waitFor({ timeout: WAIT });
    await carol.page.getByRole('button', { name: 'Verify chain' }).click();
    await carol.page.getByText('The chain is intact').waitFor({ timeout: WAIT });
    const verify = await rig.host.call('GET', '/api/v1/audit/verify', { token: tokens.carol });
    await carol.page.getByText(verify.body.headHash).waitFor({ timeout: WAIT });
  });
});

describeBrowser('the gallery by keyboard', () => {
  it(
    'arrow keys move between tiles, rows follow the columns, Enter opens the image',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page } = await openAs(rig, 'carol', { path: '/gallery?scope=all' });
      const grid = page.getByRole('grid');
      await grid.getByRole('button').first().waitFor({ timeout: WAIT });
      const columns = Number(await grid.getAttribute('aria-colcount'));
      expect(columns).toBeGreaterThan(1);
      const focused = () => page.evaluate('document.activeElement?.textContent ?? ""');
      const tiles = grid.getByRole('button');
      // One tab stop for the whole grid.
      expect(await grid.locator('button[tabindex="0"]').count()).toBe(1);
      await tiles.first().focus();
      await page.keyboard.press('ArrowRight');
      expect(await focused()).toBe(await tiles.nth(1).textContent());
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe(await tiles.nth(1 + columns).textContent());
      await page.keyboard.press('Home');
      expect(await focused()).toBe(await tiles.nth(columns).textContent());
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').getByText('Provenance (SHA-256)').waitFor({ timeout: WAIT });
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached', timeout: WAIT });
    },
  );
});

/** Every page of the tab, as the person who can see it, ready for a screenshot. */
const PAGES: { name: string; user: string; path: string; ready: (p: Page) => Promise<unknown> }[] = [
  {
    name: 'gallery',
    user: 'carol',
    path: '/gallery?scope=all',
    ready: (p) => p.getByRole('button', { name: /^a koala presenting/ }).waitFor({ timeout: WAIT }),
  },
  {
    name: 'gallery-detail',
    user: 'carol',
    path: '/gallery?scope=all',
    ready: async (p) => {
      await p.getByRole('button', { name: /^a lighthouse on a cliff/ }).click();
      await p.getByRole('dialog').getByText('Provenance (SHA-256)').waitFor({ timeout: WAIT });
      await p.getByRole('dialog').getByRole('img').waitFor({ timeout: WAIT });
    },
  },
  {
    name: 'create',
    user: 'alice',
    path: '/create',
    ready: async (p) => {
      await promptBox(p).fill('a koala presenting quarterly results');
      await p.getByRole('group', { name: 'Price' }).getByText('Made before').waitFor({ timeout: WAIT });
    },
  },
  {
    name: 'admin-budgets',
    user: 'carol',
    path: '/admin/budgets?dept=marketing',
    ready: (p) => p.getByText(/spent of A\$0.05/).waitFor({ timeout: WAIT }),
  },
  {
    name: 'admin-approvals',
    user: 'bob',
    path: '/admin/approvals',
    ready: (p) => p.getByText(/Approved by Bob Smith/).waitFor({ timeout: WAIT }),
  },
  {
    name: 'admin-usage',
    user: 'carol',
    path: '/admin/usage?dept=finance',
    ready: (p) => p.getByRole('table', { name: 'Spend by person' }).waitFor({ timeout: WAIT }),
  },
  {
    name: 'admin-audit',
    user: 'carol',
    path: '/admin/audit',
    ready: (p) => p.getByRole('table', { name: 'Audit records' }).waitFor({ timeout: WAIT }),
  },
  {
    name: 'admin-people',
    user: 'carol',
    path: '/admin/people?dept=marketing',
    ready: (p) => p.getByRole('table', { name: 'People' }).getByText('Bob Smith').waitFor({ timeout: WAIT }),
  },
  {
    name: 'not-allowed',
    user: 'alice',
    path: '/admin/budgets',
    ready: (p) => p.getByRole('heading', { name: 'Not allowed' }).waitFor({ timeout: WAIT }),
  },
];

describeBrowser('every page, light and dark: screenshots and accessibility', () => {
  for (const dark of [false, true]) {
    const theme = dark ? 'dark' : 'light';
    it(`${theme}: no serious or critical axe violations`, { timeout: TEST_TIMEOUT }, async () => {
      const opened = new Map<string, Awaited<ReturnType<typeof openAs>>>();
      for (const p of PAGES) {
        let tab = opened.get(p.user);
        if (!tab) {
          tab = await openAs(rig, p.user, { dark, path: p.path });
          opened.set(p.user, tab);
        } else {
          await tab.page.goto(`${rig.base}/tab/#${p.path}`);
        }
        await p.ready(tab.page);
        expect(await tab.page.locator(`[data-theme="${theme}"]`).count(), p.name).toBeGreaterThan(0);
        await shootAndScan(tab.page, `${p.name}-${theme}`);
      }
      for (const tab of opened.values()) expect(unexpectedErrors(tab.errors)).toEqual([]);
    });
  }

  it(
    'the theme switch overrides the system preference and is remembered',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page } = await openAs(rig, 'alice');
      await page.locator('[data-theme="light"]').first().waitFor({ timeout: WAIT });
      await page.getByRole('button', { name: 'Use the dark theme' }).click();
      await page.locator('[data-theme="dark"]').first().waitFor({ timeout: WAIT });
      await page.reload();
      await page.locator('[data-theme="dark"]').first().waitFor({ timeout: WAIT });
    },
  );
});
