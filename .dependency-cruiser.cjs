/**
 * How taskql's layers may import (npm run lint:deps, in CI). From the bottom:
 *   shared (src/config.ts, src/logger.ts, src/auth.ts, and src/tasks: task definitions)
 *   → redis (connections, scripts, job-hash field names) → queue (stores, records, key names)
 *   → pubsub (events on them) → resolvers (what a field does) → schema (GraphQL types)
 *   → server (HTTP, WebSocket) → entry points (src/main.ts, src/index.ts, src/cli, src/bin, src/service)
 * and the worker beside the API (resolvers, schema, server), on the same stores. Each layer
 * imports only the layers below it.
 */
const LAYERS = [
  { name: 'shared', paths: ['^src/(config|logger|auth)\\.ts$', '^src/tasks/'] },
  { name: 'redis', paths: ['^src/redis/'] },
  { name: 'queue', paths: ['^src/queue/'] },
  { name: 'pubsub', paths: ['^src/pubsub/'] },
  { name: 'resolvers', paths: ['^src/resolvers/'] },
  { name: 'schema', paths: ['^src/schema/'] },
  { name: 'server', paths: ['^src/server/'] },
  { name: 'entry', paths: ['^src/(cli|bin|service)/', '^src/(main|index)\\.ts$'] },
];
const WORKER = '^src/worker/';
const pathsOf = (...names) => LAYERS.filter((layer) => names.includes(layer.name)).flatMap((layer) => layer.paths);

const layered = [
  // Each layer below the entry points imports none above it, nor the worker.
  ...LAYERS.slice(0, -1).map((layer, i) => ({
    name: `${layer.name}-imports-downward`,
    severity: 'error',
    comment: `${layer.name} imports only the layers below it (and not the worker).`,
    from: { path: layer.paths },
    to: { path: [...LAYERS.slice(i + 1).flatMap((above) => above.paths), WORKER] },
  })),
  {
    name: 'worker-not-on-api',
    severity: 'error',
    comment: 'The worker stands on the stores beside the API: it loads neither the API nor an entry point.',
    from: { path: WORKER },
    to: { path: pathsOf('resolvers', 'schema', 'server', 'entry') },
  },
];

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
      comment: 'Resolvers (and the schema above them) talk to the stores, never to Redis or BullMQ (nor to their key names or job hashes).',
      from: { path: ['^src/resolvers/', '^src/schema/'] },
      to: { path: ['^src/redis', 'node_modules/(bullmq|ioredis)/', '^src/queue/keys\\.ts$', '^src/queue/job-hash\\.ts$'] },
    },
    ...layered,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
