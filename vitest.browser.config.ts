import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `npm run test:browser`: the tests that drive a real headless Chromium (GraphiQL, the
 * dashboard). They need a Chromium on the machine (Debian's `chromium`, or CHROMIUM_PATH), which
 * `npm install` does not bring, so `npm test` leaves them out.
 */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/setup/redis-server.ts'],
    // Past Playwright's own 30 s per step, so a step that stalls fails with its locator named
    // (a test that ran out of time first says only where the test begins).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/results/vitest-browser.json' }]] : ['default'],
  },
});
