/**
 * `npm run build && npx tsx bench/submit-cpu.ts [count] [rounds]`: the serving process's CPU per
 * request while 32 clients submit `count` (default 8,000) no-ops over HTTP (keep-alive), the
 * Fastify + BullMQ service of bench/fastify-service.ts against taskql's compiled API (`runTask`,
 * and `{ __typename }`, a GraphQL request that does nothing), in turn, `rounds` times (default 3).
 * No worker runs: the tasks stay queued. With CPU_PROF=dir, the servers write V8 CPU profiles there.
 * With B=path/to/other/bin/taskql.js, a second API from that build runs too, in turn with the
 * first (A=path/to/bin/taskql.js picks the first build; an A/B comparison of two builds in one run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startRedisServer } from '../src/redis/embedded.ts';

const COUNT = Number(process.argv[2] ?? 8000);
const ROUNDS = Number(process.argv[3] ?? 3);
const CLIENTS = 32;
const TASKQL = process.env.A ?? 'dist/bin/taskql.js';
if (!existsSync(TASKQL)) throw new Error(`${TASKQL} is missing: run npm run build first`);
const profile = process.env.CPU_PROF;

function start(args: string[], env: Record<string, string>, ready: string): Promise<{ child: ChildProcess; line: string }> {
  const flags = [...(args[0]!.endsWith('.ts') ? ['--import', 'tsx'] : []), ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
  const child = spawn(process.execPath, [...flags, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line.includes(ready) && resolve({ child, line }));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

async function stop(child: ChildProcess) {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** A process's CPU time so far (user + system), in seconds. */
function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // in 10 ms ticks
}

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
const post = (url: string, body: string) =>
  new Promise<string>((resolve, reject) => {
    const req = request(url, { agent, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => (res.statusCode! < 300 ? resolve(Buffer.concat(chunks).toString()) : reject(new Error(`${res.statusCode}: ${Buffer.concat(chunks)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });

/** `count` posts, 32 at a time; answers requests/s, the server's CPU per request (ms) and p99 (ms). */
async function measure(pid: number, count: number, call: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const cpu0 = processCpu(pid);
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count) {
        const i = next++;
        const s = performance.now();
        await call(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: Math.round(count / seconds), cpuMs: Number((((processCpu(pid) - cpu0) * 1000) / count).toFixed(3)), p99: Number(latencies[Math.floor(0.99 * count)]!.toFixed(1)) };
}

const dir = mkdtempSync(join(tmpdir(), 'taskql-submit-'));
const server = await startRedisServer({ dir });
const children: ChildProcess[] = [];
try {
  const fastify = await start(['bench/fastify-service.ts', server.url, 'peer', 'submit'], {}, 'ready');
  children.push(fastify.child);
  const fastifyUrl = `${fastify.line.split(' ')[1]}/tasks`;
  const api = await start([TASKQL, 'api'], { REDIS_URL: server.url, TASKQL_PREFIX: 'tq', LOG_FORMAT: 'json', LOG_LEVEL: 'info', PORT: '0' }, 'API listening');
  children.push(api.child);
  const url = (JSON.parse(api.line) as { url: string }).url;
  const other = process.env.B
    ? await start([process.env.B, 'api'], { REDIS_URL: server.url, TASKQL_PREFIX: 'tqb', LOG_FORMAT: 'json', LOG_LEVEL: 'info', PORT: '0' }, 'API listening')
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
