import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetTask, GetTaskLogs, RunTask, TaskUpdated } from './support/documents.ts';
import { collect, Harness } from './support/taskql.ts';
import { testRegistry } from './support/test-tasks.ts';

type Update = { state: string; attempts: number; error?: { name: string; message: string } | null };

describe('retries and time limits', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry: testRegistry, concurrency: 1 });
  });
  afterAll(() => taskql.stop());

  const watch = async (id: string): Promise<Update[]> =>
    (await collect(taskql.wsClient(), TaskUpdated, { id })).values.map((v) => v.taskUpdated);

  it('retries as often as options.attempts says, RETRY in between with attempts counting up', async () => {
    // No worker yet, so the subscriber is there before the first attempt.
    const idle = await Harness.start({ registry: testRegistry, worker: false });
    const { runTask } = await idle.data(RunTask, { name: 'flaky', input: { failTimes: 2 }, options: { attempts: 3, backoffMs: 5 } });
    const watching = collect(idle.wsClient(), TaskUpdated, { id: runTask.id }, (_v, index) => {
      if (index === 0) void idle.startWorker();
    });
    const updates = (await watching).values.map((v) => v.taskUpdated);
    await idle.stop();
    expect(updates.filter((u) => u.state === 'RETRY').map((u) => [u.attempts, u.error?.message])).toEqual([
      [1, 'flaky failure (attempt 1)'],
      [2, 'flaky failure (attempt 2)'],
    ]);
    expect(updates.at(-1)).toMatchObject({ state: 'SUCCESS', attempts: 3, error: null });
    const states = updates.map((u) => u.state).filter((s, i, all) => s !== all[i - 1]);
    expect(states.slice(states.indexOf('STARTED'))).toEqual(['STARTED', 'RETRY', 'STARTED', 'RETRY', 'STARTED', 'SUCCESS']);
  });

  it("keeps the last attempt's error name and message in the final FAILURE", async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'flaky', input: { failTimes: 9 }, options: { attempts: 2, backoffMs: 5 } });
    expect((await watch(runTask.id)).at(-1)).toMatchObject({
      state: 'FAILURE',
      attempts: 2,
      error: { name: 'Error', message: 'flaky failure (attempt 2)' },
    });
  });

  it('backs off exponentially with jitter, from the per-call base delay', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'flaky', input: { failTimes: 0 }, options: { attempts: 4, backoffMs: 250 } });
    const job = await taskql.queue().getJob(runTask.id);
    expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: 250, jitter: 0.5 });
  });

  it('fails at once, with no retry, when the handler throws a NonRetryableError', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'hopeless', input: {} });
    expect(runTask.maxAttempts).toBe(5);
    const updates = await watch(runTask.id);
    expect(updates.map((u) => u.state)).not.toContain('RETRY');
    expect(updates.at(-1)).toMatchObject({ state: 'FAILURE', attempts: 1, error: { name: 'NonRetryableError', message: 'no point in trying again' } });
  });

  it('does not retry divide by zero either: the shipped ZeroDivisionError is non-retryable', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'divide', input: { x: 1, y: 0, delayMs: 0 }, options: { attempts: 3 } });
    expect((await watch(runTask.id)).at(-1)).toMatchObject({ state: 'FAILURE', attempts: 1, error: { name: 'ZeroDivisionError' } });
  });

  it('uses the task type defaults when the call gives no options', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'sendEmail', input: { to: 'a@example.com', subject: 'hi' } });
    expect(runTask).toMatchObject({ queue: 'email', maxAttempts: 3 });
  });

  it('gives a slot back at the time limit even when the handler ignores its signal', async () => {
    // Concurrency 1: if the stubborn handler kept its slot, the next task could not start.
    const stubborn = await taskql.data(RunTask, { name: 'stubborn', input: { ms: 60_000 }, options: { timeoutMs: 50, attempts: 1 } });
    const next = await taskql.data(RunTask, { name: 'noop', input: { after: 'stubborn' } });
    expect((await watch(stubborn.runTask.id)).at(-1)).toMatchObject({ state: 'FAILURE', error: { name: 'TimeoutError' } });
    expect((await watch(next.runTask.id)).at(-1)).toMatchObject({ state: 'SUCCESS' });
  });

  it('applies a time limit to every attempt, and retries apply', async () => {
    // No worker yet, so the subscriber is there before the first attempt (RETRY lasts 5 ms).
    const idle = await Harness.start({ registry: testRegistry, worker: false });
    const { runTask } = await idle.data(RunTask, { name: 'sleep', input: { ms: 60_000 }, options: { timeoutMs: 20, attempts: 2, backoffMs: 5 } });
    const watching = collect(idle.wsClient(), TaskUpdated, { id: runTask.id }, (_v, index) => {
      if (index === 0) void idle.startWorker();
    });
    const updates = (await watching).values.map((v) => v.taskUpdated);
    await idle.stop();
    expect(updates.filter((u) => u.state === 'RETRY')).toHaveLength(1);
    expect(updates.at(-1)).toMatchObject({ state: 'FAILURE', attempts: 2, error: { name: 'TimeoutError' } });
  });
});

