import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// `npm run test:cluster`: the core and control acceptance tests against a 3-master Redis
// Cluster this run starts (test/setup/redis-server.ts), every prefix hash-tagged.
process.env.TASKQL_TEST_REDIS = 'cluster';

export default defineConfig({
  resolve: base.resolve,
  test: {
    include: [
      'test/run-task.test.ts',
      'test/watch-task.test.ts',
      'test/watched-events.test.ts',
      'test/live-progress.test.ts',
      'test/task-control.test.ts',
      'test/cancel-retry.test.ts',
      'test/dashboard-api.test.ts',
      'test/shared-subscriptions.test.ts',
      'test/workflows.test.ts',
      'test/mixed-fleet.test.ts',
      // A Redis Cluster's own: its sharded subscriber connections.
      'test/cluster/**/*.test.ts',
    ],
    globalSetup: ['test/setup/redis-server.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/results/vitest-cluster.json' }]] : ['default'],
  },
});
