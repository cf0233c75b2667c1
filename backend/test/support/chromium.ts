// Whether Debian's Chromium is here, and what to say when it is not. No vitest imports: the global setup
// uses this before any test runs.
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** CI sets CI=true (GitHub Actions, Azure Pipelines and GitLab do; `.ci/run` fails first without Chromium). */
export const inCi = /^(true|1)$/i.test(process.env.CI ?? '');

export const MISSING_CHROMIUM = `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium).`;

/** A banner nobody scrolls past: what was skipped and why. */
export function skipBanner(what: string): string {
  const line = '!'.repeat(100);
  return `\n${line}\n!! SKIPPED: ${what}.\n!! ${MISSING_CHROMIUM}\n!! In CI (CI=true) this fails the run.\n${line}\n\n`;
}

/** Headless, offline and quiet (FACTS.md): without the background-networking flags Chromium calls home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
