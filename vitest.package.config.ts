import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `npm run test:package`: taskql as a user gets it (npm pack, npm install of the tarball in a
 * fresh folder), run on plain node. One install, shared by the file's tests.
 */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['test/package/**/*.test.ts'],
    globalSetup: ['test/setup/redis-server.ts'],
    testTimeout: 60_000,
    // npm pack (which builds dist/ and the dashboard) and npm install.
    hookTimeout: 300_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/results/vitest-package.json' }]] : ['default'],
  },
});
