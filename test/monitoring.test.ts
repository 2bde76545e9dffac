import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchFeed, type FeedItem, SLOW_CLIENT_BYTES } from '../src/resolvers/task-events.ts';
import { listWorkers } from '../src/resolvers/workers.ts';
import { TaskEventPublisher } from '../src/pubsub/task-event-publisher.ts';
import {
  CleanQueue,
  DrainQueue,
  GetStats,
  GetTask,
  ListTasks,
  PauseQueue,
  ResumeQueue,
  RunTask,
  TaskEvents,
  TaskUpdated,
  Workers,
} from './support/documents.ts';
import { collect, Harness } from './support/taskql.ts';
import type { Client } from 'graphql-ws';
import { print } from 'graphql';
import { MAX_SERIES } from '../src/server/graphql-metrics.ts';

/**
 * Subscribes to taskEvents and resolves once events flow: it runs `warmUp` tasks (which must
 * match the filter) until one created after the subscription shows up.
 */
async function feed(
  taskql: Harness,
  client: Client,
  filter?: { state?: string; name?: string },
  warmUp: { name: string; input: unknown } = { name: 'noop', input: 'warm-up' },
) {
  const events: FeedItem[] = [];
  const waiters: (() => void)[] = [];
  const stop = client.subscribe(
    { query: print(TaskEvents), variables: { filter } },
    {
      next: ({ data }) => {
        events.push((data as { taskEvents: FeedItem }).taskEvents);
        for (const wake of waiters.splice(0)) wake();
      },
      error: () => {},
      complete: () => {},
    },
  );
  const next = () => new Promise<void>((wake) => waiters.push(wake));
  for (;;) {
    const { runTask } = await taskql.data(RunTask, warmUp);
    // Either its events arrive, or it finishes unseen (the subscription was not live yet).
    await collect(client, TaskUpdated, { id: runTask.id });
    if (events.some((event) => event.id === runTask.id)) break;
  }
  const until = async (done: (all: FeedItem[]) => boolean) => {
    while (!done(events)) await next();
  };
  return { events, until, stop };
}