describe('named queues and rate limits', () => {
  it('runs a type only on workers that serve its queue', async () => {
    const taskql = await Harness.start({ registry: testRegistry, queues: ['default'] });
    try {
      const email = await taskql.data(RunTask, { name: 'sendEmail', input: { to: 'a@example.com', subject: 'hi' } });
      const divide = await taskql.data(RunTask, { name: 'divide', input: { x: 4, y: 2, delayMs: 0 } });
      expect((await collect(taskql.wsClient(), TaskUpdated, { id: divide.runTask.id })).values.at(-1)?.taskUpdated.state).toBe('SUCCESS');
      expect((await taskql.data(GetTask, { id: email.runTask.id })).task?.state).toBe('PENDING');

      await taskql.startWorker({ queues: ['email'] });
      const done = await collect(taskql.wsClient(), TaskUpdated, { id: email.runTask.id });
      expect(done.values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS' });
      expect(done.values.at(-1)?.taskUpdated.result).toEqual({ messageId: expect.stringMatching(/^<.+@taskql\.local>$/) });
    } finally {
      await taskql.stop();
    }
  });

  it('refuses a worker for a queue no task type uses', async () => {
    const taskql = await Harness.start({ registry: testRegistry, worker: false });
    try {
      await expect(taskql.startWorker({ queues: ['default', 'nope'] })).rejects.toThrow(/No task type uses queue "nope"/);
    } finally {
      await taskql.stop();
    }
  });

  it('honours a rate limit across workers: never more than max starts per window', async () => {
    const taskql = await Harness.start({ registry: testRegistry, worker: false });
    try {
      const ids = [];
      for (let i = 0; i < 8; i++) ids.push((await taskql.data(RunTask, { name: 'limited', input: {} })).runTask.id);
      // Two workers with their own connections, as two processes would be.
      await taskql.startWorker({ queues: ['limited'] });
      await taskql.startWorker({ queues: ['limited'] });
      const client = taskql.wsClient();
      const finals = await Promise.all(ids.map(async (id) => (await collect(client, TaskUpdated, { id })).values.at(-1)!.taskUpdated));
      const starts = finals.map((task) => new Date(task.startedAt!).getTime()).sort((a, b) => a - b);
      // limited: 2 per 400 ms window (a fixed window, opened by its first start). 8 tasks need
      // 4 windows, so the last start comes at least 3 windows after the first.
      expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(3 * 400 - 20);
    } finally {
      await taskql.stop();
    }
  });
});

describe('delays, priority and idempotency', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry: testRegistry, worker: false });
  });
  afterAll(() => taskql.stop());

  const queued = async () => Object.values(await taskql.queue().getJobCounts()).reduce((sum, n) => sum + n, 0);

  it('keeps a task SCHEDULED until runAt, and runs a task whose runAt has passed at once', async () => {
    const later = await taskql.data(RunTask, { name: 'noop', options: { runAt: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(later.runTask.state).toBe('SCHEDULED');
    const past = await taskql.data(RunTask, { name: 'noop', options: { runAt: '2020-01-01T00:00:00Z' } });
    expect(past.runTask.state).toBe('PENDING');
  });

  it('refuses delayMs together with runAt', async () => {
    const both = await taskql.request(RunTask, { name: 'noop', options: { delayMs: 10, runAt: '2030-01-01T00:00:00Z' } });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0]?.message).toMatch(/runAt: give delayMs or runAt, not both/);
    const notADate = await taskql.request(RunTask, { name: 'noop', options: { runAt: 'tomorrow' } });
    expect(notADate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('starts a delayed task only once its delay has passed', async () => {
    const own = await Harness.start({ registry: testRegistry });
    try {
      const { runTask } = await own.data(RunTask, { name: 'noop', input: {}, options: { delayMs: 300 } });
      const { values } = await collect(own.wsClient(), TaskUpdated, { id: runTask.id });
      const states = values.map((v) => v.taskUpdated.state);
      expect(states[0]).toBe('SCHEDULED');
      expect(states.at(-1)).toBe('SUCCESS');
      const { task } = await own.data(GetTask, { id: runTask.id });
      expect(new Date(task!.startedAt!).getTime() - new Date(task!.createdAt).getTime()).toBeGreaterThanOrEqual(300);
    } finally {
      await own.stop();
    }
  });

  it('runs higher priority first among waiting tasks', async () => {
    const own = await Harness.start({ registry: testRegistry, worker: false });
    try {
      // Tasks of a few ms, one at a time: each starts in a later millisecond than the one before.
      const low = await own.data(RunTask, { name: 'sleep', input: { ms: 5 }, options: { priority: -5 } });
      const normal = await own.data(RunTask, { name: 'sleep', input: { ms: 5 } });
      const high = await own.data(RunTask, { name: 'sleep', input: { ms: 5 }, options: { priority: 5 } });
      await own.startWorker({ concurrency: 1 });
      const client = own.wsClient();
      const names = new Map([low, normal, high].map(({ runTask }, i) => [runTask.id, ['low', 'normal', 'high'][i]]));
      const finished = await Promise.all(
        [low, normal, high].map(async ({ runTask }) => (await collect(client, TaskUpdated, { id: runTask.id })).values.at(-1)!.taskUpdated),
      );
      const order = finished.sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!)).map((t) => names.get(t.id));
      expect(order).toEqual(['high', 'normal', 'low']);
    } finally {
      await own.stop();
    }
  });

  it('returns the same task for the same idempotency key and queues nothing more', async () => {
    const before = await queued();
    const first = await taskql.data(RunTask, { name: 'noop', input: { n: 1 }, options: { idempotencyKey: 'order-42' } });
    const again = await taskql.data(RunTask, { name: 'noop', input: { n: 2 }, options: { idempotencyKey: 'order-42' } });
    expect(again.runTask).toEqual(first.runTask);
    expect(again.runTask.input).toEqual({ n: 1 });
    const other = await taskql.data(RunTask, { name: 'noop', input: { n: 3 }, options: { idempotencyKey: 'order-43' } });
    expect(other.runTask.id).not.toBe(first.runTask.id);
    expect(await queued()).toBe(before + 2);
  });

  it('queues one task for many concurrent calls with one key', async () => {
    const before = await queued();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => taskql.data(RunTask, { name: 'noop', input: { n }, options: { idempotencyKey: 'burst' } })),
    );
    expect(new Set(results.map((r) => r.runTask.id)).size).toBe(1);
    expect(await queued()).toBe(before + 1);
  });
});

