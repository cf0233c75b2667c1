// The add-in's sign-in addresses and the app registration agree (docs/sso.md): every page the pane signs in
// through is registered as an SPA redirect URI in aad.manifest.json (what teamsapp.yml provisions), and every
// add-in address registered there is a page the build actually produces. A renamed page would otherwise only fail
// in a real tenant, with AADSTS50011.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALOG_QUERY } from '../src/session/dialog-message.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'aad.manifest.json'), 'utf8')) as {
  spa: { redirectUris: string[] };
};
const spa = manifest.spa.redirectUris;
const HOST = 'https://${{PUBLIC_HOSTNAME}}';

describe('the add-in in the app registration', () => {
  it('registers the task pane (NAA on the web), auth.html (popup and dialog) and the broker URI', () => {
    expect(spa).toContain(`${HOST}/addin/taskpane.html`);
    expect(spa).toContain(`${HOST}/addin/auth.html`);
    expect(spa).toContain('brk-multihub://${{PUBLIC_HOSTNAME}}');
  });

  it('registers only pages the build makes, served where the backend mounts them', () => {
    const pages = spa.filter((u) => u.includes('/addin/')).map((u) => u.slice(`${HOST}/addin/`.length));
    for (const page of pages) expect(existsSync(join(ROOT, 'office-addin', page)), page).toBe(true);
    const vite = readFileSync(join(ROOT, 'office-addin', 'vite.config.ts'), 'utf8');
    expect(vite).toContain("base: '/addin/'");
    for (const page of pages) expect(vite).toContain(`'${page}'`);
    const main = readFileSync(join(ROOT, 'backend', 'src', 'main.ts'), 'utf8');
    expect(main).toMatch(/mount: '\/addin',\s+dir: config\.web\.addinDir,\s+entry: 'taskpane\.html'/);
  });

  it('signs in through auth.html in the dialog, with the query the page recognises', () => {
    const pane = readFileSync(join(ROOT, 'office-addin', 'src', 'main.tsx'), 'utf8');
    expect(pane).toContain("new URL('auth.html', page)");
    expect(pane).toContain('`${popupRedirectUri}?${DIALOG_QUERY}`');
    expect(DIALOG_QUERY).toBe('sign-in=dialog');
  });
});
