import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (index.js) and ESM (index.mjs). Node loads the CJS one for every
    // dependency; Vite would hand our own files the ESM one, and graphql refuses to mix the two.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The load tests, the several-hosts test (root only) and the installed-package test run alone:
    // npm run test:load, test:hosts, test:package.
    exclude: ['test/load/**', 'test/hosts/**', 'test/package/**', 'node_modules/**'],
    // One redis-server on a free port for the whole run; each test file uses its own key prefix.
    globalSetup: ['test/setup/redis-server.ts'],
    // CI reads the counts from the JSON report (see .ci/run).
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/results/vitest.json' }]] : ['default'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
