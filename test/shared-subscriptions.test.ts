import { print, type ExecutionResult } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskEventPublisher } from '../src/pubsub/task-event-publisher.ts';
import { topics } from '../src/queue/topics.ts';
import { channelsOf } from '../src/redis/pubsub.ts';
import { closeRedis, type RedisClient } from '../src/redis/connections.ts';
import { SharedSubscriptions } from '../src/server/shared-subscriptions.ts';
import { RunTask, StatsHistory, TaskUpdated } from './support/documents.ts';
import { Harness, testRedis } from './support/taskql.ts';

type Task = { state: string; progress: { percent: number } | null; result: unknown };

/** One graphql-ws subscription to a task, recording what it receives. */
class Watcher {
  readonly values: Task[] = [];
  errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined;
  readonly done: Promise<void>;
  unsubscribe: () => void = () => {};
  #changed: () => void = () => {};

  constructor(client: Client, id: string) {
    this.done = new Promise((resolve, reject) => {
      this.unsubscribe = client.subscribe<{ taskUpdated: Task }>(
        { query: print(TaskUpdated), variables: { id } },
        {
          next: (result) => {
            if (result.errors) this.errors = result.errors;
            else this.values.push(result.data!.taskUpdated);
            this.#changed();
          },
          error: (error) => {
            if (Array.isArray(error)) {
              this.errors = error as never;
              this.#changed();
              resolve();
            } else reject(error instanceof Error ? error : new Error(String(error)));
          },
          complete: () => resolve(),
        },
      );
    });
  }

  /** Resolves once a value (or an error) matching `check` has arrived. */
  async until(check: (watcher: this) => boolean): Promise<void> {
    while (!check(this)) await new Promise<void>((resolve) => (this.#changed = resolve));
  }

  get percents(): (number | null)[] {
    return this.values.map((task) => task.progress?.percent ?? null);
  }
}

describe('subscribers of one task share its updates', () => {
  let taskql: Harness;
  let publisher: TaskEventPublisher;
  let redis: RedisClient;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
    redis = await testRedis('command');
    publisher = new TaskEventPublisher(redis, taskql.prefix);
  });
  afterAll(async () => {
    await taskql.stop();
    await closeRedis(redis);
  });

  const newTask = async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'processData', input: { data: 'x' } });
    return { jobKey: taskql.queue().toKey(runTask.id), id: runTask.id, name: runTask.name, queue: runTask.queue };
  };

  it('gives each the snapshot, every change and the end; a late one starts from the state now', async () => {
    const task = await newTask();
    const [a, b] = [new Watcher(taskql.wsClient(), task.id), new Watcher(taskql.wsClient(), task.id)];
    await Promise.all([a.until((w) => w.values.length === 1), b.until((w) => w.values.length === 1)]);
    await publisher.publish(task, { state: 'STARTED', progress: { percent: 10 } });
    await a.until((w) => w.values.length === 2);
    b.unsubscribe(); // one leaving stops nothing for the others

    const joined = new Watcher(taskql.wsClient(), task.id);
    await joined.until((w) => w.values.length === 1);
    await publisher.publish(task, { progress: { percent: 50 } });
    await publisher.publish(task, { state: 'SUCCESS', result: 42 });
    await Promise.all([a.done, joined.done]);

    expect(a.values.map((t) => t.state)).toEqual(['PENDING', 'STARTED', 'STARTED', 'SUCCESS']);
    expect(a.percents).toEqual([null, 10, 50, 50]);
    expect(a.values.at(-1)?.result).toBe(42);
    expect(b.values.map((t) => t.state)[0]).toBe('PENDING');
    expect(joined.values.map((t) => t.state)).toEqual(['STARTED', 'STARTED', 'SUCCESS']);
    expect(joined.percents).toEqual([10, 50, 50]);
  });

  it('delivers the events of many tasks published at once, each task in order, past a task that is gone', async () => {
    const tasks = await Promise.all(Array.from({ length: 12 }, () => newTask()));
    const watchers = tasks.map((task) => new Watcher(taskql.wsClient(), task.id));
    await Promise.all(watchers.map((w) => w.until((x) => x.values.length === 1)));
    const gone = { ...tasks[0]!, id: 'no-such-task', jobKey: taskql.queue().toKey('no-such-task') };
    const counted = async () => {
      const { buckets } = (await taskql.data(StatsHistory, { window: 'HOUR', name: 'processData' })).stats.history;
      return { succeeded: buckets.reduce((n, b) => n + b.succeeded, 0), runtimeSamples: buckets.reduce((n, b) => n + b.runtimeSamples, 0) };
    };
    const before = await counted();
    // 37 events in one pass: the publisher sends them in several calls, the gone task's among them.
    const published = tasks.flatMap((task, i) => [
      publisher.publish(task, { state: 'STARTED', progress: { percent: 10 } }),
      ...(i === 5 ? [publisher.publish(gone, { state: 'SUCCESS', result: 0 }, { runtimeMs: 5 })] : []),
      publisher.publish(task, { progress: { percent: 50 } }),
      publisher.publish(task, { state: 'SUCCESS', result: i }, { runtimeMs: 1 + i }),
    ]);
    await Promise.all(published);
    await Promise.all(watchers.map((w) => w.done));

    watchers.forEach((w, i) => {
      expect(w.values.map((t) => t.state)).toEqual(['PENDING', 'STARTED', 'STARTED', 'SUCCESS']);
      expect(w.percents).toEqual([null, 10, 50, 50]);
      expect(w.values.at(-1)?.result).toBe(i);
    });
    expect(await redis.exists(gone.jobKey)).toBe(0);
    // Counted once each, summed over the calls they went in; the gone task not at all.
    const after = await counted();
    expect(after.succeeded - before.succeeded).toBe(12);
    expect(after.runtimeSamples - before.runtimeSamples).toBe(12);
  });

  it('delivers every event of a pass to the feed and to each watched task, past the many no one listens to', async () => {
    const tasks = await Promise.all(Array.from({ length: 10 }, () => newTask()));
    const watchers = [tasks[4]!, tasks[9]!].map((task) => new Watcher(taskql.wsClient(), task.id));
    await Promise.all(watchers.map((w) => w.until((x) => x.values.length === 1)));
    // As a worker's pass: each task's STARTED folded into its final event, each in one Lua call.
    const pass = (some: typeof tasks) =>
      Promise.all(some.map((task, i) => publisher.publish(task, { state: 'SUCCESS', result: i }, { runtimeMs: 1, started: { state: 'STARTED', attempts: 1 } })));
    await pass(tasks.slice(0, 5)); // the feed has no subscriber yet

    const subscriber = await testRedis('subscriber');
    const feedChannel = topics.taskFeed(taskql.prefix);
    const feed: { id: string; state: string; seq: number }[] = [];
    let fed = () => {};
    const allFed = new Promise<void>((resolve) => (fed = resolve));
    const channels = channelsOf(subscriber);
    channels.onMessage((channel, message) => {
      if (channel === feedChannel && feed.push(JSON.parse(message) as (typeof feed)[number]) === 10) fed();
    });
    await channels.subscribe(feedChannel);
    await pass(tasks.slice(5));
    await Promise.all([allFed, ...watchers.map((w) => w.done)]);
    await closeRedis(subscriber);

    for (const watcher of watchers) expect(watcher.values.map((t) => t.state)).toEqual(['PENDING', 'STARTED', 'SUCCESS']);
    // Each task of the second pass twice, in order, numbered one after the other; the first pass's not at all.
    expect(feed.map(({ id, state }) => [id, state])).toEqual(tasks.slice(5).flatMap(({ id }) => [[id, 'STARTED'], [id, 'SUCCESS']]));
    expect(feed.map(({ seq }) => seq)).toEqual(tasks.slice(5).flatMap(() => [1, 2]));
  });

  it('starts afresh after the last subscriber left', async () => {
    const task = await newTask();
    const first = new Watcher(taskql.wsClient(), task.id);
    await first.until((w) => w.values.length === 1);
    first.unsubscribe();
    await first.done;
    await publisher.publish(task, { state: 'STARTED', progress: { percent: 30 } });

    const second = new Watcher(taskql.wsClient(), task.id);
    await second.until((w) => w.values.length === 1);
    expect(second.percents).toEqual([30]);
    second.unsubscribe();
  });
});

