/** How the bench scripts load a service and see its tasks finish. */
import type { Client } from 'graphql-ws';
import type { Redis } from 'ioredis';

/** `count` calls, `loops` at a time; answers each call's latency (ms), sorted. */
export async function timed(count: number, loops: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (next < count) {
        const i = next++;
        const start = performance.now();
        await call(i);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

/**
 * Counts SUCCESS events of tasks named `name` on the live feed of `client`'s API; resolves once
 * the feed is proven live (a `sum` task, run until one is seen: subscriptions start
 * asynchronously), with `allDone` for when `count` have been seen.
 */
export const feedCounter = (client: Client, runTask: (name: string, input: unknown) => Promise<unknown>) => async (count: number, name: string) => {
  let done = 0;
  let live: () => void = () => {};
  const isLive = new Promise<void>((resolve) => (live = resolve));
  let all: () => void = () => {};
  const allDone = new Promise<void>((resolve) => (all = resolve));
  const stopFeed = client.subscribe<{ taskEvents: { name: string } }>(
    { query: 'subscription { taskEvents(filter: { state: SUCCESS }) { name } }' },
    {
      next: ({ data }) => {
        if (data?.taskEvents.name === 'sum') live();
        else if (data?.taskEvents.name === name && ++done === count) all();
      },
      error: (e) => console.error(e),
      complete: () => {},
    },
  );
  let seen = false;
  void isLive.then(() => (seen = true));
  while (!seen) {
    await runTask('sum', { numbers: [1] });
    await Promise.race([isLive, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  return { allDone: allDone.then(stopFeed) }; // wrapped: awaiting feedCounter must not wait for all of them
};

/**
 * A drain's rate (tasks/s): `count` tasks queued while their queue is paused, timed from
 * `resume` until `count` more jobs are in BullMQ's completed set `key` than before, read (ZCARD,
 * O(1)) every `everyMs`. The drain rows see raw BullMQ's worker and taskql's finish this same
 * way, from outside: no listener on either side's events, whose messages would share the two
 * cores with the worker measured (a feed listener made taskql's drain ~0.1 of raw slower). The
 * reading is late by at most `everyMs` and a round trip, on both sides.
 */
export async function drainRate(redis: Pick<Redis, 'zcard'>, key: string, count: number, resume: () => Promise<unknown>, everyMs = 5): Promise<number> {
  const target = (await redis.zcard(key)) + count;
  const t = performance.now();
  await resume();
  while ((await redis.zcard(key)) < target) await new Promise((resolve) => setTimeout(resolve, everyMs));
  return Math.round(count / ((performance.now() - t) / 1000));
}

/** Submits `count` no-ops to the Fastify + BullMQ peer (`POST <tasksUrl>` with `post`), `loops` at a time; answers their ids, in order. */
export async function submitToPeer(tasksUrl: string, count: number, loops: number, post: (url: string, body: string) => Promise<string>): Promise<string[]> {
  const ids: string[] = [];
  await timed(count, loops, async (i) => {
    ids[i] = (JSON.parse(await post(tasksUrl, JSON.stringify({ name: 'noop', data: { i } }))) as { id: string }).id;
  });
  return ids;
}

/**
 * Reads each task of `ids` back with `read` until it is done, `loops` reads at a time, a task
 * read unfinished going to the back of the line after a 5 ms pause of its reader (as `drainRate`
 * polls): how a client reading its tasks over HTTP sees them finish. Started once the submits are
 * done, it makes the fewest reads such a client can, one per task when the worker has kept up.
 * `read` throws for a task that failed (a failed no-op is a broken bench). Answers the number of
 * reads made.
 */
export async function readBack(ids: readonly string[], loops: number, read: (id: string) => Promise<'done' | 'unfinished'>): Promise<number> {
  const line = [...ids];
  let next = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (next < line.length) {
        const id = line[next++]!;
        if ((await read(id)) === 'done') continue;
        line.push(id);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }),
  );
  return next;
}

/** readBack from the Fastify + BullMQ peer (bench/fastify-service.ts): `GET <tasksUrl>/:id` with `get`. */
export function readBackFromPeer(tasksUrl: string, ids: readonly string[], loops: number, get: (url: string) => Promise<string>): Promise<number> {
  return readBack(ids, loops, async (id) => {
    const { state } = JSON.parse(await get(`${tasksUrl}/${id}`)) as { state: string };
    if (state === 'failed' || state === 'unknown') throw new Error(`peer task ${id} is ${state}`);
    return state === 'completed' ? 'done' : 'unfinished';
  });
}

/** readBack from taskql: `task(id) { state }` over HTTP with `gql`. */
export function readBackFromTaskql(ids: readonly string[], loops: number, gql: (query: string, variables: unknown) => Promise<Record<string, unknown>>): Promise<number> {
  return readBack(ids, loops, async (id) => {
    const { task } = (await gql('query ($id: ID!) { task(id: $id) { state } }', { id })) as { task: { state: string } | null };
    if (!task || ['FAILURE', 'REVOKED'].includes(task.state)) throw new Error(`taskql task ${id} is ${task?.state ?? 'unknown'}`);
    return task.state === 'SUCCESS' ? 'done' : 'unfinished';
  });
}
