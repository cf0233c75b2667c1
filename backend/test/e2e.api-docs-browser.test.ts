// The API reference page in Chromium: it renders every operation from this server alone (no request leaves the
// machine, no CSP violation), and "Try it out" calls the running server: in development with a dev token, and
// where only Entra is trusted with an Entra access token pasted into the page.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, BROWSER_WAIT_MS, describeWithChromium, launchChromium } from './support/browser.ts';
import { startFakeEntra, type FakeEntra } from './support/fake-entra.ts';
import { startTestHost, type TestHost } from './support/host.ts';

const describeBrowser = describeWithChromium('the API reference page tests');

describeBrowser('the API reference page', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  const errors: string[] = [];
  const sent: { url: string; authorization: string | undefined }[] = [];

  beforeAll(async () => {
    [host, browser] = await Promise.all([startTestHost(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route(
      (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
      (route) => {
        outside.push(route.request().url());
        return route.abort();
      },
    );
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/me'))
        sent.push({ url: r.url(), authorization: r.headers().authorization });
    });
    // CSP violations do not always reach the console; the page reports each one here.
    await page.addInitScript(() => {
      const w = globalThis as unknown as {
        cspViolations: string[];
        addEventListener(
          type: string,
          listener: (e: { violatedDirective: string; blockedURI: string }) => void,
        ): void;
      };
      w.cspViolations = [];
      w.addEventListener('securitypolicyviolation', (e) =>
        w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('renders every operation in the document, from this server only, within the CSP', async () => {
    await page.goto(`${host.url}/api/v1/docs`);
    const doc = (await host.call('GET', '/api/v1/openapi.json')).body;
    const count = Object.values(doc.paths as Record<string, object>).reduce(
      (n, item) => n + Object.keys(item).length,
      0,
    );
    await page
      .locator('.opblock')
      .nth(count - 1)
      .waitFor({ timeout: BROWSER_WAIT_MS });
    expect(await page.locator('.opblock').count()).toBe(count);
    await expect.poll(() => page.locator('.opblock-tag').count()).toBeGreaterThanOrEqual(7);
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs.png'), fullPage: false });
    expect(
      await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([]);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('tries GET /api/v1/me as alice with a dev token', async () => {
    await page.selectOption('#dev-user', 'alice');
    await page.getByRole('button', { name: 'Use a dev token' }).click();
    await expect.poll(() => page.locator('#dev-status').textContent()).toMatch(/^Signed in as alice/);

    const answer = await tryMe(page);
    expect(answer.status).toMatch(/^200/);
    expect(answer.body).toContain('Alice Nguyen');
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs-try-me.png'), fullPage: false });
    const call = sent.find((s) => s.url.startsWith(`${host.url}/api/v1/me`));
    expect(call?.authorization).toMatch(/^Bearer [A-Za-z0-9._-]+$/);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  });
});

/** Opens GET /api/v1/me in Swagger UI, presses Try it out and Execute, and waits for the answer. */
async function tryMe(page: Page): Promise<{ status: string | null; body: string | null }> {
  const me = page.locator('.opblock').filter({ has: page.locator('[data-path="/api/v1/me"]') });
  await me.locator('.opblock-summary').click();
  await me.getByRole('button', { name: 'Try it out' }).click();
  await me.getByRole('button', { name: 'Execute' }).click();
  const row = me.locator('.live-responses-table tr.response');
  await row.first().waitFor({ timeout: BROWSER_WAIT_MS });
  return {
    status: await row.locator('.response-col_status').first().textContent(),
    body: await row.locator('.response-col_description').first().textContent(),
  };
}

describeBrowser('the API reference page where only Entra ID is trusted', () => {
  const TENANT = '3f2504e0-4f89-4d3a-9a0c-0305e82c3301';
  const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
  let entra: FakeEntra;
  let host: TestHost;
  let browser: Browser;

  beforeAll(async () => {
    entra = await startFakeEntra();
    [host, browser] = await Promise.all([
      startTestHost({
        DEV_AUTH: 'false',
        ENTRA_CLIENT_ID: CLIENT_ID,
        ENTRA_ALLOWED_TENANTS: TENANT,
        ENTRA_AUTHORITY_HOST: entra.authorityHost,
      }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await entra?.stop();
  });

  it('has no dev sign-in, and tries GET /api/v1/me with a pasted Entra access token', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route(
      (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
      (route) => route.abort(),
    );
    await page.goto(`${host.url}/api/v1/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: BROWSER_WAIT_MS });
    expect(await page.locator('#dev-sign-in').count()).toBe(0);

    const now = Math.floor(Date.now() / 1000);
    const token = await entra.sign({
      iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      aud: CLIENT_ID,
      azp: CLIENT_ID,
      tid: TENANT,
      oid: randomUUID(),
      name: 'Priya Patel',
      preferred_username: 'priya@contoso.example',
      scp: 'access_as_user',
      ver: '2.0',
      iat: now - 60,
      nbf: now - 60,
      exp: now + 3600,
    });
    await page.fill('#access-token', token);
    await page.getByRole('button', { name: 'Use this token' }).click();
    await expect.poll(() => page.locator('#token-status').textContent()).toMatch(/sends this token/);
    const answer = await tryMe(page);
    expect(answer.status).toMatch(/^200/);
    expect(answer.body).toContain('Priya Patel');
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs-entra-token.png'), fullPage: false });
  });
});
