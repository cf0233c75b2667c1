// Debian's Chromium for the add-in's browser tests, launched offline with the flags every workspace shares
// (backend/test/support/chromium.ts); a missing browser skips loudly, or fails in CI (browser-suite.ts).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../backend/test/support/chromium.ts';

export { describeWithChromium } from '../../backend/test/support/browser-suite.ts';
/** Screenshots for people to look at (not committed). */
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
