// The whole suite in one run (`npm test`); how it is organised and how to prove it on a busy machine is in
// docs/testing.md. Every limit comes from backend/test/support/timing.ts, scaled by TEST_SLOWDOWN.
import { defineConfig } from 'vitest/config';
import { HOOK_TIMEOUT_MS, TEST_TIMEOUT_MS } from './backend/test/support/timing.ts';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '.data/**'],
    // Starts the Cosmos DB test server and Azurite once for the whole run, on free ports.
    globalSetup: ['backend/test/support/global-setup.ts'],
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: HOOK_TIMEOUT_MS,
    teardownTimeout: HOOK_TIMEOUT_MS,
    pool: 'forks',
  },
});
