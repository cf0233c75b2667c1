// Lint rules that protect the design: no console (pino only), no process.env outside the config modules,
// no floating promises (a forgotten await loses errors and, around money, correctness).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through the config module.' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      // Synchronous adapters (node:sqlite, the file system) implement async ports; async keeps throws as rejections.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The config modules are the one place that reads the environment; tests and scripts set it up.
    files: [
      '**/src/config.ts',
      '**/src/config/**/*.ts',
      '**/test/**/*.ts',
      '**/*.test.ts',
      'scripts/**/*.ts',
      'bench/**/*.ts',
      'vitest.config.ts',
      'tab/vite.config.ts',
      'office-addin/vite.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests inspect arbitrary JSON responses.
    files: ['**/test/**/*.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The add-in's modules run in the browser: browser globals, and no Node built-ins (they would not bundle).
    files: ['office-addin/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'The task pane runs in a browser, not Node.' }] },
      ],
    },
  },
  {
    // The web pages (React in a browser): browser globals, and the rules of hooks (a hook called conditionally or
    // with missing dependencies shows stale data, which on a budget screen is wrong data).
    files: [
      'web/src/**/*.{ts,tsx}',
      'tab/src/**/*.{ts,tsx}',
      'web/test/**/*.ts',
      'office-addin/src/**/*.{ts,tsx}',
    ],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The Office stub of the add-in's browser tests runs inside the page, as Office.js would.
    files: ['office-addin/test/office-stub.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The API reference page's script runs in the browser, next to Swagger UI's bundle.
    files: ['backend/src/openapi/page/*.js'],
    languageOptions: { globals: { ...globals.browser, SwaggerUIBundle: 'readonly' } },
  },
);
