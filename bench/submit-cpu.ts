/**
 * `npm run build && npx tsx bench/submit-cpu.ts [count] [rounds]`: the serving process's CPU per
 * request while 32 clients submit `count` (default 8,000) no-ops over HTTP (keep-alive), the
 * Fastify + BullMQ service of bench/fastify-service.ts against taskql's compiled API (`runTask`,
 * and `{ __typename }`, a GraphQL request that does nothing), in turn, `rounds` times (default 3).
 * No worker runs: the tasks stay queued. With CPU_PROF=dir (or HEAP_PROF=dir), the servers write profiles there.
 * With B=path/to/other/bin/taskql.js, a second API from that build runs too, in turn with the
 * first (A=path/to/bin/taskql.js picks the first build; an A/B comparison of two builds in one run).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '../src/redis/embedded.ts';
import { timed } from './load.ts';
import { post as postJson, processCpu, profilingFlags, start, stop } from './processes.ts';

const COUNT = Number(process.argv[2] ?? 8000);
const ROUNDS = Number(process.argv[3] ?? 3);
const CLIENTS = 32;
const TASKQL = process.env.A ?? 'dist/bin/taskql.js';
if (!existsSync(TASKQL)) throw new Error(`${TASKQL} is missing: run npm run build first`);

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
const post = (url: string, body: string) => postJson(agent, url, body);
const flags = profilingFlags();

/** `count` posts, 32 at a time; answers requests/s, the server's CPU per request (ms) and p99 (ms). */
async function measure(pid: number, count: number, call: (i: number) => Promise<unknown>) {
  const cpu0 = processCpu(pid);
  const t = performance.now();
  const latencies = await timed(count, CLIENTS, call);
  const seconds = (performance.now() - t) / 1000;
  return { rate: Math.round(count / seconds), cpuMs: Number((((processCpu(pid) - cpu0) * 1000) / count).toFixed(3)), p99: Number(latencies[Math.floor(0.99 * count)]!.toFixed(1)) };
}

const dir = mkdtempSync(join(tmpdir(), 'taskql-submit-'));
const server = await startRedisServer({ dir });
const children: ChildProcess[] = [];
try {
  const fastify = await start(['bench/fastify-service.ts', server.url, 'peer', 'submit'], {}, 'ready', flags);
  children.push(fastify.child);
  const fastifyUrl = `${fastify.line.split(' ')[1]}/tasks`;
  const api = await start([TASKQL, 'api'], { REDIS_URL: server.url, TASKQL_PREFIX: 'tq', LOG_FORMAT: 'json', LOG_LEVEL: 'info', PORT: '0' }, 'API listening', flags);
  children.push(api.child);
  const url = (JSON.parse(api.line) as { url: string }).url;
  const other = process.env.B
    ? await start([process.env.B, 'api'], { REDIS_URL: server.url, TASKQL_PREFIX: 'tqb', LOG_FORMAT: 'json', LOG_LEVEL: 'info', PORT: '0' }, 'API listening', flags)
    : undefined;
  if (other) children.push(other.child);
  const otherUrl = other && (JSON.parse(other.line) as { url: string }).url;
  const runTaskOn = (at: string) => (i: number) =>
    post(at, JSON.stringify({ query: 'mutation ($n: String!, $i: JSON) { runTask(name: $n, input: $i) { id } }', variables: { n: 'noop', i: { i } } }));
  const runTask = (i: number) => post(url, JSON.stringify({ query: 'mutation ($n: String!, $i: JSON) { runTask(name: $n, input: $i) { id } }', variables: { n: 'noop', i: { i } } }));
  const typename = () => post(url, JSON.stringify({ query: '{ __typename }' }));
  const viaFastify = (i: number) => post(fastifyUrl, JSON.stringify({ name: 'noop', data: { i } }));
  // Warm-up: the JIT (a service runs warm).
  await measure(fastify.child.pid!, COUNT, viaFastify);
  await measure(api.child.pid!, COUNT, runTask);
  if (process.env.ONLY !== 'runTask') await measure(api.child.pid!, COUNT, typename);
  if (other) await measure(other.child.pid!, COUNT, runTaskOn(otherUrl!));
  // ONLY=runTask (or fastify, typename): that row alone, for a profile of it.
  const only = process.env.ONLY;
  const pairs: [number, number][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (!only || only === 'fastify') console.log(`fastify POST /tasks     ${JSON.stringify(await measure(fastify.child.pid!, COUNT, viaFastify))}`);
    const a = await measure(api.child.pid!, COUNT, runTask);
    if (!only || only === 'runTask') console.log(`taskql runTask          ${JSON.stringify(a)}`);
    if (!only || only === 'typename') console.log(`taskql { __typename }   ${JSON.stringify(await measure(api.child.pid!, COUNT, typename))}`);
    if (other) {
      const b = await measure(other.child.pid!, COUNT, runTaskOn(otherUrl!));
      console.log(`B: taskql runTask       ${JSON.stringify(b)}`);
      pairs.push([a.cpuMs, b.cpuMs]);
    }
  }
  if (pairs.length > 0) {
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    console.log(`runTask CPU per request, median: A ${median(pairs.map(([x]) => x))} ms, B ${median(pairs.map(([, y]) => y))} ms; B/A per round, median ${median(pairs.map(([x, y]) => y / x)).toFixed(3)}`);
  }
} finally {
  for (const child of children) await stop(child);
  agent.destroy();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
