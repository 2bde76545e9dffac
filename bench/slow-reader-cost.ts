/**
 * What a client that stops reading its socket costs an API process: 1,000 taskUpdated
 * subscriptions on one WebSocket that is not read, while their 1,000 tasks report 50 steps of
 * progress each (a 4 kB input in every value). Prints the API's RSS before and after the tasks
 * ran. `node --expose-gc --import tsx bench/slow-reader-cost.ts`
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { defaultLimits } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startRedisServer } from '../src/redis/embedded.ts';
import { startApi } from '../src/server/api.ts';
import { TaskRegistry, taskTypes } from '../src/tasks/index.ts';
import { startWorker } from '../src/worker/index.ts';

const TASKS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'taskql-slow-bench-'));
const server = await startRedisServer({ dir });
const log = createLogger({ LOG_LEVEL: 'silent', LOG_FORMAT: 'json' });
const registry = new TaskRegistry(taskTypes);
const limits = { ...defaultLimits(), MAX_SUBSCRIPTIONS_PER_CONNECTION: 2 * TASKS, MAX_BODY_BYTES: 16 << 20 };
const api = await startApi({ redisUrl: server.url, prefix: 'bench', host: '127.0.0.1', port: 0, commandTimeoutMs: 5000, registry, log, limits });
const tasks = Array.from({ length: TASKS }, () => ({ name: 'processData', input: { data: 'x'.repeat(4096), steps: 50, stepMs: 0 } }));
const queued = (await (
  await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($tasks: [TaskRequest!]!) { runTasks(tasks: $tasks) { id } }', variables: { tasks } }),
  })
).json()) as { data: { runTasks: { id: string }[] } };
const ids = queued.data.runTasks.map((task) => task.id);

/** A socket with a subscription per task; resolves once each has sent its first value. */
async function subscribeAll(query: string, onComplete?: () => void): Promise<WebSocket> {
  const socket = new WebSocket(api.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  await once(socket, 'open');
  let first = 0;
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const seen = new Set<string>();
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { id?: string; type: string };
    if (message.type === 'connection_ack') ids.forEach((id, i) => socket.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query, variables: { id } } })));
    if (message.type === 'next' && !seen.has(message.id!)) {
      seen.add(message.id!);
      if (++first === TASKS) ready();
    }
    if (message.type === 'complete') onComplete?.();
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await started;
  return socket;
}

const slow = await subscribeAll('subscription Slow($id: ID!) { taskUpdated(id: $id) { state input progress { percent } } }');
(slow as unknown as { _socket: { pause(): void } })._socket.pause();
let done = 0;
let allDone!: () => void;
const finished = new Promise<void>((resolve) => (allDone = resolve));
const watcher = await subscribeAll('subscription Watch($id: ID!) { taskUpdated(id: $id) { state } }', () => ++done === TASKS && allDone());
global.gc?.();
const rssBefore = process.memoryUsage().rss;
const worker = await startWorker({ redisUrl: server.url, prefix: 'bench', registry, concurrency: 32, log });
await finished;
global.gc?.();
const rssAfter = process.memoryUsage().rss;
console.log(`${TASKS} taskUpdated subscriptions on a socket not read, 50 steps each: RSS ${(rssBefore / 2 ** 20).toFixed(0)} -> ${(rssAfter / 2 ** 20).toFixed(0)} MB`);
slow.terminate();
watcher.close();
await worker.stop();
await api.stop();
await server.stop();
rmSync(dir, { recursive: true, force: true });
