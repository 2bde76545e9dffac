import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from '../../src/redis/embedded.ts';

export interface RedisClusterServers {
  /** Seed nodes, host:port. */
  nodes: string[];
  stop(): Promise<void>;
}

/**
 * A Redis Cluster of `masters` redis-servers (no replicas) on free loopback ports, created with
 * `redis-cli --cluster create`; resolves once every node reports `cluster_state:ok`. For tests
 * and the benchmark: taskql runs against any cluster (REDIS_CLUSTER_NODES).
 */
export async function startRedisCluster(options: { dir: string; masters?: number }): Promise<RedisClusterServers> {
  const servers: RedisServer[] = [];
  const stop = async () => void (await Promise.all(servers.map((server) => server.stop())));
  try {
    for (let i = 0; i < (options.masters ?? 3); i++) {
      const dir = join(options.dir, `node-${i}`);
      servers.push(
        await startRedisServer({ dir, args: ['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf'), '--cluster-node-timeout', '2000'] }),
      );
    }
    const nodes = servers.map((server) => server.url.replace('redis://', ''));
    await promisify(execFile)('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    await Promise.all(servers.map((server) => untilClusterOk(server.url)));
    return { nodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Cluster state spreads by gossip, with no event to wait for: ask until it is ok. */
async function untilClusterOk(url: string, timeoutMs = 20_000): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true });
  try {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
      const info = (await redis.cluster('INFO')) as string;
      if (info.includes('cluster_state:ok')) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Redis Cluster node ${url} did not reach cluster_state:ok in ${timeoutMs} ms`);
  } finally {
    redis.disconnect();
  }
}
