import { once } from 'node:events';
import { Worker } from 'bullmq';
import { Redis, type Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskStore } from '../../src/queue/task-store.ts';
import { closeRedis, type RedisClient } from '../../src/redis/connections.ts';
import { watchTask } from '../../src/resolvers/watch-task.ts';
import { createServices } from '../../src/server/services.ts';
import { clusterNodes, log, registry, testRedis, uniquePrefix } from '../support/taskql.ts';

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

  /** Finishes the task with no event anyone receives (a plain BullMQ worker publishes none): only a read can tell. */
  async function finishUnheard(id: string): Promise<void> {
    const connection = await testRedis('worker');
    const worker = new Worker('default', async (job) => (job.id === id ? 'done' : null), { connection, prefix, autorun: false });
    try {
      const done = new Promise<void>((resolve) => worker.on('completed', (job) => job.id === id && resolve()));
      void worker.run();
      await done;
    } finally {
      await worker.close();
      await closeRedis(connection);
    }
  }

  it('reads the task again once ioredis has resubscribed, so a final state it missed still arrives', async () => {
    const task = await store.enqueue(registry.get('processData')!, { data: 'x' }, {});
    const stream = (await watchTask(services, task.id))[Symbol.asyncIterator]();
    expect((await stream.next()).value?.state).toBe('PENDING');

    await finishUnheard(task.id);

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

  it("reads the task again when taskql's slot moves to another master, the old one keeping its other slots", async () => {
    const task = await store.enqueue(registry.get('processData')!, { data: 'y' }, {});
    const stream = (await watchTask(services, task.id))[Symbol.asyncIterator]();
    expect((await stream.next()).value?.state).toBe('PENDING');
    await finishUnheard(task.id);

    // An operator reshards the slot of this prefix (the test file's own) to another master.
    const masters = await Promise.all(
      clusterNodes()!.map(async (address) => {
        const redis = new Redis(`redis://${address}`);
        return { redis, address, id: (await redis.cluster('MYID')) as string };
      }),
    );
    try {
      const slot = (await masters[0]!.redis.cluster('KEYSLOT', prefix)) as number;
      const ranges = await masters[0]!.redis.cluster('SLOTS');
      const ownerId = ranges.find(([first, last]) => first <= slot && slot <= last)![2]![2];
      const from = masters.find((master) => master.id === ownerId)!;
      const to = masters.find((master) => master.id !== ownerId)!;
      const [host, port] = to.address.split(':') as [string, string];
      await to.redis.cluster('SETSLOT', slot, 'IMPORTING', from.id);
      await from.redis.cluster('SETSLOT', slot, 'MIGRATING', to.id);
      for (let keys = (await from.redis.cluster('GETKEYSINSLOT', slot, 100)) as string[]; keys.length > 0; keys = (await from.redis.cluster('GETKEYSINSLOT', slot, 100)) as string[]) {
        await from.redis.migrate(host, Number(port), '', 0, 5000, 'KEYS', ...keys);
      }
      const moved = once(subscriber, 'subscribersReady');
      for (const master of masters) await master.redis.cluster('SETSLOT', slot, 'NODE', to.id);
      // The subscriber finds out by its periodic look at the slots (no connection of it drops).
      await moved;
    } finally {
      for (const master of masters) master.redis.disconnect();
    }

    expect((await stream.next()).value).toMatchObject({ state: 'SUCCESS', result: 'done' });
    expect((await stream.next()).done).toBe(true);
  });
});
