// `describe` for a suite that needs Chromium, with no other test support attached, so every workspace's browser
// tests (the backend's, the tab's, the add-in's) share one rule.
// Must not break: a browser suite never passes silently without a browser. In CI (`CI=true`) a missing
// Chromium fails the file; elsewhere the suite is skipped with a banner on stderr saying what was not run.
import { describe } from 'vitest';
import { MISSING_CHROMIUM, hasChromium, inCi, skipBanner } from './chromium.ts';

export function describeWithChromium(what: string): typeof describe | typeof describe.skip {
  if (hasChromium) return describe;
  if (inCi) throw new Error(`CI=true and ${MISSING_CHROMIUM} The browser tests (${what}) cannot run.`);
  process.stderr.write(skipBanner(what));
  return describe.skip;
}
