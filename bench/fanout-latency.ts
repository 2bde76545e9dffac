/**
 * `npm run build && npx tsx bench/fanout-latency.ts [rounds]`: event latency and API memory with
 * 10,000 `taskUpdated` subscriptions, one `tick` task each (5 progress events 20 ms apart, each
 * carrying its send time, then the final state, timed from its finishedAt), over 100 graphql-ws sockets to one API process; the tasks are queued
 * through a second API process, with the queue paused until every subscription has its snapshot
 * (as `npm run bench`'s fan-out row). With B=path/to/other/bin/taskql.js, that build runs in turn
 * with this one (A=path/to/bin/taskql.js picks this side's), each round on a fresh set of processes.
 * With BARE=1, a third side subscribes through bench/bare-ws-server.ts instead of taskql's API (the
 * least a GraphQL server can do to relay the same events; the tasks still queued and run by
 * taskql): what of the latency is taskql's, and what any Node process relaying them would see.
 * Each round also reads the same events straight from Redis (what of the latency comes before
 * the API: the worker, Redis, this process) and prints the API's CPU per event it relayed.
 */
import { Agent } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { topics } from '../src/queue/topics.ts';
import { startRedisServer } from '../src/redis/embedded.ts';
import { fanOut, rssMiB, sentAt } from './fan-out.ts';
import { post, processCpu, profilingFlags, start, stop } from './processes.ts';

const ROUNDS = Number(process.argv[2] ?? 3);
const TASKS = 10_000;
const A = process.env.A ?? 'dist/bin/taskql.js';
const builds: [label: string, bin: string, bare?: boolean][] = [
  ['A', A],
  ...(process.env.B ? [['B', process.env.B] as [string, string]] : []),
  ...(process.env.BARE ? [['bare', A, true] as [string, string, boolean]] : []),
];

const dir = mkdtempSync(join(tmpdir(), 'taskql-fanout-'));
const redis = await startRedisServer({ dir });
const agent = new Agent({ keepAlive: true, maxSockets: 32 });

async function round(label: string, bin: string, prefix: string, bare = false) {
  const env = { REDIS_URL: redis.url, TASKQL_PREFIX: prefix, LOG_FORMAT: 'json', PORT: '0', MAX_SUBSCRIPTIONS_PER_CONNECTION: '1000' };
  // CPU_PROF / HEAP_PROF (see profilingFlags): the subscriptions' server only.
  const api = bare
    ? await start(['bench/bare-ws-server.ts', redis.url, prefix], {}, 'listening', profilingFlags())
    : await start([bin, 'api'], env, 'API listening', profilingFlags());
  const feeder = await start([bin, 'api'], env, 'API listening');
  const worker = await start([bin, 'worker', '-c', '32'], env, 'worker started');
  try {
    const url = bare ? api.line.split(' ')[1]! : (JSON.parse(api.line) as { url: string }).url;
    const gql = async (query: string, variables?: unknown) =>
      (JSON.parse(await post(agent, (JSON.parse(feeder.line) as { url: string }).url, JSON.stringify({ query, variables }))) as { data: Record<string, unknown> }).data;
    await gql('mutation { pauseQueue(name: "default") { name } }');
    const { runTasks } = (await gql('mutation ($t: [TaskRequest!]!) { runTasks(tasks: $t) { id } }', {
      t: Array.from({ length: TASKS }, () => ({ name: 'tick', input: { count: 5, intervalMs: 20 } })),
    })) as { runTasks: { id: string }[] };
    const { sockets, latencies, finalLatencies, done } = await fanOut(url, runTasks.map((task) => task.id), 1);
    const rss = rssMiB(api.child.pid!);
    const direct = await tapRedis(prefix);
    const cpu = processCpu(api.child.pid!);
    await gql('mutation { resumeQueue(name: "default") { name } }');
    await done;
    // The API's CPU from the resume to the last completion, per event it relayed (the final states included).
    const cpuPerEvent = ((processCpu(api.child.pid!) - cpu) * 1e6) / (latencies.length + TASKS);
    direct.stop();
    console.log(
      `${label}: event latency ${percentiles(latencies)}; API RSS, all subscribed, ${Math.round(rss)} MB; API CPU ${Math.round(cpuPerEvent)} µs per event`,
    );
    console.log(`${label}, the final states alone: ${percentiles(finalLatencies)}`);
    console.log(`${label}, straight from Redis: ${percentiles(direct.latencies)}`);
    await Promise.all(sockets.map((socket) => socket.dispose()));
  } finally {
    for (const child of [api.child, feeder.child, worker.child]) await stop(child);
  }
}

/** The latency of every task event published under `prefix` that fanOut times, read with a pattern subscription of its own. */
async function tapRedis(prefix: string) {
  const tap = new Redis(redis.url);
  const latencies: number[] = [];
  tap.on('pmessage', (_pattern: string, _channel: string, message: string) => {
    const event = JSON.parse(message) as { progress?: { message: string | null }; finishedAt?: number };
    // As fanOut times them (sentAt), before the API.
    const sent = sentAt({ progress: event.progress ?? null, finishedAt: event.finishedAt ? new Date(event.finishedAt).toISOString() : null });
    if (sent) latencies.push(Date.now() - sent);
  });
  await tap.psubscribe(topics.taskUpdated(prefix, '*'));
  return { latencies, stop: () => tap.disconnect() };
}

function percentiles(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.floor(q * sorted.length)];
  return `p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, p99.9 ${at(0.999)} ms`;
}

try {
  for (let i = 0; i < ROUNDS; i++) for (const [label, bin, bare] of builds) await round(label, bin, `${label}${i}`, bare);
} finally {
  agent.destroy();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
