import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/** `npm run test:load`: the load tests, one file at a time, with a GC the memory test can force. */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['test/load/**/*.test.ts'],
    globalSetup: ['test/setup/redis-server.ts'],
    execArgv: ['--expose-gc'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/results/vitest-load.json' }]] : ['default'],
  },
});
