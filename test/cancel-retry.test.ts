import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelTask, GetTask, RetryTask, RunTask, TaskUpdated } from './support/documents.ts';
import { TASKQL_FIELDS } from '../src/redis/fields.ts';
import { TaskqlProcess } from './support/process.ts';
import { collect, Harness, log, registry, testRedis } from './support/taskql.ts';
import { topics } from '../src/queue/topics.ts';
import { channelsOf } from '../src/redis/pubsub.ts';
import { TaskWorker } from '../src/worker/task-worker.ts';
import { TaskStore } from '../src/queue/task-store.ts';
import { closeRedis } from '../src/redis/connections.ts';
import { testRegistry } from './support/test-tasks.ts';

const REVOKED = { state: 'REVOKED', error: { name: 'RevokedError', message: 'Cancelled by cancelTask' } };

describe('cancelTask of a task that has not started', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry: testRegistry, worker: false });
  });
  afterAll(() => taskql.stop());

  it('revokes a PENDING task at once, takes it out of the queue, and ends its subscriptions', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'noop', input: { never: 'runs' } });
    const watching = collect(taskql.wsClient(), TaskUpdated, { id: runTask.id }, (_v, index) => {
      if (index === 0) void taskql.data(CancelTask, { id: runTask.id });
    });
    const { values } = await watching;
    expect(values.map((v) => v.taskUpdated.state)).toEqual(['PENDING', 'REVOKED']);
    expect(values.at(-1)?.taskUpdated).toMatchObject(REVOKED);

    const { task } = await taskql.data(GetTask, { id: runTask.id });
    expect(task).toMatchObject({ ...REVOKED, attempts: 0 });
    expect(task?.finishedAt).not.toBeNull();
    const queue = taskql.queue();
    expect((await queue.getWaitingCount()) + (await queue.getPrioritizedCount())).toBe(0);
  });

  it('revokes a SCHEDULED task', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'noop', options: { delayMs: 3_600_000 } });
    const { cancelTask } = await taskql.data(CancelTask, { id: runTask.id });
    expect(cancelTask).toMatchObject(REVOKED);
    expect(await taskql.queue().getDelayedCount()).toBe(0);
  });

  it('never runs a revoked task, even when a worker comes along', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'noop' });
    await taskql.data(CancelTask, { id: runTask.id });
    const witness = await taskql.data(RunTask, { name: 'noop' });
    const worker = await taskql.startWorker();
    await collect(taskql.wsClient(), TaskUpdated, { id: witness.runTask.id });
    await worker.stop();
    expect((await taskql.data(GetTask, { id: runTask.id })).task).toMatchObject({ state: 'REVOKED', attempts: 0 });
  });

  it('answers CONFLICT for a finished task and NOT_FOUND for an unknown one', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'noop' });
    await taskql.data(CancelTask, { id: runTask.id });
    const again = await taskql.request(CancelTask, { id: runTask.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toMatch(/already finished \(REVOKED\)/);
    const unknown = await taskql.request(CancelTask, { id: 'no-such-task' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('cancelTask of a running task', () => {
  it('revokes a task waiting for its next attempt (RETRY)', async () => {
    const taskql = await Harness.start({ registry: testRegistry });
    try {
      const { runTask } = await taskql.data(RunTask, {
        name: 'flaky',
        input: { failTimes: 5 },
        options: { attempts: 5, backoffMs: 3_600_000 },
      });
      await new Promise<void>((retrying) => {
        void collect(taskql.wsClient(), TaskUpdated, { id: runTask.id }, (v) => {
          if (v.taskUpdated.state === 'RETRY') retrying();
        });
      });
      const { cancelTask } = await taskql.data(CancelTask, { id: runTask.id });
      expect(cancelTask).toMatchObject({ ...REVOKED, attempts: 1 });
    } finally {
      await taskql.stop();
    }
  });

  it('aborts a STARTED task even when its handler ignores the signal', async () => {
    const taskql = await Harness.start({ registry: testRegistry, concurrency: 1 });
    try {
      const { runTask } = await taskql.data(RunTask, { name: 'stubborn', input: { ms: 60_000 } });
      const client = taskql.wsClient();
      await new Promise<void>((started) => {
        void collect(client, TaskUpdated, { id: runTask.id }, (v) => v.taskUpdated.state === 'STARTED' && started());
      });
      expect((await taskql.data(CancelTask, { id: runTask.id })).cancelTask).toMatchObject({ ...REVOKED, attempts: 1 });
      // Its slot is free again: with concurrency 1, the next task runs.
      const next = await taskql.data(RunTask, { name: 'noop', input: 'next' });
      expect((await collect(client, TaskUpdated, { id: next.runTask.id })).values.at(-1)?.taskUpdated.state).toBe('SUCCESS');
    } finally {
      await taskql.stop();
    }
  });

  it('revokes a task cancelled while no worker held it, as soon as a worker picks it up', async () => {
    // What a worker that died mid-task leaves behind once cancelTask has marked the task: the
    // mark, on a task that stall recovery puts back in the queue.
    const taskql = await Harness.start({ worker: false });
    try {
      const { runTask } = await taskql.data(RunTask, { name: 'noop', input: 'must not run' });
      const jobKey = taskql.queue().toKey(runTask.id);
      await taskql.api.redis.hset(jobKey, TASKQL_FIELDS.cancelRequested, '1');
      await taskql.startWorker();
      const { values } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
      expect(values.at(-1)?.taskUpdated).toMatchObject({ ...REVOKED, attempts: 1, result: null });
    } finally {
      await taskql.stop();
    }
  });

  it('revokes a running task whose cancel request came while its worker was cut off from pub/sub, once it is back', async () => {
    const taskql = await Harness.start({ worker: false });
    const [redis, subscriber, tap] = await Promise.all([testRedis('worker'), testRedis('subscriber'), testRedis('subscriber')]);
    const store = new TaskStore({ redis, prefix: taskql.prefix, queueNames: registry.queueNames(), log });
    const worker = new TaskWorker({ redis, subscriber, store, prefix: taskql.prefix, registry, log, concurrency: 1, shutdownGraceMs: 100 });
    try {
      // Sees the cancel request go out (the worker, cut off, will not).
      const channel = topics.cancelRequested(taskql.prefix);
      const tapped = channelsOf(tap);
      const requested = new Promise<void>((resolve) => tapped.onMessage((from) => from === channel && resolve()));
      await tapped.subscribe(channel);
      await worker.start();
      const { runTask } = await taskql.data(RunTask, { name: 'processData', input: { data: 'x', steps: 100, stepMs: 200 } });
      // Its first progress report is out (and its STARTED before it, whose answer would have told of a mark).
      await new Promise<void>((running) => void collect(taskql.wsClient(), TaskUpdated, { id: runTask.id }, (v) => v.taskUpdated.progress && running()));

      const closed = once(subscriber, 'close');
      subscriber.disconnect(); // down until connect() below
      await closed;
      const cancelled = taskql.data(CancelTask, { id: runTask.id });
      await requested;
      await subscriber.connect();
      expect(await cancelled).toMatchObject({ cancelTask: REVOKED });
    } finally {
      await worker.stop();
      await store.close();
      await Promise.all([redis, subscriber, tap].map(closeRedis));
      await taskql.stop();
    }
  });

  it('reaches the worker process running the task through Redis, and subscribers see REVOKED', async () => {
    const taskql = await Harness.start({ worker: false });
    const worker = TaskqlProcess.spawn('worker', taskql.env);
    try {
      await worker.waitForLog('worker started');
      const { runTask } = await taskql.data(RunTask, { name: 'processData', input: { data: 'x', steps: 100, stepMs: 200 } });
      let cancelled: Promise<unknown> | undefined;
      const { values } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id }, (v) => {
        if (v.taskUpdated.progress && !cancelled) cancelled = taskql.data(CancelTask, { id: runTask.id });
      });
      expect(await cancelled).toMatchObject({ cancelTask: REVOKED });
      expect(values.at(-1)?.taskUpdated).toMatchObject(REVOKED);
      expect(values.at(-1)?.taskUpdated.progress?.percent).toBeLessThan(100);
      expect(worker.child.exitCode).toBeNull();
    } finally {
      await worker.stop('SIGKILL');
      await taskql.stop();
    }
  });
});

describe('retryTask', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry: testRegistry });
  });
  afterAll(() => taskql.stop());

  const finish = async (id: string) => (await collect(taskql.wsClient(), TaskUpdated, { id })).values.at(-1)!.taskUpdated;

  it('runs a FAILURE task again under the same id, its attempts counted afresh', async () => {
    // Its own API, and a worker only while it should run: retryTask's answer is read before any
    // worker can take the task again (else a fast worker may have finished it already).
    const idle = await Harness.start({ registry: testRegistry, worker: false });
    try {
      const { runTask } = await idle.data(RunTask, { name: 'failsOnce', input: { token: randomUUID() } });
      const first = await idle.startWorker();
      const failed = (await collect(idle.wsClient(), TaskUpdated, { id: runTask.id })).values.at(-1)!.taskUpdated;
      expect(failed).toMatchObject({ state: 'FAILURE', attempts: 1 });
      await first.stop();

      const { retryTask } = await idle.data(RetryTask, { id: runTask.id });
      expect(retryTask).toMatchObject({ id: runTask.id, state: 'PENDING', error: null, result: null });
      await idle.startWorker();
      const again = (await collect(idle.wsClient(), TaskUpdated, { id: runTask.id })).values.at(-1)!.taskUpdated;
      expect(again).toMatchObject({ state: 'SUCCESS', attempts: 1, result: 'second run worked', error: null });
    } finally {
      await idle.stop();
    }
  });

  it('runs a REVOKED task again', async () => {
    const idle = await Harness.start({ worker: false });
    try {
      const { runTask } = await idle.data(RunTask, { name: 'noop', input: 'revived' });
      await idle.data(CancelTask, { id: runTask.id });
      const { retryTask } = await idle.data(RetryTask, { id: runTask.id });
      expect(retryTask).toMatchObject({ state: 'PENDING', error: null, attempts: 0 });
      await idle.startWorker();
      const { values } = await collect(idle.wsClient(), TaskUpdated, { id: runTask.id });
      expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: 'revived' });
    } finally {
      await idle.stop();
    }
  });

  it('leaves the new run alone when a second retry of the same run comes late (it lost the race)', async () => {
    const idle = await Harness.start({ worker: false });
    const redis = await testRedis('command');
    const store = new TaskStore({ redis, prefix: idle.prefix, queueNames: registry.queueNames() });
    try {
      const { runTask } = await idle.data(RunTask, { name: 'noop', input: 'once more' });
      await idle.data(CancelTask, { id: runTask.id });
      // What both retries read before either ran it again.
      const revoked = (await store.read(runTask.id))!;
      expect(revoked.state).toBe('REVOKED');
      expect(await store.retry(revoked)).toBe(true);
      // The new run is cancelled while a worker holds it: its cancel mark is on the task.
      const jobKey = store.queue(revoked.queue).toKey(revoked.id);
      await redis.hset(jobKey, TASKQL_FIELDS.cancelRequested, '1');

      expect(await store.retry(revoked)).toBe(false);
      expect(await redis.hget(jobKey, TASKQL_FIELDS.cancelRequested)).toBe('1');

      // The new run revoked in turn (failed again, as the late retry read it, but not that run).
      await idle.data(CancelTask, { id: runTask.id });
      expect(await store.retry(revoked)).toBe(false);
      const { task } = await idle.data(GetTask, { id: runTask.id });
      expect(task).toMatchObject({ state: 'REVOKED', error: { name: 'RevokedError' } });
    } finally {
      await store.close();
      await closeRedis(redis);
      await idle.stop();
    }
  });

  it('answers CONFLICT for a task that did not fail and NOT_FOUND for an unknown one', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'noop' });
    await finish(runTask.id);
    const succeeded = await taskql.request(RetryTask, { id: runTask.id });
    expect(succeeded.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(succeeded.errors?.[0]?.message).toMatch(/is SUCCESS; only a FAILURE or REVOKED task can be retried/);
    expect((await taskql.request(RetryTask, { id: 'no-such-task' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
