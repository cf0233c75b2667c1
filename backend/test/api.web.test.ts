// What the web surfaces get from the backend before and besides the API: the public client config, the model
// catalogue, the built tab served under /tab/ with the headers Teams needs (CSP frame-ancestors), and the add-in's
// task pane under /addin/ with Office's (its frame ancestors, Office.js from Microsoft's CDN and nothing else).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testFetch } from './support/http.ts';
import { startTestHost, type TestHost } from './support/host.ts';

const CLIENT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const TENANT = '11111111-1111-4111-8111-111111111111';

let tabDir: string;
let addinDir: string;
let host: TestHost;
beforeAll(async () => {
  // A stand-in for `vite build` output: the test is about serving, not about the pages.
  tabDir = mkdtempSync(join(tmpdir(), 'donatello-tab-'));
  mkdirSync(join(tabDir, 'assets'));
  writeFileSync(join(tabDir, 'index.html'), '<!doctype html><title>DonatelloAI</title><div id="root"></div>');
  writeFileSync(join(tabDir, 'auth.html'), '<!doctype html><title>Signing in</title>');
  writeFileSync(join(tabDir, 'assets', 'index-AbC123.js'), 'console.log("tab")');
  writeFileSync(join(tmpdir(), 'donatello-outside.txt'), 'outside');
  addinDir = mkdtempSync(join(tmpdir(), 'donatello-addin-'));
  mkdirSync(join(addinDir, 'assets'));
  writeFileSync(
    join(addinDir, 'taskpane.html'),
    '<!doctype html><title>DonatelloAI</title><div id="pane"></div>',
  );
  writeFileSync(join(addinDir, 'auth.html'), '<!doctype html><title>Signing in</title>');
  writeFileSync(join(addinDir, 'assets', 'icon-32.png'), 'png');
  host = await startTestHost({ TAB_DIR: tabDir, ADDIN_DIR: addinDir });
});
afterAll(async () => {
  await host?.stop();
  rmSync(tabDir, { recursive: true, force: true });
  rmSync(addinDir, { recursive: true, force: true });
});

describe('GET /api/v1/client-config', () => {
  it('answers without sign-in: dev sign-in on, no Entra, the dev Teams app id', async () => {
    const res = await host.call('GET', '/api/v1/client-config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      devSignIn: true,
      entra: null,
      teamsAppId: 'd0a7e110-0000-4000-8000-000000000001',
      version: '0.1.0',
    });
  });

  it('names the Entra app, its authority and the access_as_user scope when Entra is set up', async () => {
    const entra = await startTestHost({
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_ALLOWED_TENANTS: TENANT,
      ENTRA_APP_ID_URI: `api://donatello.example.com/${CLIENT_ID}`,
      ENTRA_CLIENT_SECRET: 'a-secret-that-must-never-leave',
      TAB_DIR: tabDir,
    });
    try {
      const res = await entra.call('GET', '/api/v1/client-config');
      expect(res.body.entra).toEqual({
        clientId: CLIENT_ID,
        authority: `https://login.microsoftonline.com/${TENANT}`,
        scopes: [`api://donatello.example.com/${CLIENT_ID}/access_as_user`],
      });
      expect(res.text).not.toContain('a-secret-that-must-never-leave');
      // MSAL talks to the authority from the pages, so the CSP lets it (and nothing else) in.
      const page = await entra.call('GET', '/tab/');
      expect(page.headers.get('content-security-policy')).toMatch(
        /connect-src 'self' https:\/\/login\.microsoftonline\.com;/,
      );
    } finally {
      await entra.stop();
    }
  });
});

describe('GET /api/v1/models', () => {
  it('lists the models the caller may use, with prices', async () => {
    const res = await host.call('GET', '/api/v1/models', { token: await host.token('alice') });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: 'local-scene',
        provider: 'local',
        unitPriceAud: { standard: '0.0200', hd: '0.0400' },
        sizes: ['1024x1024', '1792x1024', '1024x1792'],
      }),
    ]);
  });

  it("follows the department's policy and is empty without a department", async () => {
    const carol = await host.token('carol');
    const patch = (allowedProviders: string[]) =>
      host.call('PATCH', '/api/v1/departments/finance', {
        token: carol,
        body: { policy: { allowedProviders } },
      });
    expect((await patch(['openai'])).status).toBe(200);
    try {
      const dave = await host.call('GET', '/api/v1/models', { token: await host.token('dave') });
      expect(dave.body.items).toEqual([]);
    } finally {
      expect((await patch([])).status).toBe(200);
    }
    const erin = await host.call('GET', '/api/v1/models', { token: await host.token('erin') });
    expect(erin.body.items).toEqual([]);
  });

  it('needs sign-in', async () => {
    expect((await host.call('GET', '/api/v1/models')).status).toBe(401);
  });
});

