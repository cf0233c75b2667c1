// Refusals and waits in the task pane through the real host (issue #12 "Tests"): a soft-limit request shows who
// must approve and updates by itself when bob approves through the API, then inserts; a prompt with personal
// information is refused with what was found and where; a hard limit is explained before and after Generate; a
// read-only presentation says so before any click. PowerPoint on the web is the Office stub. One host and one
// browser for the file.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  POWERPOINT_WEB,
  SETUP_TIMEOUT,
  TEST_TIMEOUT,
  describeWithChromium,
  insertButton,
  officeCalls,
  openPane,
  priceCard,
  promptBox,
  shootAndScan,
  startPaneRig,
  stopPaneRig,
  unexpectedErrors,
  type PaneRig,
} from './support/pane.ts';

const describeBrowser = describeWithChromium('the add-in task pane limit browser tests');

describeBrowser('limits, approvals and refusals in the task pane', () => {
  let rig: PaneRig;
  beforeAll(async () => {
    rig = await startPaneRig();
    const carol = await rig.host.token('carol');
    // Marketing: a soft limit with A$0.01 left, so alice's next A$0.02 image needs a manager.
    // Finance: a hard limit with A$0.01 left, so dave's is refused.
    for (const [id, mode] of [
      ['marketing', 'soft'],
      ['finance', 'hard'],
    ] as const) {
      const res = await rig.host.call('PATCH', `/api/v1/departments/${id}`, {
        token: carol,
        body: { budget: { limitAud: '0.01', mode } },
      });
      expect(res.status).toBe(200);
    }
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await stopPaneRig(rig);
  });

  it(
    'soft limit: alice waits, sees who must approve, and the pane follows bob\u2019s approval to the insert',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page, errors, context } = await openPane(rig, { office: POWERPOINT_WEB });
      await promptBox(page).fill('a koala launching a product');
      await priceCard(page).getByText('Needs approval').waitFor();
      await page.getByRole('button', { name: 'Generate' }).click();
      await page.getByText('Waiting for approval').waitFor();
      await page.getByText(/Bob Smith must approve it/).waitFor();
      // The whole message in view (scrollIntoViewIfNeeded stops once any of it shows).
      await page
        .getByText('Waiting for approval')
        .evaluate((el: any) => el.scrollIntoView({ block: 'center' }));
      await shootAndScan(page, 'powerpoint-waiting-approval-light');

      // Bob approves through the API, as from his Teams card.
      const bob = await rig.host.token('bob');
      const queue = await rig.host.call('GET', '/api/v1/approvals?status=pending', { token: bob });
      expect(queue.body.items).toHaveLength(1);
      const decided = await rig.host.call('POST', `/api/v1/approvals/${queue.body.items[0].id}/decision`, {
        token: bob,
        body: { decision: 'approve', comment: 'launch week' },
      });
      expect(decided.status).toBe(200);

      // The pane updates by itself: approved by Bob, the image, and it goes in.
      await page.getByText(/Approved\s*by Bob Smith: “launch week”/).waitFor();
      await page.getByText(/^Done: 1 image for A\$0\.02/).waitFor();
      await insertButton(page).click();
      await page.getByText(/On slide 1, 819 × 468 pt, with its alt text\./).waitFor();
      expect((await officeCalls(page)).filter((c) => c.api === 'setSelectedDataAsync')).toHaveLength(1);
      expect(unexpectedErrors(errors)).toEqual([]);
      await context.close();
    },
  );

  it(
    'a prompt with personal information: refused, with what was found and where, and nothing inserted',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page, context } = await openPane(rig, { office: POWERPOINT_WEB });
      const text = 'a poster for alice.nguyen@example.com';
      await promptBox(page).fill(text);
      await priceCard(page).getByText('This prompt would be refused').waitFor();
      await page.getByRole('button', { name: 'Generate' }).click();
      const result = page.locator('section[aria-label="Result"]');
      await result.getByText('This prompt cannot be used').waitFor();
      expect(await result.textContent()).toContain('an email address at characters 14–37');
      expect(await result.textContent()).not.toContain('example.com');
      expect(await promptBox(page).inputValue()).toBe(text);
      await result.scrollIntoViewIfNeeded();
      await shootAndScan(page, 'powerpoint-blocked-light');
      expect(await insertButton(page).count()).toBe(0);
      await context.close();
    },
  );

  it(
    'hard limit: the quote says it would be refused, and Generate says how much is left',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page, context } = await openPane(rig, { office: POWERPOINT_WEB, user: 'dave', dark: true });
      await promptBox(page).fill('a ledger with a rising line');
      await priceCard(page).getByText('Over the hard limit').waitFor();
      expect(await priceCard(page).textContent()).toContain('the department budget does not cover it');
      await page.getByRole('button', { name: 'Generate' }).click();
      const result = page.locator('section[aria-label="Result"]');
      await result.getByText("Your department's budget does not cover this").waitFor();
      expect(await result.textContent()).toMatch(/the department has A\$0\.0100 left of A\$0\.0100/);
      await result.scrollIntoViewIfNeeded();
      await shootAndScan(page, 'powerpoint-hard-limit-dark');
      const list = await rig.host.call('GET', '/api/v1/generations?scope=mine', {
        token: await rig.host.token('dave'),
      });
      expect(list.body.items).toEqual([]);
      await context.close();
    },
  );

  it(
    'a read-only presentation: the pane says so, and what to do, before any click',
    { timeout: TEST_TIMEOUT },
    async () => {
      const { page, context } = await openPane(rig, {
        office: { ...POWERPOINT_WEB, readOnly: true },
        hash: '/recent',
      });
      await page.getByRole('button', { name: /^a koala launching a product/ }).click();
      await page.getByText('Cannot insert here').waitFor();
      expect(await page.getByRole('main').textContent()).toContain(
        'This presentation is read-only, so the image cannot be inserted.',
      );
      expect(await insertButton(page).isDisabled()).toBe(true);
      await shootAndScan(page, 'powerpoint-read-only-light');
      expect((await officeCalls(page)).filter((c) => c.api === 'setSelectedDataAsync')).toEqual([]);
      await context.close();
    },
  );
});
