// Debian's Chromium for the add-in's browser tests, launched offline with the flags FACTS.md lists (the same
// as backend/test/support/browser.ts, which cannot be imported here: it is typed for Node without the DOM).
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Screenshots for people to look at (not committed). */
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

export function warnIfNoChromium(what: string): void {
  if (!hasChromium)
    process.stderr.write(`Skipping ${what}: ${CHROMIUM} is missing (apt-get install -y chromium).\n`);
}

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