describe('the tab under /tab/', () => {
  it('serves index.html for the app and its client-side routes, never cached', async () => {
    for (const path of ['/tab/', '/tab/gallery', '/tab/config', '/tab/admin/budgets']) {
      const res = await host.call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const bare = await testFetch(`${host.url.replace('127.0.0.1', 'localhost')}/tab`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/tab/');
  });

  it('lets only Teams and Microsoft 365 frame it, and loads nothing from elsewhere', async () => {
    const res = await host.call('GET', '/tab/gallery');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(
      "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
    );
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  it('caches hashed assets for a year and serves other entry pages', async () => {
    const asset = await host.call('GET', '/tab/assets/index-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const auth = await host.call('GET', '/tab/auth.html');
    expect(auth.text).toContain('Signing in');
  });

  it('answers a missing file with 404, and never a file outside the build', async () => {
    expect((await host.call('GET', '/tab/assets/missing-123.js')).status).toBe(404);
    expect((await host.call('GET', '/tab/missing.png')).status).toBe(404);
    for (const path of [
      '/tab/../donatello-outside.txt',
      '/tab/%2e%2e/donatello-outside.txt',
      '/tab/assets/..%2f..%2fdonatello-outside.txt',
    ]) {
      const res = await host.call('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.text, path).not.toBe('outside');
    }
  });

  it('says how to build the tab when it is not built', async () => {
    const bare = await startTestHost({ TAB_DIR: join(tabDir, 'nothing-here') });
    try {
      const res = await bare.call('GET', '/tab/gallery');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'service-unavailable' });
      expect(res.body.detail).toContain('npm run build:tab');
    } finally {
      await bare.stop();
    }
  });
});

describe('the task pane under /addin/', () => {
  it('serves taskpane.html for the pane and its routes, auth.html and the icons', async () => {
    for (const path of ['/addin/', '/addin/taskpane.html', '/addin/help']) {
      const res = await host.call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).toContain('<div id="pane">');
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect((await host.call('GET', '/addin/auth.html')).text).toContain('Signing in');
    expect((await host.call('GET', '/addin/assets/icon-32.png')).status).toBe(200);
    expect((await host.call('GET', '/addin/assets/icon-99.png')).status).toBe(404);
  });

  it("lets Office on the web frame it, and runs script only from itself and Office.js's CDN folder", async () => {
    const res = await host.call('GET', '/addin/taskpane.html');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));
    expect(directive('frame-ancestors')?.split(' ').slice(1)).toEqual([
      "'self'",
      'https://*.officeapps.live.com',
      'https://*.sharepoint.com',
      'https://*.office.com',
      'https://*.office365.com',
      'https://outlook.office.com',
      'https://outlook.office365.com',
      'https://*.microsoft365.com',
      'https://*.cloud.microsoft',
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
    ]);
    expect(directive('script-src')).toBe(
      "script-src 'self' https://appsforoffice.microsoft.com/lib/1/hosted/",
    );
    expect(directive('connect-src')).toBe("connect-src 'self'");
    expect(res.headers.get('x-frame-options')).toBeNull();
    // The tab keeps its own policy: no Office.js there.
    const tab = await host.call('GET', '/tab/');
    expect(tab.headers.get('content-security-policy')).toContain("script-src 'self';");
    // And the API none of the pages' allowances.
    const api = await host.call('GET', '/api/v1/health');
    expect(api.headers.get('content-security-policy')).not.toContain('appsforoffice');
  });

  it('says how to build the pane when it is not built', async () => {
    const bare = await startTestHost({ ADDIN_DIR: join(addinDir, 'nothing-here') });
    try {
      const res = await bare.call('GET', '/addin/taskpane.html');
      expect(res.status).toBe(503);
      expect(res.body.detail).toContain('npm run build:addin');
    } finally {
      await bare.stop();
    }
  });
});
