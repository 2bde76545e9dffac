import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FEED_WATCH_MS, FeedWatch } from '../src/pubsub/feed-watch.ts';
import { taskqlKeys } from '../src/queue/keys.ts';
import { topics } from '../src/queue/topics.ts';
import { closeRedis, type RedisClient } from '../src/redis/connections.ts';
import { channelsOf } from '../src/redis/pubsub.ts';
import { watchFeed } from '../src/resolvers/task-events.ts';
import { createServices } from '../src/server/services.ts';
import { defineTask, TaskRegistry, taskTypes } from '../src/tasks/index.ts';
import { GetTask, RetryTask, RunTask, SearchTasks, StatsHistory, TaskEvents, TaskStory, TaskUpdated } from './support/documents.ts';
import { collect, Harness, log, testRedis, uniquePrefix } from './support/taskql.ts';
import { failsOnce } from './support/test-tasks.ts';

/** A gate a task waits at: `reached` once its handler runs, and it returns once `open` is called. */
function gate() {
  let open!: () => void;
  let enter!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (enter = resolve));
  return { open, opened, enter, reached };
}
let current = gate();

const gated = defineTask({
  name: 'gated',
  description: 'Runs until the test opens its gate.',
  input: z.object({}),
  async run() {
    current.enter();
    await current.opened;
    return 'through';
  },
});

const registry = new TaskRegistry([...taskTypes, gated, failsOnce]);

/**
 * A short task's worker publishes its final event only when someone watches it: a task
 * subscriber, or the live feed (the feed's own tests cover that one). These tests hold its STARTED
 * back (a minute), so nothing of a task goes out unless its final event does.
 */
describe('a short task nobody watches', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry, worker: false });
  });
  afterAll(() => taskql.stop());

  it('reaches a subscriber who came while it ran, before anything of it went out', async () => {
    current = gate();
    const worker = await taskql.startWorker({ startedEventDelayMs: 60_000 });
    try {
      const { runTask } = await taskql.data(RunTask, { name: 'gated', input: {} });
      await current.reached;
      let snapshot!: (state: string) => void;
      const first = new Promise<string>((resolve) => (snapshot = resolve));
      const collected = collect(taskql.wsClient(), TaskUpdated, { id: runTask.id }, (data, index) => index === 0 && snapshot(data.taskUpdated.state));
      expect(await first).toBe('STARTED');
      current.open();
      // The subscription ends: its final state came.
      const { values } = await collected;
      expect(values.at(-1)!.taskUpdated).toMatchObject({ state: 'SUCCESS', result: 'through' });
      expect(values.at(-1)!.taskUpdated.worker).not.toBeNull();
    } finally {
      current.open();
      await worker.stop();
    }
  });

  it('is stored and counted all the same: its result, its worker, its story, its stats and its runtime', async () => {
    const unwatched = [];
    for (const n of [1, 2, 3]) unwatched.push((await taskql.data(RunTask, { name: 'noop', input: { n } })).runTask.id);
    // One more, watched from before it runs; with one task at a time, it runs last.
    const { runTask: last } = await taskql.data(RunTask, { name: 'noop', input: { n: 4 } });
    let subscribed!: () => void;
    const watching = new Promise<void>((resolve) => (subscribed = resolve));
    const collected = collect(taskql.wsClient(), TaskUpdated, { id: last.id }, () => subscribed());
    await watching;
    const worker = await taskql.startWorker({ concurrency: 1, startedEventDelayMs: 60_000 });
    expect((await collected).values.at(-1)!.taskUpdated.state).toBe('SUCCESS');
    // Stopped once the events of the tasks it ran are in Redis.
    await worker.stop();

    for (const id of unwatched) {
      const { task } = await taskql.data(GetTask, { id });
      expect(task).toMatchObject({ state: 'SUCCESS', attempts: 1 });
      expect(task!.worker).not.toBeNull();
      const story = (await taskql.data(TaskStory, { id })).task!.timeline;
      expect(story.map((entry) => entry.state)).toEqual(['PENDING', 'STARTED', 'SUCCESS']);
      expect(story.slice(1).every((entry) => entry.worker === task!.worker)).toBe(true);
    }
    const { history } = (await taskql.data(StatsHistory, { window: 'HOUR', name: 'noop' })).stats;
    const total = (field: 'succeeded' | 'runtimeSamples') => history.buckets.reduce((sum, bucket) => sum + bucket[field], 0);
    expect(total('succeeded')).toBe(4);
    expect(total('runtimeSamples')).toBe(4);
    const { tasks } = await taskql.data(SearchTasks, { filter: { name: 'noop' }, order: 'LONGEST_FIRST', first: 10 });
    expect(tasks.nodes.map((node) => node.id).sort()).toEqual([...unwatched, last.id].sort());
  });

  /** No live feed is watched (the feed test gives its word back): else every task is published. */
  const noFeedWatched = async () => {
    const redis = await testRedis('command');
    try {
      expect(await redis.exists(taskqlKeys(taskql.prefix).feedWatched)).toBe(0);
    } finally {
      await closeRedis(redis);
    }
  };

  it('names the worker of its new run after retryTask, not the one of its first life', async () => {
    await noFeedWatched();
    /** With one task at a time: the tasks queued before a watched no-op have ended once it has. */
    const afterAllQueued = async () => {
      const { runTask: barrier } = await taskql.data(RunTask, { name: 'noop', input: 'barrier' });
      await collect(taskql.wsClient(), TaskUpdated, { id: barrier.id });
    };
    const first = await taskql.startWorker({ concurrency: 1, startedEventDelayMs: 60_000 });
    const { runTask } = await taskql.data(RunTask, { name: 'failsOnce', input: { token: 'retried unwatched' }, options: { attempts: 1 } });
    await afterAllQueued();
    await first.stop();
    const { task: failed } = await taskql.data(GetTask, { id: runTask.id });
    expect(failed).toMatchObject({ state: 'FAILURE' });
    expect(failed!.worker).not.toBeNull();

    await taskql.data(RetryTask, { id: runTask.id });
    const second = await taskql.startWorker({ concurrency: 1, startedEventDelayMs: 60_000 });
    await afterAllQueued();
    await second.stop();
    const { task } = await taskql.data(GetTask, { id: runTask.id });
    expect(task).toMatchObject({ state: 'SUCCESS', result: 'second run worked', attempts: 1 });
    expect(task!.worker).not.toBeNull();
    expect(task!.worker).not.toBe(failed!.worker);
  });

  it('is published all the same while no API that marks what its subscribers read has run (an older API fleet)', async () => {
    await noFeedWatched();
    const redis = await testRedis('command');
    const subscriber = await testRedis('subscriber');
    const marks = taskqlKeys(taskql.prefix).watchMarks;
    await redis.del(marks);
    try {
      const { runTask } = await taskql.data(RunTask, { name: 'noop', input: 'read by an older API' });
      // An older API listens to the task's channel and reads it, marking nothing.
      const channels = channelsOf(subscriber);
      const heard = new Promise<string>((resolve) => channels.onMessage((_channel, message) => resolve(message)));
      await channels.subscribe(topics.taskUpdated(taskql.prefix, runTask.id));
      const worker = await taskql.startWorker({ startedEventDelayMs: 60_000 });
      expect(JSON.parse(await heard)).toMatchObject({ state: 'STARTED' });
      await worker.stop();
    } finally {
      await redis.set(marks, '1');
      await Promise.all([closeRedis(redis), closeRedis(subscriber)]);
    }
  });

  it('reaches live-feed subscribers: while one follows taskEvents, its final event is published there', async () => {
    const worker = await taskql.startWorker({ startedEventDelayMs: 60_000 });
    const client = taskql.wsClient();
    const seen: { id: string; state: string }[] = [];
    let wake = () => {};
    const stop = client.subscribe(
      { query: print(TaskEvents), variables: { filter: { name: 'noop', state: 'SUCCESS' } } },
      { next: ({ data }) => (seen.push((data as { taskEvents: { id: string; state: string } }).taskEvents), wake()), error: () => {}, complete: () => {} },
    );
    const until = async (id: string) => {
      while (!seen.some((event) => event.id === id)) await new Promise<void>((resolve) => (wake = resolve));
    };
    try {
      // Watched tasks until one shows up on the feed: the subscription is live, and the workers know it.
      for (;;) {
        const { runTask } = await taskql.data(RunTask, { name: 'noop', input: 'warm-up' });
        await collect(client, TaskUpdated, { id: runTask.id });
        if (seen.some((event) => event.id === runTask.id)) break;
      }
      const { runTask } = await taskql.data(RunTask, { name: 'noop', input: 'seen on the feed only' });
      await until(runTask.id);
      expect(seen.find((event) => event.id === runTask.id)).toMatchObject({ state: 'SUCCESS' });
    } finally {
      stop();
      await worker.stop();
    }
  });
});

