/**
 * `npm run bench`: raw BullMQ and taskql, in one go, on one redis-server of its own, on this
 * machine. Prints a table with the ratio taskql / raw per row and writes bench/results/latest.json.
 * API, workers and Redis are separate processes, as deployed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startRedisServer } from '../src/redis/embedded.ts';

const CLIENTS = 32;
const CONCURRENCY = 32;

interface Row {
  workload: string;
  metric: string;
  raw: number | null;
  taskql: number;
  unit: string;
  better: 'higher' | 'lower';
}
const rows: Row[] = [];
const notes: Record<string, unknown> = {};

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

/** `count` calls, `loops` at a time; answers each call's latency (ms), sorted. */
async function timed(count: number, loops: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
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

/** A child process; resolves once it prints a line containing `ready`. */
async function start(args: string[], env: Record<string, string>, ready: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.on('line', (text) => text.includes(ready) && resolve(text));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return { child, line };
}

const stop = async (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
};

/** POSTs a JSON body; answers the response body. */
const post = (agent: Agent, url: string, body: string) =>
  new Promise<string>((resolve, reject) => {
    const req = request(url, { agent, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    req.on('error', reject);
    req.end(body);
  });

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'taskql-bench-'));
  const redis = await startRedisServer({ dir });
  const connection = { url: redis.url, maxRetriesPerRequest: null };
  const children: ChildProcess[] = [];
  try {
    // ---- taskql processes
    const env = { REDIS_URL: redis.url, TASKQL_PREFIX: 'tq', LOG_FORMAT: 'json', LOG_LEVEL: 'info', PORT: '0', MAX_SUBSCRIPTIONS_PER_CONNECTION: '1000' };
    const api = await start(['src/main.ts', 'api'], env, 'API listening');
    children.push(api.child);
    const url = (JSON.parse(api.line) as { url: string }).url;
    // Node's own HTTP client, keep-alive, one socket per client loop (fetch costs the client
    // about five times the CPU, which on a shared 2-core machine is taken from the API).
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const gql = async (query: string, variables?: unknown) => {
      const body = JSON.parse(await post(agent, url, JSON.stringify({ query, variables }))) as { data?: Record<string, unknown>; errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const runTask = (name: string, input: unknown) => gql('mutation ($n: String!, $i: JSON) { runTask(name: $n, input: $i) { id } }', { n: name, i: input });
    const ws = (): Client => createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });

    // ---- 1. submit
    const rawQueue = new Queue('submit', { connection, prefix: 'raw' });
    await timed(200, CLIENTS, (i) => rawQueue.add('noop', { i }));
    const rawSubmit = await timed(2000, CLIENTS, (i) => rawQueue.add('noop', { i }));
    await timed(200, CLIENTS, (i) => runTask('noop', { i }));
    const t0 = performance.now();
    const tqSubmit = await timed(2000, CLIENTS, (i) => runTask('noop', { i }));
    const tqSubmitSeconds = (performance.now() - t0) / 1000;
    const rawSubmitRate = 2000 / (rawSubmit.reduce((a, b) => a + b, 0) / CLIENTS / 1000);
    rows.push(
      { workload: 'submit (2,000, 32 clients)', metric: 'submits/s', raw: Math.round(rawSubmitRate), taskql: Math.round(2000 / tqSubmitSeconds), unit: '/s', better: 'higher' },
      { workload: '', metric: 'latency p50', raw: Number(percentile(rawSubmit, 0.5).toFixed(2)), taskql: Number(percentile(tqSubmit, 0.5).toFixed(2)), unit: 'ms', better: 'lower' },
      { workload: '', metric: 'latency p99', raw: Number(percentile(rawSubmit, 0.99).toFixed(2)), taskql: Number(percentile(tqSubmit, 0.99).toFixed(2)), unit: 'ms', better: 'lower' },
      { workload: '', metric: 'latency max', raw: Number(rawSubmit.at(-1)!.toFixed(2)), taskql: Number(tqSubmit.at(-1)!.toFixed(2)), unit: 'ms', better: 'lower' },
    );
    await rawQueue.obliterate({ force: true });
    await rawQueue.close();
    await gql('mutation { drainQueue(name: "default") }');

    // ---- 2. end to end: 10,000 no-ops, completion observed by events
    const rawWorker = await start(['bench/raw-worker.ts', redis.url, 'raw', 'e2e', String(CONCURRENCY)], {}, 'ready');
    children.push(rawWorker.child);
    const e2e = new Queue('e2e', { connection, prefix: 'raw' });
    // The raw worker counts its own completions (cumulative, reported every 100).
    let rawCompleted = 0;
    const rawWaiters: { target: number; resolve: () => void }[] = [];
    createInterface({ input: rawWorker.child.stdout! }).on('line', (line) => {
      const match = /^completed (\d+)$/.exec(line);
      if (!match) return;
      rawCompleted = Number(match[1]);
      for (const waiter of rawWaiters.filter((w) => rawCompleted >= w.target)) {
        rawWaiters.splice(rawWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
    const rawDone = (count: number) => new Promise<void>((resolve) => rawWaiters.push({ target: rawCompleted + count, resolve }));
    let finished = rawDone(10_000);
    let start0 = performance.now();
    await timed(10_000, CLIENTS, (i) => e2e.add('noop', { i }));
    await finished;
    const rawE2e = 10_000 / ((performance.now() - start0) / 1000);

    const worker = await start(['src/main.ts', 'worker', '-c', String(CONCURRENCY)], env, 'worker started');
    children.push(worker.child);
    const feedClient = ws();
    /** Counts SUCCESS events of `name` on the live feed; resolves after `count` (a warm-up task first proves it live). */
    const feedDone = async (count: number, name: string, input: unknown) => {
      let done = 0;
      let live: () => void = () => {};
      const isLive = new Promise<void>((resolve) => (live = resolve));
      let all: () => void = () => {};
      const allDone = new Promise<void>((resolve) => (all = resolve));
      feedClient.subscribe(
        { query: `subscription { taskEvents(filter: { state: SUCCESS, name: "${name}" }) { id } }` },
        { next: () => (done++ === 0 ? live() : done === count + 1 && all()), error: (e) => console.error(e), complete: () => {} },
      );
      await runTask(name, input);
      await isLive;
      return { allDone }; // wrapped: awaiting feedDone must not wait for all of them
    };
    finished = (await feedDone(10_000, 'noop', { warmUp: true })).allDone;
    start0 = performance.now();
    await timed(10_000, CLIENTS, (i) => runTask('noop', { i }));
    await finished;
    const tqE2e = 10_000 / ((performance.now() - start0) / 1000);
    rows.push({ workload: 'end to end (10,000 no-ops)', metric: 'tasks/s', raw: Math.round(rawE2e), taskql: Math.round(tqE2e), unit: '/s', better: 'higher' });

    // ---- 3. io-bound: 1,000 tasks of 50 ms, concurrency 32
    finished = rawDone(1000);
    start0 = performance.now();
    await timed(1000, CLIENTS, (i) => e2e.add('sleep', { ms: 50, i }));
    await finished;
    const rawIo = (performance.now() - start0) / 1000;
    finished = (await feedDone(1000, 'sleep', { ms: 1 })).allDone;
    start0 = performance.now();
    await timed(1000, CLIENTS, () => runTask('sleep', { ms: 50 }));
    await finished;
    const tqIo = (performance.now() - start0) / 1000;
    rows.push({ workload: 'io-bound (1,000 x 50 ms, concurrency 32)', metric: 'total', raw: seconds(rawIo * 1000), taskql: seconds(tqIo * 1000), unit: 's', better: 'lower' });

    // ---- 4. fan-out: 1,000 subscribers on one task; then 10,000 subscriptions
    const sockets = Array.from({ length: 10 }, ws);
    const { runTask: tick } = (await runTask('tick', { count: 20, intervalMs: 50 })) as { runTask: { id: string } };
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        new Promise<void>((resolve) => {
          sockets[i % 10]!.subscribe<{ taskUpdated: { progress: { message: string | null } | null } }>(
            { query: `subscription { taskUpdated(id: "${tick.id}") { state progress { message } } }` },
            {
              next: ({ data }) => {
                const sent = Number(data?.taskUpdated.progress?.message);
                if (sent) latencies.push(Date.now() - sent);
              },
              error: () => resolve(),
              complete: () => resolve(),
            },
          );
        }),
      ),
    );
    latencies.sort((a, b) => a - b);
    rows.push(
      { workload: 'fan-out (1,000 subscribers, 1 task)', metric: 'event latency p50', raw: null, taskql: percentile(latencies, 0.5), unit: 'ms', better: 'lower' },
      { workload: '', metric: 'event latency p99', raw: null, taskql: percentile(latencies, 0.99), unit: 'ms', better: 'lower' },
    );
    notes.fanOutEvents = latencies.length;
    const rssBefore = rssMiB(api.child.pid!);
    const many = Array.from({ length: 100 }, ws);
    const { runTasks } = (await gql('mutation ($t: [TaskRequest!]!) { runTasks(tasks: $t) { id } }', {
      t: Array.from({ length: 100 }, () => ({ name: 'sleep', input: { ms: 1 }, options: { delayMs: 3_600_000 } })),
    })) as { runTasks: { id: string }[] };
    let open = 0;
    const stops: (() => void)[] = [];
    await new Promise<void>((resolve) => {
      for (let s = 0; s < 100; s++) {
        for (let k = 0; k < 100; k++) {
          stops.push(
            many[s]!.subscribe({ query: `subscription { taskUpdated(id: "${runTasks[k]!.id}") { state } }` }, { next: () => ++open === 10_000 && resolve(), error: (e) => console.error(e), complete: () => {} }),
          );
        }
      }
    });
    const rss10k = rssMiB(api.child.pid!);
    rows.push({ workload: 'fan-out (10,000 subscriptions held)', metric: 'API RSS', raw: null, taskql: Math.round(rss10k), unit: 'MB', better: 'lower' });
    notes.apiRssBefore10k = Math.round(rssBefore);
    for (const stopOne of stops) stopOne();
    await Promise.all([...many, ...sockets, feedClient].map((client) => client.dispose()));

    // ---- 5. batch: 10,000 tasks in one request vs raw individual adds
    await stop(worker.child);
    await stop(rawWorker.child);
    let batchStart = performance.now();
    await timed(10_000, CLIENTS, (i) => e2e.add('noop', { i }));
    const rawIndividual = (performance.now() - batchStart) / 1000;
    batchStart = performance.now();
    await e2e.addBulk(Array.from({ length: 10_000 }, (_, i) => ({ name: 'noop', data: { i } })));
    notes.rawAddBulk10kSeconds = seconds(performance.now() - batchStart);
    batchStart = performance.now();
    await gql('mutation ($t: [TaskRequest!]!) { runTasks(tasks: $t) { id } }', { t: Array.from({ length: 10_000 }, (_, i) => ({ name: 'noop', input: { i } })) });
    const tqBatch = (performance.now() - batchStart) / 1000;
    rows.push({ workload: 'batch (10,000 tasks)', metric: 'submit time (raw: individual adds)', raw: seconds(rawIndividual * 1000), taskql: seconds(tqBatch * 1000), unit: 's', better: 'lower' });
    await e2e.close();
    agent.destroy();
  } finally {
    for (const child of children) await stop(child);
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, date: new Date().toISOString() };
  writeFileSync('bench/results/latest.json', `${JSON.stringify({ machine, rows, notes }, null, 2)}\n`);
  console.log(`\n${machine.cpus} x ${machine.cpu}, Node ${machine.node}\n`);
  console.log('| workload | metric | raw BullMQ | taskql | taskql / raw |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) {
    const ratio = row.raw ? (row.taskql / row.raw).toFixed(2) : '—';
    console.log(`| ${row.workload} | ${row.metric} | ${row.raw ?? '—'}${row.raw === null ? '' : ` ${row.unit}`} | ${row.taskql} ${row.unit} | ${ratio} |`);
  }
  console.log('\nnotes:', JSON.stringify(notes));
}

await main();
process.exit(0);
