/**
 * `npm run build && npx tsx bench/e2e-cpu.ts [count] [rounds]`: where the CPU of the bench's
 * end-to-end row goes, per task and per process (the serving process, the worker, Redis, the
 * client), for the Fastify + BullMQ service with a plain BullMQ worker and for taskql's compiled
 * API and worker, in turn. Completion is observed as `npm run bench` does: taskql's on a
 * `taskEvents` subscription over graphql-ws; Fastify's both ways, read over HTTP (`GET /tasks/:id`
 * once the submits are done, again only if unfinished) and counted by the raw worker itself.
 * A warm-up round of each kind runs first, unmeasured.
 * With CPU_PROF=dir (or HEAP_PROF=dir), the servers and workers write profiles there.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { startRedisServer } from '../src/redis/embedded.ts';
import { feedCounter, readBackFromPeer, submitToPeer, timed } from './load.ts';
import { get, post as postJson, processCpu, profilingFlags, start, stop } from './processes.ts';

const COUNT = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 2);
const CLIENTS = 32;
const TASKQL = 'dist/bin/taskql.js';
if (!existsSync(TASKQL)) throw new Error(`${TASKQL} is missing: run npm run build first`);

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
const post = (url: string, body: string) => postJson(agent, url, body);
const flags = profilingFlags();

const dir = mkdtempSync(join(tmpdir(), 'taskql-e2e-'));
const server = await startRedisServer({ dir });
const admin = new Redis(server.url);
const redisCpu = async () => {
  const info = await admin.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)![1]);
  return field('used_cpu_user') + field('used_cpu_sys');
};

/** Runs `run`, printing rate and CPU µs per task of each process. */
async function measure(label: string, pids: Record<string, number>, run: () => Promise<void>) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processCpu(pid)]));
  const redis0 = await redisCpu();
  const client0 = process.cpuUsage();
  await admin.config('RESETSTAT');
  const t = performance.now();
  await run();
  const seconds = (performance.now() - t) / 1000;
  const perTask = (s: number) => Math.round((s * 1e6) / COUNT);
  const cpu: Record<string, number> = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, perTask(processCpu(pid) - before[name]!)]));
  cpu.redis = perTask((await redisCpu()) - redis0);
  const client = process.cpuUsage(client0);
  cpu.client = perTask((client.user + client.system) / 1e6);
  const total = Object.values(cpu).reduce((a, b) => a + b, 0);
  console.log(`${label}: ${Math.round(COUNT / seconds)} tasks/s; CPU µs per task ${JSON.stringify(cpu)}, total ${total}`);
  // Redis commands per task, and Redis's µs per task in each (INFO commandstats).
  const info = await admin.info('commandstats');
  const commands = [...info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)]
    .filter(([, name]) => !['info', 'config|resetstat'].includes(name!))
    .sort((a, b) => Number(b[3]) - Number(a[3]))
    .map(([, name, calls, usec]) => `${name} ${(Number(calls) / COUNT).toFixed(2)} (${(Number(usec) / COUNT).toFixed(1)} µs)`);
  console.log(`  Redis per task: ${commands.join(', ')}`);
}

const children: ChildProcess[] = [];
try {
  const peer = await start(['bench/fastify-service.ts', server.url, 'raw', 'e2e'], {}, 'ready', flags);
  const rawWorker = await start(['bench/raw-worker.ts', server.url, 'raw', 'e2e', '32'], {}, 'ready', flags);
  children.push(peer.child, rawWorker.child);
  const peerUrl = `${peer.line.split(' ')[1]}/tasks`;
  let rawCompleted = 0;
  let rawWaiter: { target: number; resolve: () => void } | undefined;
  createInterface({ input: rawWorker.child.stdout! }).on('line', (line) => {
    rawCompleted = Number(/^completed (\d+)$/.exec(line)?.[1] ?? rawCompleted);
    if (rawWaiter && rawCompleted >= rawWaiter.target) rawWaiter.resolve();
  });
  /** Submits COUNT no-ops over HTTP with `call`; resolves once `finished`. */
  const round = (call: (i: number) => Promise<unknown>, finished: Promise<void>) => async () => {
    await timed(COUNT, CLIENTS, call);
    await finished;
  };
  const peerFinished = () => new Promise<void>((resolve) => (rawWaiter = { target: rawCompleted + COUNT, resolve }));
  const viaPeer = (i: number) => post(peerUrl, JSON.stringify({ name: 'noop', data: { i } }));
  /** A round through Fastify whose completions the client reads over HTTP, as its users would. */
  const polledPeer = async () => {
    const finished = peerFinished();
    const ids = await submitToPeer(peerUrl, COUNT, CLIENTS, post);
    const reads = await readBackFromPeer(peerUrl, ids, CLIENTS, (url) => get(agent, url));
    console.log(`  GET /tasks/:id per task: ${(reads / COUNT).toFixed(2)}`);
    await finished;
  };

  const env = { REDIS_URL: server.url, TASKQL_PREFIX: 'tq', LOG_FORMAT: 'json', LOG_LEVEL: 'info', PORT: '0' };
  const api = await start([TASKQL, 'api'], env, 'API listening', flags);
  const worker = await start([TASKQL, 'worker', '-c', '32'], env, 'worker started', flags);
  children.push(api.child, worker.child);
  const url = (JSON.parse(api.line) as { url: string }).url;
  const runTask = (name: string, input: unknown) => post(url, JSON.stringify({ query: 'mutation ($n: String!, $i: JSON) { runTask(name: $n, input: $i) { id } }', variables: { n: name, i: input } }));
  const viaTaskql = (i: number) => runTask('noop', { i });
  const feed = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  // Before each round (not measured): a feed subscription proven live.
  const taskqlFinished = () => feedCounter(feed, runTask)(COUNT, 'noop');

  // Warm-up (the JIT), then the rounds in turn.
  await round(viaPeer, peerFinished())();
  await polledPeer();
  await round(viaTaskql, (await taskqlFinished()).allDone)();
  for (let i = 0; i < ROUNDS; i++) {
    await measure('fastify + raw worker, counted in the worker', { api: peer.child.pid!, worker: rawWorker.child.pid! }, round(viaPeer, peerFinished()));
    await measure('fastify + raw worker, read over HTTP', { api: peer.child.pid!, worker: rawWorker.child.pid! }, polledPeer);
    await measure('taskql', { api: api.child.pid!, worker: worker.child.pid! }, round(viaTaskql, (await taskqlFinished()).allDone));
  }
  await feed.dispose();
} finally {
  for (const child of children) await stop(child);
  agent.destroy();
  admin.disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
