// The API reference page in Chromium: it renders every operation from this server alone (no request leaves the
// machine, no CSP violation), and in development "Try it out" with a dev token calls the running server.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchChromium, warnIfNoChromium } from './support/browser.ts';
import { startTestHost, type TestHost } from './support/host.ts';

warnIfNoChromium('the API reference page tests');

describe.runIf(hasChromium)('the API reference page', () => {
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
      .waitFor({ timeout: 30_000 });
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

    const me = page.locator('.opblock').filter({ has: page.locator('[data-path="/api/v1/me"]') });
    await me.locator('.opblock-summary').click();
    await me.getByRole('button', { name: 'Try it out' }).click();
    await me.getByRole('button', { name: 'Execute' }).click();
    const live = me.locator('.live-responses-table');
    await expect
      .poll(() => live.locator('tr.response .response-col_status').first().textContent(), { timeout: 30_000 })
      .toMatch(/^200/);
    await expect
      .poll(() => live.locator('tr.response .response-col_description').first().textContent())
      .toContain('Alice Nguyen');
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs-try-me.png'), fullPage: false });
    const call = sent.find((s) => s.url.startsWith(`${host.url}/api/v1/me`));
    expect(call?.authorization).toMatch(/^Bearer [A-Za-z0-9._-]+$/);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  });
});
