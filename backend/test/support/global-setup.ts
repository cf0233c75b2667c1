// Once per run, before any test file: the shared Cosmos DB test server and Azurite (their addresses reach the
// files through inject()), and the Chromium check. Must not break: in CI a missing browser stops the run here.
import type { TestProject } from 'vitest/node';
import { startAzurite, startCosmos } from './servers.ts';
import { MISSING_CHROMIUM, hasChromium, inCi, skipBanner } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    cosmos: { endpoint: string; key: string };
    azuriteConnectionString: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // No browser in CI: fail before anything runs, rather than pass with the browser suites skipped.
  if (!hasChromium && inCi) throw new Error(`CI=true and ${MISSING_CHROMIUM} The browser tests cannot run.`);
  const [cosmos, azurite] = await Promise.all([startCosmos(), startAzurite()]);
  project.provide('cosmos', { endpoint: cosmos.endpoint, key: cosmos.key });
  project.provide('azuriteConnectionString', azurite.connectionString);
  return async () => {
    await Promise.all([cosmos.stop(), azurite.stop()]);
    // Said again at the very end, after the summary, where nobody can miss it.
    if (!hasChromium) process.stderr.write(skipBanner('every browser test (the Playground UI in Chromium)'));
  };
}
