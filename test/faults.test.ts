import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../src/redis/embedded.ts';
import { GetTask, RunTask, TaskUpdated } from './support/documents.ts';
import { TaskqlProcess } from './support/process.ts';
import { collect, Harness } from './support/taskql.ts';

const FAST_RECOVERY = { LOCK_DURATION_MS: '1000', STALLED_INTERVAL_MS: '500' };

describe('a worker killed mid-task (SIGKILL)', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
  });
  afterAll(() => taskql.stop());

  it('another worker takes the task over after stall detection and completes it; subscribers see it restart', async () => {
    const env = { REDIS_URL: taskql.redisUrl, TASKQL_PREFIX: taskql.prefix, ...FAST_RECOVERY };
    const doomed = TaskqlProcess.spawn('worker', env);
    await doomed.waitForLog('worker started');
    const { runTask } = await taskql.data(RunTask, { name: 'processData', input: { data: 'survivor', steps: 10, stepMs: 100 } });

    let rescuer: TaskqlProcess | undefined;
    try {
      const watching = collect(taskql.wsClient(), TaskUpdated, { id: runTask.id }, (v) => {
        if (v.taskUpdated.progress && !rescuer) {
          doomed.child.kill('SIGKILL'); // no goodbye, no lock released
          rescuer = TaskqlProcess.spawn('worker', env);
        }
      });
      const updates = (await watching).values.map((v) => v.taskUpdated);
      const attempts = updates.map((u) => u.attempts);
      expect(updates.at(-1)).toMatchObject({ state: 'SUCCESS', result: 'Processed: survivor', attempts: 2 });
      // STARTED again with the second attempt, after progress of the first.
      expect(attempts).toContain(1);
      expect(updates.findIndex((u) => u.attempts === 2 && u.state === 'STARTED')).toBeGreaterThan(updates.findIndex((u) => u.progress));
      const { task } = await taskql.data(GetTask, { id: runTask.id });
      expect(task?.worker).not.toBe(doomed.lines.find((l) => l.msg === 'worker started')?.id);
    } finally {
      await doomed.stop('SIGKILL');
      await rescuer?.stop('SIGKILL');
    }
  });
});

describe('Redis restarted (AOF) while tasks are queued, running and scheduled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskql-restart-'));
  let port: number;
  let redis: RedisServer;
  afterAll(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no task: API and workers reconnect by themselves, subscriptions carry on', async () => {
    port = await getPort({ host: '127.0.0.1' });
    redis = await startRedisServer({ dir, port, appendOnly: true });
    const taskql = await Harness.start({ worker: false, redisUrl: redis.url });
    const env = { REDIS_URL: redis.url, TASKQL_PREFIX: taskql.prefix, ...FAST_RECOVERY };
    const workers = [TaskqlProcess.spawn('worker', env, ['-c', '4']), TaskqlProcess.spawn('worker', env, ['-c', '4'])];
    try {
      await Promise.all(workers.map((w) => w.waitForLog('worker started')));
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push((await taskql.data(RunTask, { name: 'processData', input: { data: `q${i}`, steps: 4, stepMs: 100 } })).runTask.id);
      for (let i = 0; i < 5; i++) ids.push((await taskql.data(RunTask, { name: 'noop', input: `s${i}`, options: { delayMs: 1500 } })).runTask.id);
      const client = taskql.wsClient();
      // Each subscription has its snapshot (it is listening) before Redis goes; some tasks run.
      const subscribed: Promise<void>[] = [];
      const finals = ids.map((id) => {
        let snapshot!: () => void;
        subscribed.push(new Promise<void>((resolve) => (snapshot = resolve)));
        return collect(client, TaskUpdated, { id }, (_v, index) => index === 0 && snapshot());
      });
      await Promise.all(subscribed);
      await new Promise<void>((running) => void collect(client, TaskUpdated, { id: ids[0]! }, (v) => v.taskUpdated.progress && running()));

      await redis.stop();
      const during = await taskql.request(RunTask, { name: 'noop', input: 'during the outage' });
      expect(during.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      // Down until each worker has found it so at a reconnect attempt.
      await Promise.all(workers.map((worker) => worker.waitForLog('Redis is unreachable; reconnecting')));
      redis = await startRedisServer({ dir, port, appendOnly: true });

      const results = await Promise.all(finals);
      const states = results.map((r) => r.values.at(-1)?.taskUpdated.state);
      expect(states).toEqual(ids.map(() => 'SUCCESS'));
      const tasks = await Promise.all(ids.map(async (id) => (await taskql.data(GetTask, { id })).task));
      expect(tasks.every((task) => task?.state === 'SUCCESS')).toBe(true);
      // Run twice only if mid-flight when Redis went away.
      expect(tasks.filter((task) => task!.attempts > 1).length).toBeLessThanOrEqual(8);
      // Each worker said the outage as a warning, and that it was over; no error line per
      // reconnect attempt of each queue's BullMQ worker.
      await Promise.all(workers.map((worker) => worker.waitForLog('Redis connection is back')));
      for (const worker of workers) expect(worker.lines.filter((line) => line.level === 50).map((line) => line.msg)).toEqual([]);
    } finally {
      await Promise.all(workers.map((w) => w.stop('SIGKILL')));
      await taskql.stop();
    }
  });
});
