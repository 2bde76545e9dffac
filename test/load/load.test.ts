import { readFileSync } from 'node:fs';
import type { Client } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import { topics } from '../../src/queue/topics.ts';
import { RunTask, TaskUpdated } from '../support/documents.ts';
import { TaskqlProcess } from '../support/process.ts';
import { collect, Harness, subscriberCount } from '../support/taskql.ts';

/** Figures measured on the way, printed at the end (the README's Guarantees quote them). */
const figures: Record<string, string> = {};
afterAll(() => console.info('load figures', JSON.stringify(figures, null, 2)));

/** Runs `count` calls of `call`, `loops` at a time. */
async function inParallel(count: number, loops: number, call: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: loops }, async () => {
    while (next < count) await call(next++);
  }));
}

describe('load', () => {
  it('holds 1,000 WebSocket subscriptions while progress flows, and every one sees its task to the end', async () => {
    const taskql = await Harness.start({ worker: false });
    try {
      const tasks = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => (await taskql.data(RunTask, { name: 'processData', input: { data: `t${i}`, steps: 5, stepMs: 100 } })).runTask.id),
      );
      // 20 sockets x 50 subscriptions; all open (snapshot received) before any task starts.
      const clients: Client[] = Array.from({ length: 20 }, () => taskql.wsClient());
      let opened = 0;
      let allOpen: () => void = () => {};
      const ready = new Promise<void>((resolve) => (allOpen = resolve));
      const watched = clients.flatMap((client) =>
        tasks.map((id) =>
          collect(client, TaskUpdated, { id }, (_v, index) => {
            if (index === 0 && ++opened === 1000) allOpen();
          }),
        ),
      );
      await ready;
      const started = performance.now();
      await taskql.startWorker({ concurrency: 50 });
      const results = await Promise.all(watched);
      figures.subscriptions1000 = `50 tasks x 5 progress steps to 1,000 subscribers in ${((performance.now() - started) / 1000).toFixed(1)} s, none lost`;
      for (const { values, errors } of results) {
        expect(errors).toBeUndefined();
        const updates = values.map((v) => v.taskUpdated);
        expect(updates.at(-1)).toMatchObject({ state: 'SUCCESS', progress: { percent: 100 } });
        const percents = updates.map((u) => u.progress?.percent ?? 0);
        expect(percents).toEqual([...percents].sort((a, b) => a - b)); // never backwards
        expect(updates.filter((u) => u.state === 'STARTED' && u.progress).length).toBe(5); // no step lost
      }
    } finally {
      await taskql.stop();
    }
  });

  it('queues 10,000 tasks while no worker runs, then two worker processes drain them, every result present', async () => {
    const taskql = await Harness.start({ worker: false });
    const env = { REDIS_URL: taskql.redisUrl, TASKQL_PREFIX: taskql.prefix, CONCURRENCY: '32' };
    const workers: TaskqlProcess[] = [];
    try {
      const ids: string[] = new Array(10_000);
      const queueing = performance.now();
      await inParallel(10_000, 32, async (i) => {
        ids[i] = (await taskql.data(RunTask, { name: 'noop', input: { i } })).runTask.id;
      });
      figures.queued10k = `${((performance.now() - queueing) / 1000).toFixed(1)} s (32 concurrent HTTP clients)`;
      expect(new Set(ids).size).toBe(10_000);
      expect(await taskql.queue().getPrioritizedCount()).toBe(10_000);

      workers.push(TaskqlProcess.spawn('worker', env), TaskqlProcess.spawn('worker', env));
      await Promise.all(workers.map((worker) => worker.waitForLog('worker started')));
      const draining = performance.now();
      // Drained: no task left waiting or running (BullMQ's counts, read as each finishes).
      const queue = taskql.queue();
      const events = await import('bullmq').then(({ QueueEvents }) => new QueueEvents('default', { connection: { url: taskql.redisUrl }, prefix: taskql.prefix }));
      try {
        await events.waitUntilReady();
        for (;;) {
          const counts = await queue.getJobCounts('prioritized', 'wait', 'active', 'completed');
          if (counts.completed === 10_000) break;
          await new Promise((resolve) => events.once('completed', resolve));
        }
      } finally {
        await events.close();
      }
      figures.drained10k = `${((performance.now() - draining) / 1000).toFixed(1)} s (2 worker processes, concurrency 32 each)`;
      const { store } = taskql.api.services;
      const ranBy = new Map<string, number>();
      await inParallel(10_000, 100, async (i) => {
        const task = await store.read(ids[i]!);
        expect(task).toMatchObject({ state: 'SUCCESS', result: { i }, attempts: 1 });
        ranBy.set(task!.worker!, (ranBy.get(task!.worker!) ?? 0) + 1);
      });
      expect(ranBy.size).toBe(2); // both processes took part
      figures.split = [...ranBy.values()].join(' / ');
    } finally {
      await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
      await taskql.stop();
    }
  });

  it('serves 40 GraphiQL pages at once for about the memory of one', async () => {
    const taskql = await Harness.start({ worker: false });
    const api = TaskqlProcess.spawn('api', { ...taskql.env, PORT: '0' });
    try {
      const url = String((await api.waitForLog('API listening')).url);
      const page = async () => {
        const response = await fetch(url, { headers: { accept: 'text/html' } });
        expect(response.status).toBe(200);
        return (await response.arrayBuffer()).byteLength;
      };
      const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${api.pid}/status`, 'utf8'))![1]) * 1024;
      const first = await page(); // the bundle loads and the page renders once
      const before = rss();
      const sizes = await Promise.all(Array.from({ length: 40 }, page));
      const grown = rss() - before;
      figures.graphiql40 = `page ${(first / 2 ** 20).toFixed(1)} MiB, RSS +${(grown / 2 ** 20).toFixed(0)} MiB after 40 parallel loads`;
      expect(sizes.every((size) => size === first)).toBe(true);
      // Each page shared, not rendered again (it was +1.2 GB): well under 40 copies.
      expect(grown).toBeLessThan(10 * first);
    } finally {
      await api.stop('SIGKILL');
      await taskql.stop();
    }
  });

  it('returns to its memory baseline after 5 rounds of 500 subscribe/unsubscribe cycles', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'run with --expose-gc (npm run test:load does)').toBeDefined();
    const taskql = await Harness.start({ worker: false });
    try {
      const { runTask } = await taskql.data(RunTask, { name: 'sleep', input: { ms: 1 }, options: { delayMs: 3_600_000 } });
      const round = async () => {
        const clients = Array.from({ length: 5 }, () => taskql.wsClient());
        const stops: (() => void)[] = [];
        await Promise.all(
          clients.flatMap((client) =>
            Array.from({ length: 100 }, () =>
              new Promise<void>((opened) => {
                stops.push(client.subscribe({ query: 'subscription ($id: ID!) { taskUpdated(id: $id) { state } }', variables: { id: runTask.id } }, { next: () => opened(), error: () => {}, complete: () => {} }));
              }),
            ),
          ),
        );
        for (const stop of stops) stop();
        await Promise.all(clients.map((client) => client.dispose()));
        // The API lets go of the closed sockets' subscriptions on its own time: wait until it
        // has given back the Redis subscription (the last one releases it), not for luck.
        await expect.poll(subscribers, { timeout: 10_000, interval: 20 }).toBe(0);
      };
      const subscribers = () => subscriberCount(taskql.api.redis, topics.taskUpdated(taskql.prefix, runTask.id));
      const heap = async () => {
        for (let i = 0; i < 3; i++) {
          gc!();
          await new Promise((resolve) => setImmediate(resolve));
        }
        return process.memoryUsage().heapUsed;
      };
      await round(); // warm-up: code paths compiled, pools filled
      const baseline = await heap();
      for (let i = 0; i < 5; i++) await round();
      const after = await heap();
      figures.heap = `baseline ${(baseline / 2 ** 20).toFixed(1)} MiB, after 5 x 500 cycles ${(after / 2 ** 20).toFixed(1)} MiB`;
      // Within 2 MiB of the baseline: nothing kept per subscription.
      expect(after - baseline).toBeLessThan(2 * 1024 * 1024);
      // And Redis holds no subscription for the task any more.
      expect(await subscribers()).toBe(0);
    } finally {
      await taskql.stop();
    }
  });
});
