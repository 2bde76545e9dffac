import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, type RedisClient } from '../src/redis/connections.ts';
import { startRedisServer, type RedisServer } from '../src/redis/embedded.ts';
import { RunTasks } from './support/documents.ts';
import { Harness, registry } from './support/taskql.ts';

/**
 * What one request may cost, whatever its shape. Each API here has a redis-server of its own,
 * so that the commands it sends can be counted exactly (INFO commandstats).
 */
const TASKS = 5000;

/** Task reads since the last reset: a task is read with one HGETALL per queue (its queue is not known). */
async function taskReads(redis: RedisClient): Promise<number> {
  const info = await redis.info('commandstats');
  return Number(/cmdstat_hgetall:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

const post = async (url: string, query: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as {
    data?: Record<string, { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
};

/** `count` aliases of tasks(first: 1) with a filter nothing matches: each would scan the whole list. */
const aliases = (count: number, first = 1, name = 'Scan') =>
  `query ${name} { ${Array.from({ length: count }, (_, i) => `a${i}: tasks(first: ${first}, filter: { state: SUCCESS }) { edges { cursor } pageInfo { hasNextPage endCursor } }`).join(' ')} }`;

describe('the cost of one request', () => {
  let dir: string;
  let server: RedisServer;
  let redis: RedisClient;
  let taskql: Harness;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'taskql-cost-'));
    server = await startRedisServer({ dir });
    redis = createRedis({ url: server.url }, 'command');
    taskql = await Harness.start({ redisUrl: server.url, worker: false, limits: { MAX_SCAN_PER_REQUEST: 20_000 } });
    // Tasks that stay PENDING (no worker): a SUCCESS filter matches none of them.
    const queued = await taskql.data(RunTasks, { tasks: Array.from({ length: TASKS }, () => ({ name: 'noop' })) });
    expect(queued.runTasks).toHaveLength(TASKS);
  });
  afterAll(async () => {
    await taskql.stop();
    await closeRedis(redis);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an operation that asks for more list items than MAX_QUERY_NODES (1000)', async () => {
    const refused = await post(taskql.url, aliases(6, 200));
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/1200 list items; at most 1000/);
    expect((await post(taskql.url, aliases(5, 200))).errors).toBeUndefined();
  });

  it('scans at most MAX_SCAN_PER_REQUEST tasks for all the list fields of a request together, and says where to go on', async () => {
    const budget = 500;
    const small = await Harness.start({ redisUrl: server.url, prefix: taskql.prefix, worker: false, limits: { MAX_SCAN_PER_REQUEST: budget } });
    try {
      await redis.config('RESETSTAT');
      const result = await post(small.url, aliases(50));
      expect(result.errors).toBeUndefined();
      // 50 fields each scanning every task would be 250,000 reads.
      expect(await taskReads(redis)).toBeLessThanOrEqual(budget * registry.queueNames().length);
      const pages = Object.values(result.data!);
      expect(pages.every((page) => page.edges.length === 0 && page.pageInfo.hasNextPage)).toBe(true);
      // The first field used the budget and says where it stopped; a request of its own goes on from there.
      const { endCursor } = pages[0]!.pageInfo;
      expect(endCursor).not.toBeNull();
      const next = await post(small.url, `{ tasks(first: 1, after: "${endCursor}", filter: { state: SUCCESS }) { edges { cursor } pageInfo { hasNextPage endCursor } } }`);
      expect(next.data!.tasks!.pageInfo.endCursor).not.toBe(endCursor);
    } finally {
      await small.stop();
    }
  });

  it('stops scanning when the client goes away', async () => {
    await redis.config('RESETSTAT');
    // Four fields that would each read all 5,000 tasks (the request's budget allows 20,000).
    const body = JSON.stringify({ query: aliases(4, 1, 'LeftBehind') });
    const request = httpRequest(taskql.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    request.on('error', () => undefined);
    request.end(body);
    // Scanning has begun: the client leaves.
    while ((await taskReads(redis)) < 500) await sleep(5);
    request.destroy();
    // The request is over on the server once its execution is counted in /metrics.
    const executed = async () => /graphql_envelop_request_duration_count\{[^}]*operationName="LeftBehind"[^}]*\} 1/.test(await (await fetch(new URL('/metrics', taskql.url))).text());
    while (!(await executed())) await sleep(20);
    expect(await taskReads(redis)).toBeLessThan(10_000 * registry.queueNames().length);
  });
});
