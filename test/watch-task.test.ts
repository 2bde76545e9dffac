import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskEventPublisher } from '../src/pubsub/task-event-publisher.ts';
import type { TaskRecord } from '../src/queue/task-record.ts';
import type { Services } from '../src/resolvers/services.ts';
import type { TaskStore } from '../src/queue/task-store.ts';
import { createServices } from '../src/server/services.ts';
import { closeRedis, isCluster, type RedisClient } from '../src/redis/connections.ts';
import { watchTask } from '../src/resolvers/watch-task.ts';
import { TASKQL_FIELDS } from '../src/redis/fields.ts';
import { log, registry, testRedis, uniquePrefix } from './support/taskql.ts';

/**
 * watchTask alone, against real Redis: these tests place events exactly where a race would
 * put them (between subscribing and reading the snapshot), which end-to-end runs hit rarely.
 */
describe('watchTask merges the snapshot and the live stream', () => {
  const prefix = uniquePrefix();
  let command: RedisClient;
  let subscriber: RedisClient;
  let store: TaskStore;
  let publisher: TaskEventPublisher;
  let services: ReturnType<typeof createServices>;

  beforeAll(async () => {
    [command, subscriber] = await Promise.all([testRedis('command'), testRedis('subscriber')]);
    services = createServices({ command, subscriber, prefix, registry, log });
    store = services.store;
    publisher = new TaskEventPublisher(command, prefix);
  });
  afterAll(async () => {
    await services.close();
    await Promise.all([closeRedis(command), closeRedis(subscriber)]);
  });

  const newTask = () => store.enqueue(registry.get('processData')!, { data: 'x' }, {});
  const address = (task: TaskRecord) => ({ jobKey: store.queue('default').toKey(task.id), id: task.id, name: task.name, queue: task.queue });

  /** Services whose snapshot read runs `before` and `after` hooks around the real read. */
  const withHook = (before: () => Promise<void>, after: () => Promise<void> = async () => {}): Services => ({
    ...services,
    store: Object.assign(Object.create(store) as TaskStore, {
      read: async (id: string, options?: { watch?: boolean }) => {
        await before();
        const snapshot = await store.read(id, options);
        await after();
        return snapshot;
      },
    }),
  });

  /**
   * The channels Redis has subscriptions for, once it has processed everything the subscriber
   * connection sent before (an UNSUBSCRIBE goes out on that connection without being awaited).
   */
  async function channelsAfterSubscriber(): Promise<string[]> {
    // A PING on the same connection is answered after the commands sent before it.
    if (!isCluster(subscriber)) await subscriber.ping();
    return (await command.pubsub('CHANNELS', `${prefix}:*`)) as string[];
  }

  async function take(stream: AsyncIterable<TaskRecord>, count: number): Promise<TaskRecord[]> {
    const taken: TaskRecord[] = [];
    for await (const task of stream) {
      taken.push(task);
      if (taken.length === count) break;
    }
    return taken;
  }

  it('sends an event that is already in the snapshot only once', async () => {
    const task = await newTask();
    const hooked = withHook(async () => {
      await publisher.publish(address(task), { state: 'STARTED', progress: { percent: 10 } });
    });
    const stream = await watchTask(hooked, task.id);
    await publisher.publish(address(task), { progress: { percent: 20 } });

    const [snapshot, next] = await take(stream, 2);
    expect(snapshot?.progress?.percent).toBe(10);
    expect(next?.progress?.percent).toBe(20);
  });

  it('does not lose an event published right after the snapshot was read', async () => {
    const task = await newTask();
    const hooked = withHook(
      async () => {},
      async () => {
        await publisher.publish(address(task), { state: 'STARTED', progress: { percent: 30 } });
      },
    );
    const stream = await watchTask(hooked, task.id);
    await publisher.publish(address(task), { state: 'SUCCESS', result: 'done', finishedAt: Date.now() });

    const seen: TaskRecord[] = [];
    for await (const update of stream) seen.push(update);
    expect(seen.map((t) => [t.state, t.progress?.percent ?? null])).toEqual([
      ['PENDING', null],
      ['STARTED', 30],
      ['SUCCESS', 30],
    ]);
  });

  it('drops events older than the snapshot, so the stream never goes backwards', async () => {
    const task = await newTask();
    const hooked = withHook(async () => {
      await publisher.publish(address(task), { state: 'STARTED', progress: { percent: 40 } });
      await publisher.publish(address(task), { progress: { percent: 50 } });
    });
    const stream = await watchTask(hooked, task.id);
    await publisher.publish(address(task), { progress: { percent: 60 } });
    const percents = (await take(stream, 2)).map((t) => t.progress?.percent);
    expect(percents).toEqual([50, 60]);
  });

  it('completes after the terminal event and releases its Redis subscription', async () => {
    const task = await newTask();
    const stream = await watchTask(services, task.id);
    await publisher.publish(address(task), { state: 'FAILURE', error: { name: 'Error', message: 'boom' } });
    const seen: TaskRecord[] = [];
    for await (const update of stream) seen.push(update);
    expect(seen.map((t) => t.state)).toEqual(['PENDING', 'FAILURE']);
    expect(seen[1]?.error).toEqual({ name: 'Error', message: 'boom' });
    expect(await channelsAfterSubscriber()).not.toContain(`${prefix}:task-updated:${task.id}`);
  });

  it('stops listening when the client goes away mid-stream', async () => {
    const task = await newTask();
    const stream = await watchTask(services, task.id);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.state).toBe('PENDING');
    // The client unsubscribes while the stream waits for the next event.
    const pending = iterator.next();
    await iterator.return?.();
    expect((await pending).done).toBe(true);
    expect(await channelsAfterSubscriber()).not.toContain(`${prefix}:task-updated:${task.id}`);
  });

  it('reads the task again after its subscription connection was lost, so a final state missed meanwhile still arrives', async () => {
    const task = await newTask();
    const stream = (await watchTask(services, task.id))[Symbol.asyncIterator]();
    expect((await stream.next()).value?.state).toBe('PENDING');
    const closed = new Promise((resolve) => subscriber.once('close', resolve));
    const back = new Promise((resolve) => subscriber.once('ready', resolve));
    subscriber.disconnect(true); // drops the connection; ioredis reconnects (after 50 ms) and subscribes again
    await closed;
    // A real change while away: the store has it, its event is lost.
    expect(await store.revoke(task, 'revoked while away')).toBe('revoked');
    await back;
    const next = await stream.next();
    expect(next.value).toMatchObject({ state: 'REVOKED', error: { message: 'revoked while away' } });
    expect((await stream.next()).done).toBe(true);
  });

  it('reads the task again until a read answers, when the first after a reconnect fails', async () => {
    const task = await newTask();
    let reads = 0;
    const flaky = withHook(async () => {
      // The snapshot's read answers; the first read after the reconnect fails.
      if (++reads === 2) throw new Error('Connection is closed.');
    });
    const stream = (await watchTask(flaky, task.id))[Symbol.asyncIterator]();
    expect((await stream.next()).value?.state).toBe('PENDING');
    const closed = new Promise((resolve) => subscriber.once('close', resolve));
    const back = new Promise((resolve) => subscriber.once('ready', resolve));
    subscriber.disconnect(true);
    await closed;
    // Its final event lost while away: only a read can tell.
    expect(await store.revoke(task, 'revoked while away')).toBe('revoked');
    await back;
    expect((await stream.next()).value).toMatchObject({ state: 'REVOKED', error: { message: 'revoked while away' } });
    expect(reads).toBe(3);
    expect((await stream.next()).done).toBe(true);
  });

  it('takes a final state the store holds with no event out, after its subscription connection was lost (a failover lost its mark)', async () => {
    const task = await newTask();
    const stream = (await watchTask(services, task.id))[Symbol.asyncIterator]();
    expect((await stream.next()).value?.state).toBe('PENDING');
    const closed = new Promise((resolve) => subscriber.once('close', resolve));
    subscriber.disconnect(); // down until connect() below
    await closed;
    // Its mark lost; a worker finishes it and, the task unwatched, publishes nothing (seq stays 0).
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
    const back = new Promise((resolve) => subscriber.once('ready', resolve));
    await subscriber.connect();
    await back;
    expect((await stream.next()).value).toMatchObject({ state: 'SUCCESS', result: 'done', seq: 0 });
    expect((await stream.next()).done).toBe(true);
  });

  it('maps every BullMQ state a task can be in', async () => {
    const queue = new Queue('default', { connection: command, prefix });
    try {
      const pending = await newTask();
      const scheduled = await store.enqueue(registry.get('noop')!, {}, { delayMs: 60_000 });
      expect((await store.read(pending.id))?.state).toBe('PENDING');
      expect((await store.read(scheduled.id))?.state).toBe('SCHEDULED');
      const job = await queue.getJob(scheduled.id);
      await job?.promote();
      expect((await store.read(scheduled.id))?.state).toBe('PENDING');
      await job?.remove();
      expect(await store.read(scheduled.id)).toBeNull();
    } finally {
      await queue.close();
    }
  });
});
