// A soft-limit overage through the tab (issue #11 "Tests"): alice's request waits for approval on her Create page;
// bob, signed in through the visible dev user switcher, sees Marketing's gallery and approves it from the queue
// with a comment; alice's page updates by itself to the approval and the image.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  SETUP_TIMEOUT,
  TEST_TIMEOUT,
  WAIT,
  openAs,
  shoot,
  signedInAs,
  startTabRig,
  stopTabRig,
  unexpectedErrors,
  describeWithChromium,
  type TabRig,
} from './support/tab.ts';

const describeBrowser = describeWithChromium('the tab approval browser test');

describeBrowser('soft limit: alice asks, bob approves from the queue, alice sees it', () => {
  let rig: TabRig;
  beforeAll(async () => {
    rig = await startTabRig();
    const alice = await rig.host.token('alice');
    const first = await rig.host.call('POST', '/api/v1/generations', {
      token: alice,
      body: { prompt: 'a bright marketing banner with a koala' },
      headers: { 'idempotency-key': 'tab-approvals-1', prefer: 'wait=30' },
    });
    expect(first.status).toBe(201);
    // Marketing has A$0.01 left of a soft limit: the next A$0.02 image needs a manager.
    const soft = await rig.host.call('PATCH', '/api/v1/departments/marketing', {
      token: await rig.host.token('carol'),
      body: { budget: { limitAud: '0.03', mode: 'soft' } },
    });
    expect(soft.status).toBe(200);
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await stopTabRig(rig);
  });

  it('works end to end', { timeout: TEST_TIMEOUT }, async () => {
    const alice = await openAs(rig, 'alice', { path: '/create' });
    await alice.page.getByRole('textbox', { name: /Describe the image/ }).fill('a koala launching a product');
    const price = alice.page.getByRole('group', { name: 'Price' });
    await price.getByText('Needs approval').waitFor({ timeout: WAIT });
    await alice.page.getByRole('button', { name: 'Generate' }).click();
    await alice.page.getByText('Waiting for approval').waitFor({ timeout: WAIT });
    await alice.page.getByText(/Bob Smith must approve it/).waitFor({ timeout: WAIT });
    await shoot(alice.page, 'create-waiting-light');

    // Bob: a second browser, signed in as alice by default, switches to himself in the header.
    const bob = await openAs(rig, 'alice');
    await bob.page.getByRole('combobox', { name: /Signed in as/ }).click();
    await bob.page.getByRole('option', { name: 'Bob Smith (Department manager)' }).click();
    await signedInAs(bob.page, 'bob');

    // His department's gallery has alice's image and her request waiting.
    await bob.page.getByRole('tab', { name: 'My department' }).click();
    await bob.page
      .getByRole('button', { name: /^a bright marketing banner with a koala/ })
      .waitFor({ timeout: WAIT });
    await bob.page
      .getByRole('button', { name: /^Waiting for approval a koala launching a product/ })
      .waitFor({ timeout: WAIT });
    await shoot(bob.page, 'gallery-department-light');

    await bob.page.getByRole('tab', { name: 'Admin' }).click();
    await bob.page.getByRole('tab', { name: 'Approvals' }).click();
    const request = bob.page.getByRole('group', { name: 'Request from Alice Nguyen' });
    await request.waitFor({ timeout: WAIT });
    expect(await request.textContent()).toContain('a koala launching a product');
    await request.getByRole('textbox', { name: /Comment/ }).fill('launch week');
    await shoot(bob.page, 'admin-approvals-light');
    await request.getByRole('button', { name: 'Approve' }).click();
    await bob.page.getByText(/Approved by Bob Smith on .*: “launch week”/).waitFor({ timeout: WAIT });
    await bob.page.getByText('Nothing is waiting.', { exact: false }).waitFor({ timeout: WAIT });

    // Alice's page follows the decision without a reload: approved, then the image.
    await alice.page.getByText(/Done: 1 image/).waitFor({ timeout: WAIT });
    await alice.page.getByText(/Approved by Bob Smith/).waitFor({ timeout: WAIT });
    expect(await alice.page.getByText('“launch week”').count()).toBeGreaterThan(0);
    expect(unexpectedErrors(alice.errors)).toEqual([]);
    expect(unexpectedErrors(bob.errors)).toEqual([]);
  });
});