describe('retention and logs', () => {
  it('keeps finished tasks for 24 hours by default', async () => {
    const taskql = await Harness.start({ worker: false });
    try {
      const { runTask } = await taskql.data(RunTask, { name: 'noop' });
      const job = await taskql.queue().getJob(runTask.id);
      expect(job?.opts.removeOnComplete).toEqual({ age: 86_400 });
      expect(job?.opts.removeOnFail).toEqual({ age: 86_400 });
    } finally {
      await taskql.stop();
    }
  });

  it('forgets a finished task past the retention count: task(id) is then null', async () => {
    const taskql = await Harness.start({ retentionCount: 1 });
    try {
      const client = taskql.wsClient();
      const first = await taskql.data(RunTask, { name: 'noop', input: 'first' });
      await collect(client, TaskUpdated, { id: first.runTask.id });
      expect((await taskql.data(GetTask, { id: first.runTask.id })).task?.state).toBe('SUCCESS');
      const second = await taskql.data(RunTask, { name: 'noop', input: 'second' });
      await collect(client, TaskUpdated, { id: second.runTask.id });
      expect((await taskql.data(GetTask, { id: first.runTask.id })).task).toBeNull();
      expect((await taskql.data(GetTask, { id: second.runTask.id })).task?.state).toBe('SUCCESS');
    } finally {
      await taskql.stop();
    }
  });

  it('shows the lines a handler wrote with ctx.log as Task.logs', async () => {
    const taskql = await Harness.start();
    try {
      const { runTask } = await taskql.data(RunTask, { name: 'sendEmail', input: { to: 'ops@example.com', subject: 'report' } });
      await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
      const { task } = await taskql.data(GetTaskLogs, { id: runTask.id });
      expect(task?.logs).toEqual(['delivered to ops@example.com']);
    } finally {
      await taskql.stop();
    }
  });
});
