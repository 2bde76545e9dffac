import type { Logger } from '../logger.ts';
import { TaskStore } from '../queue/task-store.ts';
import { checkRedis, closeRedis, createRedis, waitUntilReady } from '../redis/connections.ts';
import type { AnyTaskType, TaskRegistry } from '../tasks/index.ts';
import { TaskWorker } from './task-worker.ts';

export { TaskWorker, type TaskWorkerSettings } from './task-worker.ts';

export interface WorkerSettings {
  redisUrl: string;
  /** Redis Cluster seed nodes (host:port); see RedisSettings. */
  redisClusterNodes?: readonly string[];
  prefix: string;
  /** Task types with handlers (see TaskRegistry.withHandlers). */
  registry: TaskRegistry<AnyTaskType>;
  concurrency: number;
  /** @defaultValue every queue of the registry */
  queues?: readonly string[];
  log: Logger;
  shutdownGraceMs?: number;
  heartbeatMs?: number;
  lockDurationMs?: number;
  maxProgressDataBytes?: number;
  stalledIntervalMs?: number;
  startedEventDelayMs?: number;
}

/** The worker process part: its own Redis connection and a TaskWorker. */
export async function startWorker(settings: WorkerSettings): Promise<{ stop(): Promise<void> }> {
  const target = { url: settings.redisUrl, clusterNodes: settings.redisClusterNodes };
  const redis = createRedis(target, 'worker', settings.log);
  const subscriber = createRedis(target, 'subscriber', settings.log);
  const store = new TaskStore({ redis, prefix: settings.prefix, queueNames: settings.registry.queueNames(), log: settings.log });
  const close = async () => {
    await store.close();
    await Promise.all([closeRedis(redis), closeRedis(subscriber)]);
  };
  const worker = new TaskWorker({ ...settings, redis, subscriber, store });
  try {
    await waitUntilReady(redis, settings.log, settings.redisUrl);
    await checkRedis(redis, settings.log);
    await worker.start();
  } catch (error) {
    await worker.stop();
    await close();
    throw error;
  }
  return {
    stop: async () => {
      await worker.stop();
      await close();
    },
  };
}