describe('subscribers with different tokens do not share', () => {
  const tokens = [
    { name: 'alice', token: 'alice-token-1234567', scopes: ['read' as const, 'run' as const] },
    { name: 'bob', token: 'bob-token-123456789', scopes: ['read' as const, 'run' as const] },
  ];
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false, tokens });
  });
  afterAll(() => taskql.stop());

  it("tells bob there is no such task while alice watches hers with the same subscription", async () => {
    const alice = taskql.as(tokens[0]!.token);
    const { runTask } = await alice.data(RunTask, { name: 'processData', input: { data: 'x' } });
    const watching = new Watcher(alice.wsClient(), runTask.id);
    await watching.until((w) => w.values.length === 1);

    const bob = new Watcher(taskql.as(tokens[1]!.token).wsClient(), runTask.id);
    await bob.done;
    expect(bob.values).toEqual([]);
    expect(bob.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    watching.unsubscribe();
  });
});

describe('SharedSubscriptions', () => {
  /** A source that yields what is pushed into it and records whether it was stopped. */
  function source() {
    const pushed: ExecutionResult[] = [];
    let wake: () => void = () => {};
    const state = { stopped: false, starts: 0 };
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        while (pushed.length === 0 && !state.stopped) await new Promise<void>((resolve) => (wake = resolve));
        return state.stopped ? { done: true, value: undefined } : { done: false, value: pushed.shift()! };
      },
      async return() {
        state.stopped = true;
        wake();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    const push = (data: unknown) => {
      pushed.push({ data: data as never });
      wake();
    };
    return { state, iterable: iterator, push };
  }

  it('runs one source for all subscribers of a key and stops it with the last', async () => {
    const shared = new SharedSubscriptions();
    const { state, iterable, push } = source();
    const start = () => (state.starts++, iterable);
    const [one, two] = (await Promise.all([shared.join('k', start), shared.join('k', start)])) as AsyncIterableIterator<ExecutionResult>[];
    push(1);
    expect((await one!.next()).value).toEqual({ data: 1 });
    expect((await two!.next()).value).toEqual({ data: 1 });
    expect(state.starts).toBe(1);
    await one!.return!();
    expect(shared.size).toBe(1);
    await two!.return!();
    expect(shared.size).toBe(0);
    expect(state.stopped).toBe(true);
  });

  it('answers every subscriber the error result of a source that does not start', async () => {
    const shared = new SharedSubscriptions();
    const refused = { errors: [{ message: 'No task with id "x"' }] } as unknown as ExecutionResult;
    const answers = await Promise.all([shared.join('k', async () => refused), shared.join('k', async () => refused)]);
    expect(answers).toEqual([refused, refused]);
    expect(shared.size).toBe(0);
  });
});
