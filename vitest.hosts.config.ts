import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `npm run test:hosts`: taskql across separate network hosts (Linux network namespaces; needs
 * root). Redis runs on one of those hosts, started by the test itself.
 */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['test/hosts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/results/vitest-hosts.json' }]] : ['default'],
  },
});
