import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startRedisCluster } from '../support/redis-cluster.ts';
import { startRedisServer } from '../../src/redis/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** Set when the run is against a Redis Cluster (TASKQL_TEST_REDIS=cluster). */
    redisClusterNodes: string[] | undefined;
  }
}

/**
 * Starts this run's own redis-server (never a Redis the run did not start), or with
 * TASKQL_TEST_REDIS=cluster its own 3-master Redis Cluster.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'taskql-test-redis-'));
  const cluster = process.env.TASKQL_TEST_REDIS === 'cluster';
  const server = cluster ? await startRedisCluster({ dir }) : await startRedisServer({ dir });
  project.provide('redisUrl', 'url' in server ? server.url : `redis://${server.nodes[0]}`);
  project.provide('redisClusterNodes', 'nodes' in server ? server.nodes : undefined);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
