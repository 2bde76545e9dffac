import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { GetTask, PauseQueue, ResumeQueue, RunTask, TaskUpdated } from './support/documents.ts';
import { TaskqlProcess } from './support/process.ts';
import { collect, Harness, TestClient, uniquePrefix } from './support/taskql.ts';

describe('API and worker as separate OS processes', () => {
  let taskql: Harness;
  let worker: TaskqlProcess;

  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
    worker = TaskqlProcess.spawn('worker', {
      REDIS_URL: taskql.redisUrl,
      TASKQL_PREFIX: taskql.prefix,
      SHUTDOWN_GRACE_MS: '200',
    });
    await worker.waitForLog('worker started');
  });
  afterAll(async () => {
    await worker.stop('SIGKILL');
    await taskql.stop();
  });

  it('runs tasks in the worker process and streams their progress through Redis to the API', async () => {
    expect(worker.child.pid).not.toBe(process.pid);
    // The queue waits until the subscriber has its snapshot: every progress report comes after.
    await taskql.data(PauseQueue, { name: 'default' });
    const { runTask } = await taskql.data(RunTask, { name: 'divide', input: { x: 9, y: 3, delayMs: 80 } });
    const { values } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id }, (_, index) => {
      if (index === 0) void taskql.data(ResumeQueue, { name: 'default' });
    });
    const updates = values.map((v) => v.taskUpdated);
    expect(updates.filter((u) => u.progress).length).toBeGreaterThanOrEqual(3);
    expect(updates.at(-1)).toMatchObject({ state: 'SUCCESS', result: 3, attempts: 1 });
  });

  it('serves the API from its own process too (npm run api), with the worker in another', async () => {
    const api = TaskqlProcess.spawn('api', { REDIS_URL: taskql.redisUrl, TASKQL_PREFIX: taskql.prefix }, ['--port', '0']);
    try {
      const client = new TestClient(String((await api.waitForLog('API listening')).url));
      expect(api.lines.map((l) => l.msg)).not.toContain('worker started');
      const { runTask } = await client.data(RunTask, { name: 'noop', input: { via: 'api process' } });
      const { values } = await collect(client.wsClient(), TaskUpdated, { id: runTask.id });
      await client.stop();
      expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: { via: 'api process' } });
    } finally {
      expect(await api.stop('SIGTERM')).toBe(0);
    }
  });

  it('takes --concurrency and --queues, and shuts down on SIGTERM, putting unfinished tasks back', async () => {
    const second = TaskqlProcess.spawn(
      'worker',
      { REDIS_URL: taskql.redisUrl, TASKQL_PREFIX: taskql.prefix, SHUTDOWN_GRACE_MS: '100' },
      ['--concurrency', '3', '--queues', 'default'],
    );
    try {
      expect(await second.waitForLog('worker started')).toMatchObject({ concurrency: 3, queues: ['default'] });
      await worker.stop('SIGTERM'); // only `second` takes tasks from here on

      const { runTask } = await taskql.data(RunTask, {
        name: 'processData',
        input: { data: 'long', steps: 100, stepMs: 200 },
      });
      const client = taskql.wsClient();
      await new Promise<void>((started) => {
        void collect(client, TaskUpdated, { id: runTask.id }, (v) => {
          if (v.taskUpdated.progress) started();
        });
      });
      expect(await second.stop('SIGTERM')).toBe(0);
      expect(second.lines.map((l) => l.msg)).toContain('worker stopped');

      // Back in the queue, not locked by a dead worker: the next worker picks it up at once.
      const { task } = await taskql.data(GetTask, { id: runTask.id });
      expect(task?.state).toBe('PENDING');
      expect(await taskql.queue().getActiveCount()).toBe(0);
    } finally {
      await second.stop('SIGKILL');
    }
  });
});

describe('rate limits across worker processes', () => {
  it('starts at most 10 sendEmail tasks per second between two worker processes', async () => {
    const taskql = await Harness.start({ worker: false });
    const env = { REDIS_URL: taskql.redisUrl, TASKQL_PREFIX: taskql.prefix };
    const workers = [TaskqlProcess.spawn('worker', env, ['--queues', 'email']), TaskqlProcess.spawn('worker', env, ['--queues', 'email'])];
    try {
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) {
        ids.push((await taskql.data(RunTask, { name: 'sendEmail', input: { to: `u${i}@example.com`, subject: 'hi' } })).runTask.id);
      }
      await Promise.all(workers.map((worker) => worker.waitForLog('worker started')));
      const client = taskql.wsClient();
      const finals = await Promise.all(ids.map(async (id) => (await collect(client, TaskUpdated, { id })).values.at(-1)!.taskUpdated));
      expect(finals.every((task) => task.state === 'SUCCESS')).toBe(true);
      const starts = finals.map((task) => Date.parse(task.startedAt!)).sort((a, b) => a - b);
      // BullMQ's limit is a fixed window opened by its first start: 25 tasks at 10 per window
      // need 3 windows, so the last start comes at least 2 windows after the first.
      expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(2 * 1000 - 20);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
      await taskql.stop();
    }
  });
});

describe('npm start (dev mode: API and worker in one process)', () => {
  it('serves GraphQL, runs divide to SUCCESS, and exits 0 on SIGINT', async () => {
    const dev = TaskqlProcess.spawn('dev', { REDIS_URL: inject('redisUrl'), TASKQL_PREFIX: uniquePrefix(), PORT: '0' });
    try {
      const client = new TestClient(String((await dev.waitForLog('API listening')).url));
      await dev.waitForLog('worker started');
      const { runTask } = await client.data(RunTask, { name: 'divide', input: { x: 1, y: 2, delayMs: 10 } });
      const { values } = await collect(client.wsClient(), TaskUpdated, { id: runTask.id });
      await client.stop();
      expect(values.at(-1)?.taskUpdated).toMatchObject({ state: 'SUCCESS', result: 0.5 });
    } finally {
      expect(await dev.stop('SIGINT')).toBe(0);
    }
  });

  it('shuts down gracefully when one Ctrl-C arrives twice (from the terminal and relayed by npm)', async () => {
    const prefix = uniquePrefix();
    const dev = TaskqlProcess.spawn('dev', { REDIS_URL: inject('redisUrl'), TASKQL_PREFIX: prefix, PORT: '0', SHUTDOWN_GRACE_MS: '200' });
    const taskql = await Harness.start({ worker: false, prefix });
    try {
      await dev.waitForLog('worker started');
      const { runTask } = await taskql.data(RunTask, { name: 'sleep', input: { ms: 60_000 } });
      await new Promise<void>((started) => {
        void collect(taskql.wsClient(), TaskUpdated, { id: runTask.id }, (v) => {
          if (v.taskUpdated.state === 'STARTED') started();
        });
      });
      dev.child.kill('SIGINT');
      expect(await dev.stop('SIGINT')).toBe(0);
      expect(dev.lines.map((l) => l.msg)).toContain('worker stopped');
      const { task } = await taskql.data(GetTask, { id: runTask.id });
      expect(task).toMatchObject({ state: 'PENDING', attempts: 1 });
    } finally {
      await dev.stop('SIGKILL');
      await taskql.stop();
    }
  });

  it('exits 1 with a clear message for invalid configuration', async () => {
    const bad = TaskqlProcess.spawn('dev', { REDIS_URL: inject('redisUrl'), PORT: 'eighty' });
    expect(await bad.exited()).toBe(1);
    expect(bad.stderr.join('\n')).toMatch(/Invalid configuration:\n\s+PORT="eighty": /);
  });
});
