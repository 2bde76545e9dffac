import { once } from 'node:events';
import { Worker } from 'bullmq';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskStore } from '../../src/queue/task-store.ts';
import { closeRedis, type RedisClient } from '../../src/redis/connections.ts';
import { TASKQL_FIELDS } from '../../src/redis/fields.ts';
import { watchTask } from '../../src/resolvers/watch-task.ts';
import { createServices } from '../../src/server/services.ts';
import { log, registry, testRedis, uniquePrefix } from '../support/taskql.ts';

/**
 * ioredis's sharded subscribers (one connection per master, each replaced by ioredis on its own
 * when it drops), as far as this test needs to cut one: the Cluster's `shardedSubscribers` group.
 */
interface ShardedSubscriberGroup {
  shardedSubscribers: Map<string, { isStarted(): boolean; getInstance(): { disconnect(): void } | null }>;
}

/**
 * On a Redis Cluster, task events come over sharded pub/sub: a connection of its own to the
 * master of taskql's slot, which ioredis replaces when it drops while the cluster's other
 * connections stay up. Events published meanwhile are lost; a subscriber must read again.
 * Run by `npm run test:cluster` only (a single Redis has no such connection).
 */
describe('taskUpdated on a Redis Cluster, when the sharded subscriber connection drops', () => {
  const prefix = uniquePrefix();
  let command: RedisClient;
  let subscriber: Cluster;
  let store: TaskStore;
  let services: ReturnType<typeof createServices>;

  beforeAll(async () => {
    let client: RedisClient;
    [command, client] = await Promise.all([testRedis('command'), testRedis('subscriber')]);
    subscriber = client as Cluster;
    services = createServices({ command, subscriber, prefix, registry, log });
    store = services.store;
  });
  afterAll(async () => {
    await services.close();
    await Promise.all([closeRedis(command), closeRedis(subscriber)]);
  });

  it('reads the task again once ioredis has resubscribed, so a final state it missed still arrives', async () => {
    const task = await store.enqueue(registry.get('processData')!, { data: 'x' }, {});
    const stream = (await watchTask(services, task.id))[Symbol.asyncIterator]();
    expect((await stream.next()).value?.state).toBe('PENDING');

    // It finishes with no event this subscriber receives: unwatched (its mark gone) and run by a
    // plain BullMQ worker, it publishes nothing. Only a read can tell.
    await command.hdel(store.queue('default').toKey(task.id), TASKQL_FIELDS.watched);
    const connection = await testRedis('worker');
    const worker = new Worker('default', async (job) => (job.id === task.id ? 'done' : null), { connection, prefix, autorun: false });
    try {
      const done = new Promise<void>((resolve) => worker.on('completed', (job) => job.id === task.id && resolve()));
      void worker.run();
      await done;
    } finally {
      await worker.close();
      await closeRedis(connection);
    }

    // The sharded subscriber's connection drops (as a network fault or a node restart would);
    // the cluster's own connections stay up, and ioredis brings up a new one.
    const group = (subscriber as unknown as { shardedSubscribers: ShardedSubscriberGroup }).shardedSubscribers;
    const started = [...group.shardedSubscribers.values()].filter((sharded) => sharded.isStarted());
    expect(started.length).toBeGreaterThan(0);
    const resubscribed = once(subscriber, 'subscribersReady');
    for (const sharded of started) sharded.getInstance()?.disconnect();
    await resubscribed;
    expect(subscriber.status).toBe('ready');

    expect((await stream.next()).value).toMatchObject({ state: 'SUCCESS', result: 'done' });
    expect((await stream.next()).done).toBe(true);
  });
});