describe('task lists', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
  });
  afterAll(() => taskql.stop());

  it('pages through tasks newest first, with stable cursors while new tasks arrive', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await taskql.data(RunTask, { name: 'sleep', input: { ms: i } })).runTask.id);
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 10; page++) {
      const { tasks } = await taskql.data(ListTasks, { filter: { name: 'sleep' }, first: 10, after });
      seen.push(...tasks.edges.map((edge) => edge.node.id));
      // Newer tasks must not shift what the next page holds.
      await taskql.data(RunTask, { name: 'sleep', input: { ms: 999 } });
      if (!tasks.pageInfo.hasNextPage) break;
      after = tasks.pageInfo.endCursor;
    }
    expect(seen.slice(0, 25)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by type, state and creation time', async () => {
    const before = new Date().toISOString();
    const divide = await taskql.data(RunTask, { name: 'divide', input: { x: 1, y: 1 } });
    const scheduled = await taskql.data(RunTask, { name: 'divide', input: { x: 2, y: 1 }, options: { delayMs: 3_600_000 } });
    const { tasks: byName } = await taskql.data(ListTasks, { filter: { name: 'divide', createdAfter: before } });
    expect(byName.edges.map((e) => e.node.id)).toEqual([scheduled.runTask.id, divide.runTask.id]);
    const { tasks: byState } = await taskql.data(ListTasks, { filter: { state: 'SCHEDULED', createdAfter: before } });
    expect(byState.edges.map((e) => e.node.id)).toEqual([scheduled.runTask.id]);
    const { tasks: none } = await taskql.data(ListTasks, { filter: { createdBefore: '2001-01-01T00:00:00Z' } });
    expect(none.edges).toEqual([]);
    expect(none.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a bad page size or cursor with BAD_USER_INPUT', async () => {
    expect((await taskql.request(ListTasks, { first: 0 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await taskql.request(ListTasks, { first: 1000 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await taskql.request(ListTasks, { after: 'not-a-cursor' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('workers and stats', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
  });
  afterAll(() => taskql.stop());

  it('lists each worker with what it does, and records which worker ran a task', async () => {
    await taskql.startWorker({ concurrency: 3, heartbeatMs: 50 });
    const { runTask } = await taskql.data(RunTask, { name: 'noop', input: 'who ran me?' });
    await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });

    const { workers } = await taskql.data(Workers);
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatchObject({ pid: process.pid, queues: ['default', 'email'], concurrency: 3, online: true });
    const { task } = await taskql.data(GetTask, { id: runTask.id });
    expect(task?.worker).toBe(workers[0]!.id);
  });

  it('shows a silent worker offline, then drops it', async () => {
    const { workers } = await taskql.data(Workers);
    const lastSeen = Date.parse(workers[0]!.lastSeenAt);
    const services = taskql.api.services;
    expect((await listWorkers(services, lastSeen + 31_000))[0]?.online).toBe(false);
    expect(await listWorkers(services, lastSeen + 11 * 60_000)).toEqual([]);
  });

  it('counts finished tasks per type and window, failure rate and runtimes, live tasks and queue depth', async () => {
    const client = taskql.wsClient();
    for (const y of [1, 2, 0]) {
      const { runTask } = await taskql.data(RunTask, { name: 'divide', input: { x: 1, y, delayMs: 0 } });
      await collect(client, TaskUpdated, { id: runTask.id });
    }
    await taskql.data(RunTask, { name: 'sleep', input: { ms: 1 }, options: { delayMs: 3_600_000 } });
    const { stats } = await taskql.data(GetStats);
    const divide = stats.types.find((type) => type.name === 'divide')!;
    expect(divide.succeeded.last15m).toBe(2);
    expect(divide.failed.last15m).toBe(1);
    expect(divide.failureRate).toBeCloseTo(1 / 3);
    expect(divide.runtimeMs?.samples).toBe(3);
    expect(stats.total.succeeded.last15m).toBeGreaterThanOrEqual(3); // the earlier noop too
    expect(stats.total.live.scheduled).toBe(1);
    expect(stats.types.map((t) => t.name)).not.toContain('collectResults');
    expect(stats.queues.find((q) => q.name === 'default')).toMatchObject({ paused: false, depth: 0 });
  });
});

describe('queue control', () => {
  it('pauses and resumes a queue, drains waiting tasks and cleans finished ones', async () => {
    const taskql = await Harness.start();
    try {
      expect((await taskql.data(PauseQueue, { name: 'default' })).pauseQueue).toEqual({ name: 'default', paused: true });
      const { runTask } = await taskql.data(RunTask, { name: 'noop', input: 'after resume' });
      const { stats } = await taskql.data(GetStats);
      expect(stats.queues.find((q) => q.name === 'default')).toMatchObject({ paused: true, depth: 1 });
      expect((await taskql.data(GetTask, { id: runTask.id })).task?.state).toBe('PENDING');

      await taskql.data(ResumeQueue, { name: 'default' });
      const done = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
      expect(done.values.at(-1)?.taskUpdated.state).toBe('SUCCESS');

      await taskql.data(PauseQueue, { name: 'default' });
      for (let i = 0; i < 3; i++) await taskql.data(RunTask, { name: 'noop' });
      expect((await taskql.data(DrainQueue, { name: 'default' })).drainQueue).toBe(3);
      expect((await taskql.data(GetStats)).stats.queues.find((q) => q.name === 'default')?.depth).toBe(0);
      await taskql.data(ResumeQueue, { name: 'default' });

      expect((await taskql.data(CleanQueue, { name: 'default', olderThanMs: 0 })).cleanQueue).toBeGreaterThanOrEqual(1);
      expect((await taskql.data(GetTask, { id: runTask.id })).task).toBeNull();
      expect((await taskql.request(PauseQueue, { name: 'nope' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await taskql.stop();
    }
  });
});

describe('the live feed (taskEvents)', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start();
  });
  afterAll(() => taskql.stop());

  it('sends every change of every task: created, started, progress, finished', async () => {
    const client = taskql.wsClient();
    const all = await feed(taskql, client);
    const { runTask } = await taskql.data(RunTask, { name: 'divide', input: { x: 6, y: 3, delayMs: 20 } });
    await all.until((events) => events.some((e) => e.id === runTask.id && e.state === 'SUCCESS'));
    const mine = all.events.filter((e) => e.id === runTask.id);
    expect(mine[0]).toMatchObject({ name: 'divide', state: 'PENDING' });
    expect(mine.map((e) => e.progress?.percent ?? null).filter((p) => p !== null)).toEqual([25, 50, 75, 100]);
    expect(mine.at(-1)).toMatchObject({ state: 'SUCCESS', result: 2 });
    all.stop();
  });

  it('filters by type and state; progress of a STARTED task passes a STARTED filter', async () => {
    const client = taskql.wsClient();
    const all = await feed(taskql, client);
    const started = await feed(taskql, client, { state: 'STARTED', name: 'processData' }, { name: 'processData', input: { data: 'warm-up', steps: 1, stepMs: 0 } });
    const { runTask } = await taskql.data(RunTask, { name: 'processData', input: { data: 'x', steps: 3, stepMs: 5 } });
    await taskql.data(RunTask, { name: 'noop', input: 'not me' });
    await all.until((events) => events.some((e) => e.id === runTask.id && e.state === 'SUCCESS'));
    await started.until((events) => events.filter((e) => e.id === runTask.id && e.progress).length === 3);
    expect(started.events.every((e) => e.name === 'processData' && e.state === 'STARTED')).toBe(true);
    const mine = started.events.filter((e) => e.id === runTask.id);
    expect(mine.map((e) => e.progress?.percent ?? null).filter((p) => p !== null).map(Math.round)).toEqual([33, 67, 100]);
    all.stop();
    started.stop();
  });

  it('coalesces per task for a slow client instead of buffering every event', async () => {
    const { services, redis } = taskql.api;
    // A client whose socket has more queued than the limit is slow; it reads all the time, as
    // graphql-ws does.
    const transport = { bufferedAmount: SLOW_CLIENT_BYTES + 1 };
    const slowStream = (await watchFeed(services, {}, transport))[Symbol.asyncIterator]();
    const witness = (await watchFeed(services, {}))[Symbol.asyncIterator]();
    const { runTask } = await taskql.data(RunTask, { name: 'sleep', input: { ms: 1 }, options: { delayMs: 3_600_000 } });
    const received: FeedItem[] = [];
    const reading = (async () => {
      while (received.at(-1)?.progress?.percent !== 100) {
        const item = (await slowStream.next()).value as FeedItem;
        if (item.id === runTask.id) received.push(item);
      }
    })();

    const publisher = new TaskEventPublisher(redis, taskql.prefix);
    const address = { jobKey: taskql.queue().toKey(runTask.id), id: runTask.id, name: 'sleep', queue: 'default' };
    for (let percent = 1; percent <= 100; percent++) await publisher.publish(address, { state: 'STARTED', progress: { percent } });
    const sentinel = await taskql.data(RunTask, { name: 'noop', input: 'sentinel' });
    for (;;) if (((await witness.next()).value as FeedItem).id === sentinel.runTask.id) break;
    expect(received).toEqual([]); // nothing sent while the client was slow

    transport.bufferedAmount = 0; // the client caught up
    await reading;
    // One event for 101 changes, with the task's latest state.
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ state: 'STARTED', progress: { percent: 100 } });
    await Promise.all([slowStream.return?.(), witness.return?.()]);
  });
});

describe('/metrics', () => {
  it('serves Prometheus metrics of tasks, queues, workers and GraphQL operations', async () => {
    const taskql = await Harness.start();
    try {
      const { runTask } = await taskql.data(RunTask, { name: 'divide', input: { x: 1, y: 1, delayMs: 0 } });
      await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
      await taskql.data(RunTask, { name: 'sleep', input: { ms: 1 }, options: { delayMs: 3_600_000 } });
      const response = await fetch(new URL('/metrics', taskql.url));
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toMatch(/^taskql_tasks_finished_total\{name="divide",state="SUCCESS"\} 1$/m);
      expect(text).toMatch(/^taskql_task_runtime_seconds_count\{name="divide"\} 1$/m);
      expect(text).toMatch(/^taskql_tasks\{name="sleep",state="SCHEDULED"\} 1$/m);
      expect(text).toMatch(/^taskql_queue_depth\{queue="default"\} 0$/m);
      expect(text).toMatch(/^taskql_workers_online 1$/m);
      expect(text).toMatch(/^graphql_envelop_request_duration_count\{operationName="RunTask",operationType="mutation"\} 2$/m);
    } finally {
      await taskql.stop();
    }
  });

  it('counts each failed GraphQL request once, by phase, and each executed one by its selected operation', async () => {
    const taskql = await Harness.start();
    try {
      const post = (body: unknown) =>
        fetch(taskql.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((response) => response.json());
      // The same unparsable document twice: both are failures a dashboard should see.
      await post({ query: 'query Broken {' });
      await post({ query: 'query Broken {' });
      await post({ query: 'query Unknown { nope }' });
      await post({ query: 'mutation Cancel { cancelTask(id: "no-such-task") { id } }' });
      await post({ query: 'query A { __typename } mutation B { __typename }', operationName: 'B' });
      const text = await (await fetch(new URL('/metrics', taskql.url))).text();
      const lines = text.split('\n').filter((line) => line.startsWith('graphql_envelop_error_result{'));
      expect(lines.sort()).toEqual([
        'graphql_envelop_error_result{operationName="Cancel",operationType="mutation",phase="execute",path="cancelTask"} 1',
        'graphql_envelop_error_result{operationName="Unknown",operationType="query",phase="validate"} 1',
        'graphql_envelop_error_result{phase="parse"} 2',
      ]);
      expect(text).toMatch(/^graphql_envelop_request\{operationName="B",operationType="mutation"\} 1$/m);
      expect(text).toMatch(/^graphql_envelop_request_duration_bucket\{le="\+Inf",operationName="Cancel",operationType="mutation"\} 1$/m);
      expect(text).toMatch(/^graphql_envelop_request_duration_count\{operationName="Cancel",operationType="mutation"\} 1$/m);
    } finally {
      await taskql.stop();
    }
  });

  it('takes operation names from the documents, not from what a client calls them', async () => {
    const taskql = await Harness.start({ worker: false });
    try {
      const client = taskql.wsClient();
      const refused = (operationName: string) =>
        new Promise<unknown>((resolve) => {
          client.subscribe({ query: 'query Unknown { nope }', operationName }, { next: () => {}, error: resolve, complete: () => resolve(undefined) });
        });
      for (const name of ['made-up-1', 'made-up-2', 'made-up-3']) expect(await refused(name)).toBeDefined();
      const text = await (await fetch(new URL('/metrics', taskql.url))).text();
      expect(text).not.toContain('made-up');
      expect(text).toMatch(/^graphql_envelop_error_result\{operationName="Anonymous",operationType="query",phase="validate"\} 3$/m);
    } finally {
      await taskql.stop();
    }
  });

  it(`keeps at most ${MAX_SERIES} operations apart, and counts the rest as "(other)"`, async () => {
    const taskql = await Harness.start({ worker: false });
    try {
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next <= MAX_SERIES) {
            const i = next++;
            await fetch(taskql.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `query Op${i} { __typename }` }) });
          }
        }),
      );
      const text = await (await fetch(new URL('/metrics', taskql.url))).text();
      const series = text.split('\n').filter((line) => line.startsWith('graphql_envelop_request{'));
      expect(series).toHaveLength(MAX_SERIES + 1);
      expect(series).toContain('graphql_envelop_request{operationName="(other)",operationType="query"} 1');
    } finally {
      await taskql.stop();
    }
  });
});
