import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, type RedisClient } from '../src/redis/connections.ts';
import { startRedisServer, type RedisServer } from '../src/redis/embedded.ts';
import { GetTask, ListTasks, RunChain, RunTask, RunTasks, TaskUpdated, WorkflowUpdated } from './support/documents.ts';
import { collect, Harness } from './support/taskql.ts';

/**
 * Each describe pauses or fills a redis-server of its own (never the suite's shared one), and
 * talks to it with a control connection of its own.
 */
async function dedicatedRedis(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `taskql-${name}-`));
  const server = await startRedisServer({ dir });
  const control = createRedis({ url: server.url }, 'worker');
  return {
    server,
    control,
    stop: async () => {
      await closeRedis(control);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const queued = async (taskql: Harness) => Object.values(await taskql.queue().getJobCounts()).reduce((sum, n) => sum + n, 0);
const firstError = (result: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) => result.errors?.[0];

describe('a Redis that does not answer in time (writes paused)', () => {
  let redis: { server: RedisServer; control: RedisClient; stop(): Promise<void> };
  let taskql: Harness;
  beforeAll(async () => {
    redis = await dedicatedRedis('paused');
    taskql = await Harness.start({ worker: false, redisUrl: redis.server.url, commandTimeoutMs: 500 });
  });
  afterAll(async () => {
    await taskql?.stop();
    await redis?.stop();
  });

  it('answers SERVICE_UNAVAILABLE with outcome UNKNOWN, not "try again", for tasks that were in fact queued', async () => {
    const before = await queued(taskql);
    await redis.control.call('CLIENT', 'PAUSE', '60000', 'WRITE');
    let results;
    try {
      results = await Promise.all([0, 1, 2, 3].map((n) => taskql.request(RunTask, { name: 'noop', input: { n } })));
    } finally {
      await redis.control.call('CLIENT', 'UNPAUSE');
    }
    for (const result of results) {
      expect(result.data?.runTask ?? null).toBeNull();
      expect(firstError(result)?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', outcome: 'UNKNOWN' });
      expect(firstError(result)?.message).toMatch(/may have been queued.*same idempotencyKey/);
    }
    // Redis ran the paused writes once unpaused, before any later command: all four are queued.
    expect(await queued(taskql)).toBe(before + 4);
  });
});

describe('a Redis out of memory (maxmemory reached, noeviction)', () => {
  let redis: { server: RedisServer; control: RedisClient; stop(): Promise<void> };
  let taskql: Harness;
  beforeAll(async () => {
    redis = await dedicatedRedis('oom');
    taskql = await Harness.start({ worker: false, redisUrl: redis.server.url });
  });
  afterAll(async () => {
    await taskql?.stop();
    await redis?.stop();
  });

  const usedMemory = async () => Number(/^used_memory:(\d+)/m.exec(await redis.control.info('memory'))![1]);
  const setMaxMemory = (bytes: number) => redis.control.config('SET', 'maxmemory', String(bytes));
  const health = async () => {
    const response = await fetch(new URL('/health', taskql.url));
    return { status: response.status, body: await response.json() };
  };

  it('refuses runTask with SERVICE_UNAVAILABLE (NOT_QUEUED), and /health reports it with 503', async () => {
    const before = await queued(taskql);
    await setMaxMemory(1);
    try {
      const result = await taskql.request(RunTask, { name: 'noop', input: { full: true } });
      expect(result.data?.runTask ?? null).toBeNull();
      expect(firstError(result)?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', outcome: 'NOT_QUEUED' });
      expect(firstError(result)?.message).toMatch(/out of memory: nothing was queued/);
      expect(await health()).toEqual({ status: 503, body: { status: 'unavailable', redis: 'out of memory' } });
      const chain = await taskql.request(RunChain, { steps: [{ name: 'noop' }, { name: 'noop' }] });
      expect(firstError(chain)?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', outcome: 'NOT_QUEUED' });
    } finally {
      await setMaxMemory(0);
    }
    expect(await queued(taskql)).toBe(before);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', redis: 'up' } });
    expect((await taskql.data(RunTask, { name: 'noop', input: { full: false } })).runTask.state).toBe('PENDING');
    expect((await taskql.data(RunChain, { steps: [{ name: 'noop' }, { name: 'noop' }] })).runChain.tasks).toHaveLength(2);
  });

  it('keeps task reads; a subscription to an unfinished task (its read marks the task for its worker) answers SERVICE_UNAVAILABLE until Redis has room', async () => {
    const { runTask } = await taskql.data(RunTask, { name: 'noop', input: 'waits for a worker' });
    const { runChain } = await taskql.data(RunChain, { steps: [{ name: 'noop' }, { name: 'noop' }] });
    await setMaxMemory(1);
    try {
      expect((await taskql.data(GetTask, { id: runTask.id })).task?.state).toBe('PENDING');
      const { values, errors } = await collect(taskql.wsClient(), TaskUpdated, { id: runTask.id });
      expect(values).toEqual([]);
      expect(errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(errors?.[0]?.message).toMatch(/out of memory/);
      // A workflow's steps too: refused, not followed with steps left out.
      const workflow = await collect(taskql.wsClient(), WorkflowUpdated, { id: runChain.id });
      expect(workflow.values).toEqual([]);
      expect(workflow.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await setMaxMemory(0);
    }
    let first!: (state: string) => void;
    const snapshot = new Promise<string>((resolve) => (first = resolve));
    void collect(taskql.wsClient(), TaskUpdated, { id: runTask.id }, (data, index) => index === 0 && first(data.taskUpdated.state));
    expect(await snapshot).toBe('PENDING');
  });

  it('queues a runTasks batch whole or not at all: one that would cross maxmemory leaves nothing queued or listed', async () => {
    const batch = Array.from({ length: 1500 }, (_, n) => ({ name: 'processData', input: { data: `${n}:${'x'.repeat(400)}` } }));
    const listed = async () => (await taskql.data(ListTasks, { filter: { name: 'processData' }, first: 100 })).tasks.edges.length;
    const before = await queued(taskql);
    // Room for a few hundred of the 1,500 tasks, not for all.
    await setMaxMemory((await usedMemory()) + 256 * 1024);
    try {
      const refused = await taskql.request(RunTasks, { tasks: batch });
      expect(refused.data?.runTasks ?? null).toBeNull();
      expect(firstError(refused)?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', outcome: 'NOT_QUEUED' });
      expect(await queued(taskql)).toBe(before);
      expect(await listed()).toBe(0);
    } finally {
      await setMaxMemory(0);
    }
    const { runTasks } = await taskql.data(RunTasks, { tasks: batch });
    expect(runTasks).toHaveLength(1500);
    expect(await queued(taskql)).toBe(before + 1500);
    expect(await listed()).toBe(100);
  });
});
