/**
 * `npm run build && npx tsx bench/redis-commands.ts [count]`: Redis commands per task while one
 * worker process drains `count` (default 30,000) queued no-ops, raw BullMQ vs taskql, from INFO
 * commandstats of a redis-server of its own (reset once the tasks are queued, the queue paused;
 * read once all are done). Lua calls count as EVALSHA; the commands they run appear under their
 * own names. taskql's worker is the compiled package, as `npm run bench` runs it.
 * With CPU_PROF=dir, the worker processes write V8 CPU profiles there (node --cpu-prof); with
 * HEAP_PROF=dir, sampling allocation profiles (node --heap-prof, a sample every 4 KB allocated).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startRedisServer } from '../src/redis/embedded.ts';
import { createRedis } from '../src/redis/connections.ts';
import { taskqlKeys } from '../src/queue/keys.ts';
import { TaskStore } from '../src/queue/task-store.ts';
import { TaskRegistry, taskTypes } from '../src/tasks/index.ts';
import { processCpu, profilingFlags, start, stop } from './processes.ts';

const COUNT = Number(process.argv[2] ?? 30_000);
const TASKQL = process.env.TASKQL_BIN ?? 'dist/bin/taskql.js';
if (!existsSync(TASKQL)) throw new Error(`${TASKQL} is missing: run npm run build first`);
/** SLEEP_MS=n: sleep tasks of n ms instead of no-ops (io-bound). */
const SLEEP_MS = process.env.SLEEP_MS ? Number(process.env.SLEEP_MS) : undefined;

const flags = profilingFlags();
const startWorker = async (args: string[], env: Record<string, string>, ready: string) => (await start(args, env, ready, flags)).child;

/** INFO commandstats as { command: calls }, and the µs Redis spent in them. */
async function commandStats(redis: Redis): Promise<{ stats: Record<string, number>; usec: Record<string, number> }> {
  const info = await redis.info('commandstats');
  const stats: Record<string, number> = {};
  const usec: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    stats[match[1]!] = Number(match[2]);
    usec[match[1]!] = Number(match[3]);
  }
  return { stats, usec };
}

/** Redis's own CPU time so far (user + system), in seconds. */
async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)![1]);
  return field('used_cpu_user') + field('used_cpu_sys');
}

async function until(done: () => Promise<boolean>) {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 200));
}

/** Runs `drain` between a stats reset and a read; prints commands, Redis and worker CPU per task. */
async function measure(admin: Redis, label: string, worker: ChildProcess, drain: () => Promise<void>) {
  await admin.config('RESETSTAT');
  const cpu0 = await redisCpu(admin);
  const workerCpu0 = processCpu(worker.pid!);
  const t = performance.now();
  await drain();
  const seconds = (performance.now() - t) / 1000;
  const redisSeconds = (await redisCpu(admin)) - cpu0;
  const workerSeconds = processCpu(worker.pid!) - workerCpu0;
  const { stats, usec } = await commandStats(admin);
  // The polling and these reads themselves.
  for (const own of ['zcard', 'info', 'config|resetstat']) delete stats[own];
  const total = Object.values(stats).reduce((a, b) => a + b, 0);
  const scripts = (stats.evalsha ?? 0) + (stats.eval ?? 0);
  const scriptUsec = (usec.evalsha ?? 0) + (usec.eval ?? 0);
  const perTask = Object.fromEntries(
    Object.entries(stats)
      .sort(([, a], [, b]) => b - a)
      .map(([command, calls]) => [command, Number((calls / COUNT).toFixed(2))]),
  );
  console.log(
    `${label}: ${Math.round(COUNT / seconds)} tasks/s; per task: ${(total / COUNT).toFixed(1)} commands, ${(scripts / COUNT).toFixed(1)} Lua calls ` +
      `(${Math.round(scriptUsec / COUNT)} µs), Redis CPU ${Math.round((redisSeconds * 1e6) / COUNT)} µs, worker CPU ${Math.round((workerSeconds * 1e6) / COUNT)} µs`,
    JSON.stringify(perTask),
  );
  if (process.env.USEC) {
    const usecPerTask = Object.entries(usec)
      .filter(([command]) => command in stats)
      .sort(([, a], [, b]) => b - a)
      .map(([command, total]) => [command, Number((total / COUNT).toFixed(2))]);
    console.log(`  µs per task, by command: ${JSON.stringify(Object.fromEntries(usecPerTask))}`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'taskql-commands-'));
const server = await startRedisServer({ dir });
const admin = new Redis(server.url);
try {
  // Raw BullMQ: addBulk, then one plain Worker process.
  const raw = new Queue('drain', { connection: { url: server.url, maxRetriesPerRequest: null }, prefix: 'raw' });
  await raw.pause();
  await raw.addBulk(Array.from({ length: COUNT }, (_, i) => ({ name: 'noop', data: SLEEP_MS ? { ms: SLEEP_MS } : { i } })));
  const rawWorker = await startWorker(['bench/raw-worker.ts', server.url, 'raw', 'drain', '32'], {}, 'ready');
  await measure(admin, 'raw BullMQ', rawWorker, async () => {
    await raw.resume();
    await until(async () => (await admin.zcard('raw:drain:completed')) >= COUNT);
  });
  await stop(rawWorker);
  await raw.close();

  const redis = createRedis({ url: server.url }, 'command');
  const registry = new TaskRegistry(taskTypes);
  const store = new TaskStore({ redis, prefix: 'tq', queueNames: registry.queueNames() });
  const type = registry.get(SLEEP_MS ? 'sleep' : 'noop')!;

  // Raw BullMQ with the job options taskql gives its jobs (priority, attempts, backoff,
  // retention): what of the difference is BullMQ's own work for those options.
  const { opts } = store.jobTemplate(type, {}, {});
  const rawOpts = new Queue('drain', { connection: { url: server.url, maxRetriesPerRequest: null }, prefix: 'rawopts' });
  await rawOpts.pause();
  await rawOpts.addBulk(Array.from({ length: COUNT }, (_, i) => ({ name: 'noop', data: SLEEP_MS ? { ms: SLEEP_MS } : { i }, opts })));
  const rawOptsWorker = await startWorker(['bench/raw-worker.ts', server.url, 'rawopts', 'drain', '32'], {}, 'ready');
  await measure(admin, "raw BullMQ, taskql's job options", rawOptsWorker, async () => {
    await rawOpts.resume();
    await until(async () => (await admin.zcard('rawopts:drain:completed')) >= COUNT);
  });
  await stop(rawOptsWorker);
  await rawOpts.close();

  // taskql: runTasks' batch write, then one worker process. Its APIs mark the tasks their
  // subscribers watch, as an API says at its start (else every event goes out: a mixed fleet).
  await redis.set(taskqlKeys('tq').watchMarks, '1');
  await store.queue('default').pause();
  for (let i = 0; i < COUNT; i += 1000) {
    await store.enqueueMany(Array.from({ length: Math.min(1000, COUNT - i) }, (_, j) => ({ type, input: SLEEP_MS ? { ms: SLEEP_MS } : { i: i + j }, options: {} })));
  }
  const worker = await startWorker([TASKQL, 'worker', '-c', '32'], { REDIS_URL: server.url, TASKQL_PREFIX: 'tq', LOG_FORMAT: 'json', LOG_LEVEL: 'info' }, 'worker started');
  await measure(admin, 'taskql', worker, async () => {
    await store.queue('default').resume();
    await until(async () => (await admin.zcard('tq:default:completed')) >= COUNT);
  });
  await stop(worker);
  await store.close();
  redis.disconnect();
} finally {
  admin.disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
