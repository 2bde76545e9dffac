/**
 * `npm run bench`: raw BullMQ and taskql, in one go, on one redis-server of its own, on this
 * machine. Prints a table with the ratio taskql / raw per row and writes bench/results/latest.json.
 * API, workers and Redis are separate processes, as deployed.
 */
import type { ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startRedisCluster } from '../test/support/redis-cluster.ts';
import { startRedisServer } from '../src/redis/embedded.ts';
import { hashTagged } from '../src/queue/keys.ts';
import { TaskStore } from '../src/queue/task-store.ts';
import { createRedis } from '../src/redis/connections.ts';
import { TaskRegistry, taskTypes } from '../src/tasks/index.ts';
import { fanOut, rssMiB } from './fan-out.ts';
import { drainRate, feedCounter, readBackFromPeer, readBackFromTaskql, submitToPeer, timed } from './load.ts';
import { get, post, processCpu, start, stop } from './processes.ts';

const CLIENTS = 32;
const CONCURRENCY = 32;
const DRAIN_ROUNDS = 5;
/** Tasks each side of the end-to-end row runs unmeasured first. */
const E2E_WARM_UP = 2000;

interface Row {
  workload: string;
  metric: string;
  raw: number | null;
  /** A Fastify + BullMQ REST service (bench/fastify-service.ts), where the row has one. */
  peer?: number;
  taskql: number;
  unit: string;
  better: 'higher' | 'lower';
}
const rows: Row[] = [];
const notes: Record<string, unknown> = {};

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * taskql as a user runs it: the package's compiled bin on plain node (`npm run bench` builds it
 * first). Under the tsx loader an API process holds ~45 MB more (a loader thread) and starts slower.
 */
const TASKQL = 'dist/bin/taskql.js';

/** Where the run is, on stderr (the table goes to stdout). */
const progress = (phase: string) => console.error(`[bench] ${new Date().toISOString().slice(11, 19)} ${phase}`);

