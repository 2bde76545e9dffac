import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../src/queue/topics.ts';
import { quantileOf, runtimeBucket, type RuntimeCounts } from '../src/queue/runtime-histogram.ts';
import { getHistory } from '../src/resolvers/stats-history.ts';
import { CancelTask, RunTask, StatsHistory, TaskEvents, TaskUpdated } from './support/documents.ts';
import { collect, Harness, subscriberCount } from './support/taskql.ts';
import { print } from 'graphql';

const sum = (buckets: readonly Record<string, unknown>[], field: string) => buckets.reduce((total, bucket) => total + Number(bucket[field] ?? 0), 0);
const finishedLines = (text: string) => text.split('\n').filter((line) => /^taskql_(tasks_finished_total|task_runtime_seconds)/.test(line));

describe('finished tasks, counted in Redis by the workers', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start();
    const client = taskql.wsClient();
    for (const y of [1, 2, 0]) {
      const { runTask } = await taskql.data(RunTask, { name: 'divide', input: { x: 1, y, delayMs: 0 } });
      await collect(client, TaskUpdated, { id: runTask.id });
    }
    const { runTask } = await taskql.data(RunTask, { name: 'sleep', input: { ms: 1 }, options: { delayMs: 3_600_000 } });
    await taskql.data(CancelTask, { id: runTask.id });
  });
  afterAll(() => taskql.stop());

  it('gives an hour of history per minute: throughput, failures, failure rate and runtime percentiles', async () => {
    const { stats } = await taskql.data(StatsHistory, { window: 'HOUR', name: 'divide' });
    const { history } = stats;
    expect(history).toMatchObject({ window: 'HOUR', bucketMinutes: 1 });
    expect(history.buckets).toHaveLength(60);
    const starts = history.buckets.map((bucket) => Date.parse(bucket.at));
    expect(starts.every((at, i) => i === 0 || at - starts[i - 1]! === 60_000)).toBe(true);
    expect(Date.now() - starts.at(-1)!).toBeLessThan(60_000);
    // The tasks may straddle a minute: the sums are exact whatever the split.
    expect(sum(history.buckets, 'succeeded')).toBe(2);
    expect(sum(history.buckets, 'failed')).toBe(1);
    expect(sum(history.buckets, 'runtimeSamples')).toBe(3);
    const busy = history.buckets.filter((bucket) => bucket.runtimeSamples > 0);
    for (const bucket of busy) {
      expect(bucket.failureRate).toBe(bucket.failed / (bucket.succeeded + bucket.failed));
      expect(bucket.runtimeP50Ms).toBeGreaterThanOrEqual(0);
      expect(bucket.runtimeP95Ms).toBeGreaterThanOrEqual(bucket.runtimeP50Ms!);
    }
    const quiet = history.buckets.filter((bucket) => bucket.runtimeSamples === 0);
    expect(quiet.every((bucket) => bucket.failureRate === null && bucket.runtimeP50Ms === null)).toBe(true);
  });

  it('gives a day in 5-minute buckets, or any width; all types but internal ones without a name', async () => {
    const day = (await taskql.data(StatsHistory, { window: 'DAY' })).stats.history;
    expect(day.bucketMinutes).toBe(5);
    expect(day.buckets).toHaveLength(288);
    expect(sum(day.buckets, 'succeeded')).toBe(2);
    expect(sum(day.buckets, 'failed')).toBe(1);
    expect(sum(day.buckets, 'revoked')).toBe(1); // the cancelled sleep, which never ran
    expect(sum(day.buckets, 'runtimeSamples')).toBe(3);
    const hourly = (await taskql.data(StatsHistory, { window: 'DAY', bucketMinutes: 60 })).stats.history;
    expect(hourly.buckets).toHaveLength(24);
    expect(sum(hourly.buckets, 'succeeded')).toBe(2);
  });

  it('moves with time: an hour later, the tasks have left the hour but not the day', async () => {
    const later = Date.now() + 61 * 60_000;
    const services = taskql.api.services;
    expect(sum((await getHistory(services, { window: 'HOUR' }, later)).buckets as never, 'succeeded')).toBe(0);
    expect(sum((await getHistory(services, { window: 'DAY' }, later)).buckets as never, 'succeeded')).toBe(2);
  });

  it('refuses an unknown task type or a bucket width that does not fit the window', async () => {
    for (const variables of [
      { window: 'HOUR' as const, name: 'nope' },
      { window: 'HOUR' as const, bucketMinutes: 0 },
      { window: 'HOUR' as const, bucketMinutes: 61 },
    ]) {
      const { errors } = await taskql.request(StatsHistory, variables);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('serves exact totals on /metrics from any API process, even one started after the tasks finished', async () => {
    const late = await Harness.start({ prefix: taskql.prefix, worker: false });
    try {
      const [first = [], second] = await Promise.all(
        [taskql.url, late.url].map(async (url) => finishedLines(await (await fetch(new URL('/metrics', url))).text())),
      );
      expect(second).toEqual(first);
      expect(first).toContain('taskql_tasks_finished_total{name="divide",state="SUCCESS"} 2');
      expect(first).toContain('taskql_tasks_finished_total{name="divide",state="FAILURE"} 1');
      expect(first).toContain('taskql_tasks_finished_total{name="sleep",state="REVOKED"} 1');
      expect(first).toContain('taskql_task_runtime_seconds_count{name="divide"} 3');
      expect(first).toContain('taskql_task_runtime_seconds_bucket{le="+Inf",name="divide"} 3');
      expect(first.find((line) => line.startsWith('taskql_task_runtime_seconds_bucket{le="300",name="divide"}'))).toMatch(/ 3$/);
    } finally {
      await late.stop();
    }
  });

  it('keeps no API process on the live feed while nobody watches it; taskEvents takes it and gives it back', async () => {
    const { redis } = taskql.api;
    const channel = topics.taskFeed(taskql.prefix);
    const listeners = () => subscriberCount(redis, channel);
    expect(await listeners()).toBe(0);
    const client = taskql.wsClient();
    let events = 0;
    const stop = client.subscribe({ query: print(TaskEvents), variables: {} }, { next: () => void events++, error: () => {}, complete: () => {} });
    // Its events flow (a task run until one shows up: the subscription starts asynchronously).
    while (events === 0) {
      const { runTask } = await taskql.data(RunTask, { name: 'noop', input: 'seen?' });
      await collect(client, TaskUpdated, { id: runTask.id });
    }
    expect(await listeners()).toBe(1);
    stop();
    await expect.poll(listeners).toBe(0);
  });
});

describe('runtime buckets', () => {
  it('puts a runtime in the bucket of the smallest bound at or above it', () => {
    expect([0, 1, 1.2, 7, 9, 61_000, 2_000_000].map(runtimeBucket)).toEqual(['1', '1', '1.5', '8', '10', '80000', 'inf']);
  });

  it('reads percentiles within the bucket spacing (1.5x) of the true ones', () => {
    const counts: RuntimeCounts = new Map();
    const runtimes = Array.from({ length: 1000 }, (_, i) => 1 + i * 3); // 1 .. 2998 ms
    for (const ms of runtimes) counts.set(runtimeBucket(ms), (counts.get(runtimeBucket(ms)) ?? 0) + 1);
    for (const q of [0.5, 0.95]) {
      const truth = runtimes[Math.ceil(q * runtimes.length) - 1]!;
      const read = quantileOf(counts, q)!;
      expect(read / truth).toBeGreaterThan(1 / 1.5);
      expect(read / truth).toBeLessThan(1.5);
    }
    expect(quantileOf(new Map(), 0.5)).toBeNull();
  });
});
