import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (index.js) and ESM (index.mjs). Node loads the CJS one for every
    // dependency; Vite would hand our own files the ESM one, and graphql refuses to mix the two.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Each of these needs more than Node and redis-server, or runs alone: npm run test:load,
    // test:hosts (root only), test:browser (a Chromium), test:package (an npm install),
    // test:cluster (a Redis Cluster: test/cluster).
    exclude: ['test/load/**', 'test/hosts/**', 'test/browser/**', 'test/package/**', 'test/cluster/**', 'node_modules/**'],
    // One redis-server on a free port for the whole run; each test file uses its own key prefix.
    globalSetup: ['test/setup/redis-server.ts'],
    // CI reads the counts from the JSON report (see .ci/run); it runs the suite once per Node
    // version, each with its own report (VITEST_REPORT).
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: process.env.VITEST_REPORT ?? '.ci/results/vitest.json' }]]
      : ['default'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