/** GraphQL over HTTP to one API (keep-alive): `gql` fails on GraphQL errors; `runTask` queues one. */
const graphqlAt = (agent: Agent, url: string) => {
  const gql = async (query: string, variables?: unknown) => {
    const body = JSON.parse(await post(agent, url, JSON.stringify({ query, variables }))) as { data?: Record<string, unknown>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const runTask = (name: string, input: unknown) => gql('mutation ($n: String!, $i: JSON) { runTask(name: $n, input: $i) { id } }', { n: name, i: input });
  return { gql, runTask };
};

/** An API and a worker process on `env`'s Redis; resolves once both are ready, with the API's URL. */
const startTaskql = async (env: Record<string, string>, children: ChildProcess[]) => {
  const api = await start([TASKQL, 'api'], env, 'API listening');
  const worker = await start([TASKQL, 'worker', '-c', String(CONCURRENCY)], env, 'worker started');
  children.push(api.child, worker.child);
  return { api, worker, url: (JSON.parse(api.line) as { url: string }).url };
};


async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'taskql-bench-'));
  const redis = await startRedisServer({ dir });
  const connection = { url: redis.url, maxRetriesPerRequest: null };
  const children: ChildProcess[] = [];
  try {
    // ---- taskql processes
    const env = { REDIS_URL: redis.url, TASKQL_PREFIX: 'tq', LOG_FORMAT: 'json', LOG_LEVEL: 'info', PORT: '0', MAX_SUBSCRIPTIONS_PER_CONNECTION: '1000' };
    const api = await start([TASKQL, 'api'], env, 'API listening');
    children.push(api.child);
    const url = (JSON.parse(api.line) as { url: string }).url;
    // Node's own HTTP client, keep-alive, one socket per client loop (fetch costs the client
    // about five times the CPU, which on a shared 2-core machine is taken from the API).
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const { gql, runTask } = graphqlAt(agent, url);
    const ws = (): Client => createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });

    // ---- 1. submit
    progress('submit');
    const rawQueue = new Queue('submit', { connection, prefix: 'raw' });
    // Warm-up (the JIT; a service runs warm): as many calls as are measured.
    await timed(2000, CLIENTS, (i) => rawQueue.add('noop', { i }));
    const rawStart = performance.now();
    const rawSubmit = await timed(2000, CLIENTS, (i) => rawQueue.add('noop', { i }));
    const rawSubmitSeconds = (performance.now() - rawStart) / 1000;
    // The peer: Fastify + a BullMQ Queue, over HTTP like taskql.
    const peerSubmit = await start(['bench/fastify-service.ts', redis.url, 'peer', 'submit'], {}, 'ready');
    children.push(peerSubmit.child);
    const peerSubmitUrl = `${peerSubmit.line.split(' ')[1]}/tasks`;
    await timed(2000, CLIENTS, (i) => post(agent, peerSubmitUrl, JSON.stringify({ name: 'noop', data: { i } })));
    const peerStart = performance.now();
    const peerLatencies = await timed(2000, CLIENTS, (i) => post(agent, peerSubmitUrl, JSON.stringify({ name: 'noop', data: { i } })));
    const peerSubmitSeconds = (performance.now() - peerStart) / 1000;
    await stop(peerSubmit.child);
    await timed(2000, CLIENTS, (i) => runTask('noop', { i }));
    const t0 = performance.now();
    const tqSubmit = await timed(2000, CLIENTS, (i) => runTask('noop', { i }));
    const tqSubmitSeconds = (performance.now() - t0) / 1000;
    rows.push(
      { workload: 'submit (2,000, 32 clients)', metric: 'submits/s', raw: Math.round(2000 / rawSubmitSeconds), peer: Math.round(2000 / peerSubmitSeconds), taskql: Math.round(2000 / tqSubmitSeconds), unit: '/s', better: 'higher' },
      ...([['latency p50', 0.5], ['latency p99', 0.99], ['latency max', 1]] as const).map(([metric, q]) => ({
        workload: '',
        metric,
        raw: Number(percentile(rawSubmit, q).toFixed(2)),
        peer: Number(percentile(peerLatencies, q).toFixed(2)),
        taskql: Number(percentile(tqSubmit, q).toFixed(2)),
        unit: 'ms',
        better: 'lower' as const,
      })),
    );
    await rawQueue.obliterate({ force: true });
    await rawQueue.close();
    await gql('mutation { drainQueue(name: "default") }');

    // ---- 2. end to end: 10,000 no-ops, completion observed by events
    progress('end to end');
    const e2e = new Queue('e2e', { connection, prefix: 'raw' });
    // Raw workers count their own completions (cumulative, every 100 and when idle).
    const rawCounts = new Map<ChildProcess, number>();
    const rawCompleted = () => [...rawCounts.values()].reduce((a, b) => a + b, 0);
    const rawWaiters: { target: number; resolve: () => void }[] = [];
    const startRawWorker = async () => {
      const worker = await start(['bench/raw-worker.ts', redis.url, 'raw', 'e2e', String(CONCURRENCY)], {}, 'ready');
      children.push(worker.child);
      rawCounts.set(worker.child, 0);
      createInterface({ input: worker.child.stdout! }).on('line', (line) => {
        const match = /^completed (\d+)$/.exec(line);
        if (!match) return;
        rawCounts.set(worker.child, Number(match[1]));
        for (const waiter of rawWaiters.filter((w) => rawCompleted() >= w.target)) {
          rawWaiters.splice(rawWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      });
      return worker;
    };
    const rawWorker = await startRawWorker();
    const rawDone = (count: number) => new Promise<void>((resolve) => rawWaiters.push({ target: rawCompleted() + count, resolve }));
    // Each side first runs a round of E2E_WARM_UP unmeasured (the JIT: a service runs warm).
    let finished = rawDone(E2E_WARM_UP);
    await timed(E2E_WARM_UP, CLIENTS, (i) => e2e.add('noop', { i }));
    await finished;
    finished = rawDone(10_000);
    let start0 = performance.now();
    await timed(10_000, CLIENTS, (i) => e2e.add('noop', { i }));
    await finished;
    const rawE2e = 10_000 / ((performance.now() - start0) / 1000);

    // The peer: submitted over HTTP to Fastify, run by the same plain BullMQ worker process.
    // Its completions seen two ways: as its users would, over HTTP (each task read back with
    // GET /tasks/:id once the submits are done, again only if unfinished: the fewest reads a
    // client of a service without push can make), and counted inside its worker, where nobody
    // is told.
    const peer = await start(['bench/fastify-service.ts', redis.url, 'raw', 'e2e'], {}, 'ready');
    children.push(peer.child);
    const peerUrl = `${peer.line.split(' ')[1]}/tasks`;
    const peerRound = async (count: number, readBack: boolean) => {
      const done = rawDone(count);
      const t = performance.now();
      const ids = await submitToPeer(peerUrl, count, CLIENTS, (url, body) => post(agent, url, body));
      let reads = 0;
      if (readBack) reads = await readBackFromPeer(peerUrl, ids, CLIENTS, (url) => get(agent, url));
      else await done;
      const rate = count / ((performance.now() - t) / 1000);
      await done; // the worker's count caught up (later rows count on from it)
      return { rate, reads };
    };
    await peerRound(E2E_WARM_UP, true);
    const peerE2eUntold = (await peerRound(10_000, false)).rate;
    const { rate: peerE2e, reads: peerReads } = await peerRound(10_000, true);
    notes['end to end, Fastify: GET /tasks/:id per task'] = Number((peerReads / 10_000).toFixed(2));
    await stop(peer.child);

    const worker = await start([TASKQL, 'worker', '-c', String(CONCURRENCY)], env, 'worker started');
    children.push(worker.child);
    // taskql's completions read back over HTTP as the peer's are (task(id) for each task once the
    // submits are done, again only if unfinished), before any feed subscriber: nobody watches.
    const taskqlRound = async (count: number) => {
      const t = performance.now();
      const ids: string[] = [];
      await timed(count, CLIENTS, async (i) => {
        ids[i] = ((await runTask('noop', { i })) as { runTask: { id: string } }).runTask.id;
      });
      const reads = await readBackFromTaskql(ids, CLIENTS, gql);
      return { rate: count / ((performance.now() - t) / 1000), reads };
    };
    await taskqlRound(E2E_WARM_UP);
    const { rate: tqReadBack, reads: tqReads } = await taskqlRound(10_000);
    notes['end to end, taskql: task(id) per task'] = Number((tqReads / 10_000).toFixed(2));
    const feedClient = ws();
    const feedDone = feedCounter(feedClient, runTask);
    finished = (await feedDone(E2E_WARM_UP, 'noop')).allDone;
    await timed(E2E_WARM_UP, CLIENTS, (i) => runTask('noop', { i }));
    await finished;
    finished = (await feedDone(10_000, 'noop')).allDone;
    start0 = performance.now();
    await timed(10_000, CLIENTS, (i) => runTask('noop', { i }));
    await finished;
    const tqE2e = 10_000 / ((performance.now() - start0) / 1000);
    rows.push(
      { workload: 'end to end (10,000 no-ops)', metric: 'tasks/s, completion seen by the client (taskql: taskEvents over graphql-ws; Fastify: GET /tasks/:id; raw: counted in its worker)', raw: Math.round(rawE2e), peer: Math.round(peerE2e), taskql: Math.round(tqE2e), unit: '/s', better: 'higher' },
      { workload: '', metric: "tasks/s, Fastify's completions counted in its worker (nobody told)", raw: Math.round(rawE2e), peer: Math.round(peerE2eUntold), taskql: Math.round(tqE2e), unit: '/s', better: 'higher' },
      { workload: '', metric: 'tasks/s, completion read back over HTTP by both (taskql: task(id); Fastify: GET /tasks/:id)', raw: Math.round(rawE2e), peer: Math.round(peerE2e), taskql: Math.round(tqReadBack), unit: '/s', better: 'higher' },
    );

    // ---- 3. io-bound: 1,000 tasks of 50 ms, concurrency 32
    progress('io-bound');
    finished = rawDone(1000);
    start0 = performance.now();
    await timed(1000, CLIENTS, (i) => e2e.add('sleep', { ms: 50, i }));
    await finished;
    const rawIo = (performance.now() - start0) / 1000;
    finished = (await feedDone(1000, 'sleep')).allDone;
    start0 = performance.now();
    await timed(1000, CLIENTS, () => runTask('sleep', { ms: 50 }));
    await finished;
    const tqIo = (performance.now() - start0) / 1000;
    rows.push({ workload: 'io-bound (1,000 x 50 ms, concurrency 32)', metric: 'total', raw: seconds(rawIo * 1000), taskql: seconds(tqIo * 1000), unit: 's', better: 'lower' });

    // ---- 3b. scale out: 10,000 queued in one batch, drained by 1, then 2 worker processes
    progress('scale-out');
    // Timed from the moment the queue is resumed: the batch is queued (paused) before, so the
    // row is the workers' drain rate alone (the batch's submit has a row of its own).
    // Raw BullMQ given the job options taskql gives a task (priority, attempts with backoff,
    // retention, logs): of the drain's gap, what is BullMQ's own work for those options.
    const optionsRedis = createRedis({ url: redis.url }, 'command');
    const taskqlStore = new TaskStore({ redis: optionsRedis, prefix: 'tq', queueNames: ['default'] });
    const taskqlJobOptions = taskqlStore.jobTemplate(new TaskRegistry(taskTypes).get('noop')!, {}, {}).opts;
    // Both sides' completions are read from BullMQ's completed set (drainRate), alike.
    const taskqlCompleted = taskqlStore.queue('default').toKey('completed');
    const drainRaw = async (opts?: typeof taskqlJobOptions) => {
      await e2e.pause();
      await e2e.addBulk(Array.from({ length: 10_000 }, (_, i) => ({ name: 'noop', data: { i }, opts })));
      return drainRate(optionsRedis, e2e.toKey('completed'), 10_000, () => e2e.resume());
    };
    const drainTaskql = async () => {
      await gql('mutation { pauseQueue(name: "default") { name } }');
      await gql('mutation ($t: [TaskRequest!]!) { runTasks(tasks: $t) { id } }', { t: Array.from({ length: 10_000 }, (_, i) => ({ name: 'noop', input: { i } })) });
      return drainRate(optionsRedis, taskqlCompleted, 10_000, () => gql('mutation { resumeQueue(name: "default") { name } }'));
    };
    // Five rounds, raw, raw given taskql's options and taskql in turn, and each one's median: on
    // a shared machine one drain can be a fifth off, or more (three rounds moved the 1-worker
    // ratio from 0.58 to 0.49 between two runs); the turns keep a drift of the machine's speed
    // out of the ratio.
    const drainRounds = async (label: string): Promise<[number, number, number]> => {
      const raw: number[] = [];
      const rawWithOptions: number[] = [];
      const taskql: number[] = [];
      for (let round = 0; round < DRAIN_ROUNDS; round++) {
        raw.push(await drainRaw());
        rawWithOptions.push(await drainRaw(taskqlJobOptions));
        taskql.push(await drainTaskql());
      }
      notes[`drain runs, ${label}`] = { raw, rawWithOptions, taskql };
      return [median(raw), median(rawWithOptions), median(taskql)];
    };
    const [raw1, rawOptions1, taskql1] = await drainRounds('1 worker process');
    const secondRaw = await startRawWorker();
    const secondWorker = await start([TASKQL, 'worker', '-c', String(CONCURRENCY)], env, 'worker started');
    children.push(secondWorker.child);
    const [raw2, rawOptions2, taskql2] = await drainRounds('2 worker processes');
    await Promise.all([stop(secondRaw.child), stop(secondWorker.child)]);
    rows.push(
      { workload: `drain (10,000 queued, timed from resume; median of ${DRAIN_ROUNDS}, in turn with raw)`, metric: 'tasks/s, 1 worker process', raw: raw1, taskql: taskql1, unit: '/s', better: 'higher' },
      { workload: '', metric: 'tasks/s, 2 worker processes', raw: raw2, taskql: taskql2, unit: '/s', better: 'higher' },
      { workload: '', metric: "tasks/s, 1 worker process, raw given taskql's job options", raw: rawOptions1, taskql: taskql1, unit: '/s', better: 'higher' },
      { workload: '', metric: "tasks/s, 2 worker processes, raw given taskql's job options", raw: rawOptions2, taskql: taskql2, unit: '/s', better: 'higher' },
    );
    optionsRedis.disconnect();

    // ---- 4. batch: 10,000 tasks in one request vs raw individual adds
    progress('batch');
    await feedClient.dispose();
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
    // ---- 5. fan-out, on an API process of its own (its memory is not the earlier rows' garbage):
    progress('fan-out');
    // N subscriptions, one tick task each, then 1,000 subscribers on one task; progress flows
    // from the workers (each event carries its send time; a final state is timed from its
    // finishedAt: see fanOut), the queue paused until all listen.
    // The tasks are queued through the first API process (clients may queue through any): the
    // fan-out API's memory is the subscriptions', not a 10,000-task request's garbage.
    const { api: fanApi, worker: fanWorker, url: fanUrl } = await startTaskql(env, children);
    const cpuMs = (pid: number) => processCpu(pid) * 1000;
    const fanRun = async (label: string, tasks: number, subscribers: number, tick: { count: number; intervalMs: number }) => {
      await gql('mutation { pauseQueue(name: "default") { name } }');
      const { runTasks } = (await gql('mutation ($t: [TaskRequest!]!) { runTasks(tasks: $t) { id } }', {
        t: Array.from({ length: tasks }, () => ({ name: 'tick', input: tick })),
      })) as { runTasks: { id: string }[] };
      const pid = fanApi.child.pid!;
      const { sockets, latencies, done } = await fanOut(fanUrl, runTasks.map((task) => task.id), subscribers);
      const rss = rssMiB(pid);
      const cpu0 = cpuMs(pid);
      const t0 = performance.now();
      await gql('mutation { resumeQueue(name: "default") { name } }');
      await done;
      const cpu = (cpuMs(pid) - cpu0) / (performance.now() - t0);
      await Promise.all(sockets.map((socket) => socket.dispose()));
      latencies.sort((a, b) => a - b);
      rows.push(
        { workload: label, metric: 'event latency p50', raw: null, taskql: percentile(latencies, 0.5), unit: 'ms', better: 'lower' },
        { workload: '', metric: 'event latency p99', raw: null, taskql: percentile(latencies, 0.99), unit: 'ms', better: 'lower' },
        { workload: '', metric: 'API RSS, all subscribed', raw: null, taskql: Math.round(rss), unit: 'MB', better: 'lower' },
        { workload: '', metric: 'API CPU while events flow', raw: null, taskql: Math.round(cpu * 100), unit: '%', better: 'lower' },
      );
      notes[`${label} events`] = latencies.length;
    };
    notes.fanOutApiRssIdle = Math.round(rssMiB(fanApi.child.pid!));
    await fanRun('fan-out (1,000 subscriptions, 1 task each)', 1000, 1, { count: 5, intervalMs: 20 });
    await fanRun('fan-out (10,000 subscriptions, 1 task each)', 10_000, 1, { count: 5, intervalMs: 20 });
    await fanRun('fan-out (1,000 subscribers, 1 task)', 1, 1000, { count: 20, intervalMs: 50 });
    await Promise.all([stop(fanApi.child), stop(fanWorker.child), stop(api.child)]);

    // ---- 6. Redis Cluster (3 masters on this machine): submit and drain, raw and taskql
    progress('cluster');
    const cluster = await startRedisCluster({ dir: join(dir, 'cluster') });
    try {
      const clusterEnv = { ...env, REDIS_URL: `redis://${cluster.nodes[0]}`, REDIS_CLUSTER_NODES: cluster.nodes.join(',') };
      const clusterConnection = new Cluster(cluster.nodes.map((node) => ({ host: node.split(':')[0]!, port: Number(node.split(':')[1]) })), {
        redisOptions: { maxRetriesPerRequest: null },
      });
      const rawClusterQueue = new Queue('e2e', { connection: clusterConnection, prefix: '{raw}' });
      await timed(2000, CLIENTS, (i) => rawClusterQueue.add('noop', { i }));
      let t = performance.now();
      await timed(2000, CLIENTS, (i) => rawClusterQueue.add('noop', { i }));
      const rawClusterSubmit = Math.round(2000 / ((performance.now() - t) / 1000));
      await rawClusterQueue.obliterate({ force: true });

      const { api: clusterApi, worker: clusterWorker, url: clusterUrl } = await startTaskql(clusterEnv, children);
      const { gql: clusterGql, runTask: clusterRunTask } = graphqlAt(agent, clusterUrl);
      await timed(2000, CLIENTS, (i) => clusterRunTask('noop', { i }));
      t = performance.now();
      await timed(2000, CLIENTS, (i) => clusterRunTask('noop', { i }));
      const taskqlClusterSubmit = Math.round(2000 / ((performance.now() - t) / 1000));

      // Drain: 10,000 queued while the queue is paused, timed from its resume, 1 worker process
      // each, both sides' completions read from BullMQ's completed set (as the drain rows above).
      const rawClusterWorker = await start(['bench/raw-worker.ts', `cluster:${cluster.nodes.join(',')}`, '{raw}', 'e2e', String(CONCURRENCY)], {}, 'ready');
      children.push(rawClusterWorker.child);
      await rawClusterQueue.pause();
      await rawClusterQueue.addBulk(Array.from({ length: 10_000 }, (_, i) => ({ name: 'noop', data: { i } })));
      const rawClusterDrain = await drainRate(clusterConnection, rawClusterQueue.toKey('completed'), 10_000, () => rawClusterQueue.resume());

      const taskqlClusterQueue = new Queue('default', { connection: clusterConnection, prefix: hashTagged(env.TASKQL_PREFIX) });
      await clusterGql('mutation { pauseQueue(name: "default") { name } }');
      await clusterGql('mutation ($t: [TaskRequest!]!) { runTasks(tasks: $t) { id } }', { t: Array.from({ length: 10_000 }, (_, i) => ({ name: 'noop', input: { i } })) });
      const taskqlClusterDrain = await drainRate(clusterConnection, taskqlClusterQueue.toKey('completed'), 10_000, () =>
        clusterGql('mutation { resumeQueue(name: "default") { name } }'),
      );
      await taskqlClusterQueue.close();
      rows.push(
        { workload: 'Redis Cluster (3 masters)', metric: 'submits/s (2,000, 32 clients)', raw: rawClusterSubmit, taskql: taskqlClusterSubmit, unit: '/s', better: 'higher' },
        { workload: '', metric: 'drain 10,000 queued, timed from resume, tasks/s, 1 worker process', raw: rawClusterDrain, taskql: taskqlClusterDrain, unit: '/s', better: 'higher' },
      );
      await Promise.all([stop(clusterApi.child), stop(clusterWorker.child), stop(rawClusterWorker.child)]);
      await rawClusterQueue.close();
      clusterConnection.disconnect();
    } finally {
      await cluster.stop();
    }

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
  console.log('| workload | metric | raw BullMQ | Fastify + BullMQ | taskql | taskql / raw | taskql / Fastify |');
  console.log('|---|---|---|---|---|---|---|');
  const figure = (value: number | null | undefined, unit: string) => (value === null || value === undefined ? '—' : `${value} ${unit}`);
  const ratio = (of: number, to: number | null | undefined) => (to ? (of / to).toFixed(2) : '—');
  for (const row of rows) {
    console.log(
      `| ${row.workload} | ${row.metric} | ${figure(row.raw, row.unit)} | ${figure(row.peer, row.unit)} | ${row.taskql} ${row.unit} | ${ratio(row.taskql, row.raw)} | ${ratio(row.taskql, row.peer)} |`,
    );
  }
  console.log('\nnotes:', JSON.stringify(notes));
}

await main();
process.exit(0);