describe("the workers' word that the live feed is watched", () => {
  const prefix = uniquePrefix();
  const key = taskqlKeys(prefix).feedWatched;
  let redis: RedisClient;
  beforeAll(async () => {
    redis = await testRedis('command');
  });
  afterAll(() => closeRedis(redis));

  it('holds while any API process has a feed subscriber, and is taken back when the last one leaves', async () => {
    const [one, other] = [new FeedWatch(redis, prefix), new FeedWatch(redis, prefix)];
    const first = await one.hold();
    const second = await one.hold();
    const elsewhere = await other.hold();
    expect(await redis.zcard(key)).toBe(2);
    await first();
    expect(await redis.zcard(key)).toBe(2);
    await second();
    expect(await redis.zcard(key)).toBe(1);
    await elsewhere();
    expect(await redis.exists(key)).toBe(0);
  });

  it('ends by itself when its API process is gone: it expires with the latest word', async () => {
    const release = await new FeedWatch(redis, prefix).hold();
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(FEED_WATCH_MS);
    await release();
  });

  it('is given back by a feed subscriber that leaves before its first event', async () => {
    const subscriber = await testRedis('subscriber');
    const services = createServices({ command: redis, subscriber, prefix, registry, log });
    try {
      const items = await watchFeed(services, {});
      expect(await redis.zcard(key)).toBe(1);
      // As graphql-ws does when the client goes while the subscription starts: return() before any next().
      await items[Symbol.asyncIterator]().return?.();
      // On the same connection, so answered after the hold's removal.
      expect(await redis.zcard(key)).toBe(0);
    } finally {
      await services.close();
      await closeRedis(subscriber);
    }
  });
});
