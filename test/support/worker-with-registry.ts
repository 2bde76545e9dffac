import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { TaskRegistry, taskTypes } from '../../src/tasks/index.ts';
import { startWorker } from '../../src/worker/index.ts';
import { newcomer } from './test-tasks.ts';

/**
 * A worker process with a registry of its own (TEST_REGISTRY): `shipped` (the example types, as
 * a worker of the previous release would have) or `newer` (those plus `newcomer`), for tests of
 * mixed fleets. Configured like `taskql worker` (REDIS_URL, TASKQL_PREFIX, ...), plus
 * TEST_HEARTBEAT_MS.
 */
const registries = {
  shipped: new TaskRegistry(taskTypes),
  newer: new TaskRegistry([...taskTypes, newcomer]),
};

const config = loadConfig();
const log = createLogger(config);
const registry = registries[(process.env.TEST_REGISTRY ?? 'shipped') as keyof typeof registries];
if (!registry) throw new Error(`TEST_REGISTRY must be one of ${Object.keys(registries).join(', ')}`);
const worker = await startWorker({
  redisUrl: config.REDIS_URL ?? 'redis://127.0.0.1:6379',
  redisClusterNodes: config.REDIS_CLUSTER_NODES,
  prefix: config.TASKQL_PREFIX,
  registry,
  concurrency: config.CONCURRENCY,
  queues: config.QUEUES,
  shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
  heartbeatMs: process.env.TEST_HEARTBEAT_MS ? Number(process.env.TEST_HEARTBEAT_MS) : undefined,
  log,
});
process.once('SIGTERM', () => {
  void worker.stop().then(() => process.exit(0));
});
