/**
 * How taskql's layers may import (npm run lint:deps, in CI). From the top:
 *   entry points (src/main.ts, src/cli, src/bin, src/service, src/index.ts)
 *   → server (HTTP, WebSocket) → schema (GraphQL types) → resolvers (what a field does)
 *   → stores (src/queue, src/pubsub) → redis (connections, scripts)
 * and the worker beside the API, on the same stores. Tasks (src/tasks) are definitions both use.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles (type-only imports included).',
      from: { path: '^src' },
      to: { circular: true },
    },
    {
      name: 'resolvers-use-store-verbs',
      severity: 'error',
      comment: 'A resolver talks to the stores, never to Redis or BullMQ (nor to their raw key names).',
      from: { path: '^src/resolvers' },
      to: { path: ['^src/redis', 'node_modules/(bullmq|ioredis)/', '^src/queue/keys\\.ts$', '^src/queue/job-hash\\.ts$'] },
    },
    {
      name: 'api-not-on-worker',
      severity: 'error',
      comment: 'The API does not load the worker.',
      from: { path: '^src/(server|schema|resolvers)' },
      to: { path: '^src/worker' },
    },
    {
      name: 'layers-downward',
      severity: 'error',
      comment: 'Lower layers never import higher ones.',
      from: { path: '^src/(redis|queue|pubsub)' },
      to: { path: '^src/(resolvers|schema|server|worker|cli|service|main\\.ts|index\\.ts)' },
    },
    {
      name: 'redis-is-the-bottom',
      severity: 'error',
      from: { path: '^src/redis' },
      to: { path: '^src/(queue|pubsub|tasks)' },
    },
    {
      name: 'stores-below-pubsub',
      severity: 'error',
      comment: 'src/queue (stores, records, names) is below src/pubsub (events on them).',
      from: { path: '^src/queue' },
      to: { path: '^src/pubsub' },
    },
    {
      name: 'resolvers-know-no-graphql-types',
      severity: 'error',
      from: { path: '^src/resolvers' },
      to: { path: '^src/(schema|server)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
