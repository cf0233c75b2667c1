// Two test projects: `node` runs every *.test.ts (unit, contract, API and browser tests; the browser tests drive
// Chromium from Node) with the Cosmos test server and Azurite started once; `web` runs the React component tests
// (*.test.tsx) in happy-dom, with no servers.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const exclude = ['**/node_modules/**', '**/dist/**', '.data/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['**/*.test.ts'],
          exclude,
          // Starts the Cosmos DB test server and Azurite once for the whole run, on free ports.
          globalSetup: ['backend/test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['web/src/**/*.test.tsx', 'tab/src/**/*.test.tsx'],
          exclude,
          environment: 'happy-dom',
          setupFiles: ['web/test/setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
