// The whole suite in one run (`npm test`); how it is organised and how to prove it on a busy machine is in
// docs/testing.md. Every limit comes from backend/test/support/timing.ts, scaled by TEST_SLOWDOWN.
// Two test projects: `node` runs every *.test.ts (unit, contract, API and browser tests; the browser tests drive
// Chromium from Node) with the Cosmos test server and Azurite started once; `web` runs the React component tests
// (*.test.tsx) in happy-dom, with no servers.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { HOOK_TIMEOUT_MS, TEST_TIMEOUT_MS } from './backend/test/support/timing.ts';

const exclude = ['**/node_modules/**', '**/dist/**', '.data/**'];

export default defineConfig({
  test: {
    teardownTimeout: HOOK_TIMEOUT_MS,
    projects: [
      {
        test: {
          name: 'node',
          include: ['**/*.test.ts'],
          exclude,
          // Starts the Cosmos DB test server and Azurite once for the whole run, on free ports.
          globalSetup: ['backend/test/support/global-setup.ts'],
          testTimeout: TEST_TIMEOUT_MS,
          hookTimeout: HOOK_TIMEOUT_MS,
          pool: 'forks',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['web/src/**/*.test.tsx', 'tab/src/**/*.test.tsx', 'office-addin/src/**/*.test.tsx'],
          exclude,
          environment: 'happy-dom',
          setupFiles: ['web/test/setup.ts'],
          testTimeout: TEST_TIMEOUT_MS,
          hookTimeout: HOOK_TIMEOUT_MS,
        },
      },
    ],
  },
});
